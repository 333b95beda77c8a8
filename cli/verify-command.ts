// `tollgate verify KEY`: asks the worker whether a key is valid (POST /auth/verify), and
// for one request when given `--method`/`--path`; exits 1 when it is not.
import { Command } from 'commander'
import { contextOf, print, type CliIo } from './cli-context'
import { dateOf, keyValues } from './output'
import { Refused, UsageError } from './usage-error'

/** The `verify` command. */
export function verifyCommand(io: CliIo): Command {
  return new Command('verify')
    .description('check a key (and, given --method and --path, one request); exit 1 if refused')
    .argument('<key>', 'the API key')
    .option('--method <method>', "the request's method (with --path; default GET)")
    .option('--path <path>', "the request's path, e.g. /api/articles")
    .option('--ip <address>', "the client's address, for a token limited to some")
    .action(
      async (
        key: string,
        options: { method?: string; path?: string; ip?: string },
        command: Command,
      ) => {
        const { method = 'GET', path, ip } = options
        // A method alone would be dropped, and "valid" read as "may POST".
        if (options.method !== undefined && path === undefined) {
          throw new UsageError('--method needs --path: the request to judge')
        }
        const ctx = contextOf(command, io, { needsToken: false })
        const verdict = await ctx.client.verify(
          path === undefined ? { key, ip } : { key, method, path, ip },
        )
        print(ctx, verdict, ({ valid, code, token, previousKey, reason }) => {
          const entries: [string, string][] = [
            ['Valid', valid ? 'yes' : `no (${code}${reason ? `: ${reason}` : ''})`],
          ]
          if (path !== undefined) entries.push(['Request', `${method} ${path}`])
          if (token) {
            entries.push(['Token', `${token.id} "${token.name}" (${token.type})`])
            entries.push(['Expires', dateOf(token.expiresAt, 'never')])
          }
          if (previousKey) entries.push(['Key', 'the previous key, in its grace period'])
          return keyValues(entries)
        })
        if (!verdict.valid) throw new Refused(verdict.code)
      },
    )
}
