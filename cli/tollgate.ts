// The `tollgate` command (SPEC §11): the admin API from a terminal or a script, built on
// `tollgate/client`. Exit 0 on success, 1 on an API error (its message on stderr), 2 on
// a usage error.
import { Command, CommanderError } from 'commander'
import { TollgateApiError } from '../client'
import packageJson from '../package.json' with { type: 'json' }
import type { CliIo } from './cli-context'
import { importCommand } from './import-command'
import { tokenCommands } from './token-commands'
import { scanCommand } from './scan-command'
import { Refused, UsageError } from './usage-error'
import { verifyCommand } from './verify-command'

export type { CliIo } from './cli-context'

const EXAMPLES = `
Examples:
  $ export TOLLGATE_URL=https://gate.example.com TOLLGATE_TOKEN=<admin JWT>
  $ tollgate tokens create --name "CI deploy" --type read-only --duration 90d --quiet
  $ tollgate tokens list --search ci
  $ tollgate tokens regenerate 12 --grace 1h --quiet
  $ tollgate tokens usage 12 --days 14
  $ tollgate verify "$KEY" --method GET --path /api/articles
  $ tollgate scan .
  $ tollgate import strapi --sqlite .tmp/data.db`

/** The program, its commands, and its output sent to `io`. */
function program(io: CliIo): Command {
  const root = new Command('tollgate')
    .description('Manage Tollgate API tokens from the command line.')
    .option('--url <url>', 'the Tollgate worker (default: $TOLLGATE_URL)')
    .option('--token <jwt>', 'an admin JWT (default: $TOLLGATE_TOKEN)')
    .option('--json', "print the API's data as JSON, for scripts")
    .version(packageJson.version, '--version', 'print the version')
    .addCommand(tokenCommands(io))
    .addCommand(verifyCommand(io))
    .addCommand(scanCommand(io))
    .addCommand(importCommand(io))
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run with --help for usage)')
  const configure = (command: Command) => {
    command
      .exitOverride()
      .configureHelp({ showGlobalOptions: true })
      .configureOutput({
        writeOut: (text) => io.out(text.trimEnd()),
        writeErr: (text) => io.err(text.trimEnd()),
      })
    for (const sub of command.commands) configure(sub)
  }
  configure(root)
  return root
}

/**
 * Runs `tollgate` with `args` (without `node` and the script) and answers its exit code:
 * 0 on success, 1 on an API error or a refused `verify`, 2 on a usage error.
 *
 * @example
 * process.exitCode = await runTollgate(process.argv.slice(2), nodeIo())
 */
export async function runTollgate(args: string[], io: CliIo): Promise<number> {
  try {
    await program(io).parseAsync(args, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof Refused) return 1
    if (error instanceof CommanderError) {
      // --help and --version are not errors.
      return error.exitCode === 0 ? 0 : 2
    }
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`)
      return 2
    }
    if (error instanceof TollgateApiError) {
      io.err(`error: ${error.message}`)
      for (const field of error.details.errors ?? []) {
        io.err(`  ${field.path.join('.') || '(body)'}: ${field.message} (${field.code})`)
      }
      return 1
    }
    // Anything else (a bug, a broken terminal) still ends as an error, not a stack trace.
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}
