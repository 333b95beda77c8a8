// What every command runs with: the client for `--url`/`--token`, where to print, and how.
import type { Command } from 'commander'
import { createTollgateClient, type TollgateClient } from '../client'
import type { CliOutput } from './output'
import { UsageError } from './usage-error'

/** What the CLI is run with: its streams, environment, and (a terminal only) a yes/no question. */
export interface CliIo extends CliOutput {
  env: Record<string, string | undefined>
  /** Asks a yes/no question; absent when stdin is not a terminal. */
  confirm?: (question: string) => Promise<boolean>
  fetch?: typeof fetch
}

/** A command's context: the client and the output mode. */
export interface CliContext {
  client: TollgateClient
  io: CliIo
  json: boolean
}

/** The global options, from the command line or `TOLLGATE_URL` / `TOLLGATE_TOKEN`. */
interface GlobalOptions {
  url?: string
  token?: string
  json?: boolean
}

/**
 * The context of `command`, from the program's global options. `needsToken`: the admin
 * routes need an admin JWT; `verify` does not.
 */
export function contextOf(command: Command, io: CliIo, { needsToken = true } = {}): CliContext {
  const options = command.optsWithGlobals<GlobalOptions>()
  const url = options.url ?? io.env.TOLLGATE_URL
  const token = options.token ?? io.env.TOLLGATE_TOKEN
  if (!url) throw new UsageError('the worker is unknown: pass --url or set TOLLGATE_URL')
  if (!URL.canParse(url)) throw new UsageError(`--url is not a URL: "${url}"`)
  if (needsToken && !token) {
    throw new UsageError('no admin JWT: pass --token or set TOLLGATE_TOKEN')
  }
  // `verify` sends no admin JWT: its route needs none.
  const getAuthToken = () => (needsToken ? token : undefined)
  const client = createTollgateClient({ baseUrl: url, getAuthToken, fetch: io.fetch })
  return { client, io, json: options.json === true }
}

/** Prints `data` as JSON with `--json`, else what `human` makes of it. */
export function print<T>(context: CliContext, data: T, human: (data: T) => string): void {
  context.io.out(context.json ? JSON.stringify(data, null, 2) : human(data))
}
