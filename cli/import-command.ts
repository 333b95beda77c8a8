// `tollgate import strapi --sqlite FILE | --postgres URL`: Strapi v5's API tokens move in
// with their keys (SPEC §12), posted in batches to POST /admin/api-tokens/import; what was
// imported and what was not, as a table or --json; exit 1 when any token was not.
import { Command } from 'commander'
import type { StrapiTokenImport, TokenImportResult } from '../contract/admin-wire'
import { contextOf, print, type CliIo } from './cli-context'
import { table } from './output'
import { readPostgres, readSqlite } from './strapi-readers'
import { strapiTokensOf } from './strapi-tables'
import { Refused, UsageError } from './usage-error'

/** The most tokens one request carries (the route's limit). */
const MAX_BATCH_ROWS = 1000
/** The most JSON one request carries: well under the route's 2 MiB. */
const MAX_BATCH_BYTES = 1024 * 1024

/** What the command reports: the tokens imported, and each one not, by its place in Strapi's table. */
export interface StrapiImportReport {
  imported: TokenImportResult['imported']
  notImported: { index: number; name: string; message: string; error?: unknown }[]
}

/** A token to import, with its place in Strapi's table. */
interface Importable {
  name: string
  token: StrapiTokenImport
}

/** The tokens as batches that each fit one request. */
function batchesOf(tokens: { index: number; token: Importable }[]) {
  const batches: (typeof tokens)[] = []
  let batch: typeof tokens = []
  let bytes = 0
  for (const entry of tokens) {
    const size = JSON.stringify(entry.token.token).length + 1
    if (batch.length && (batch.length === MAX_BATCH_ROWS || bytes + size > MAX_BATCH_BYTES)) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
    batch.push(entry)
    bytes += size
  }
  if (batch.length) batches.push(batch)
  return batches
}

/** One line for an error object of the import: its field errors, or its message. */
function messageOf(error: { message: string; details: { errors?: unknown } }): string {
  const fields = Array.isArray(error.details.errors)
    ? (error.details.errors as { path: string[]; message: string; code: string }[])
    : []
  if (!fields.length) return error.message
  return fields.map((field) => `${field.message} (${field.code})`).join('; ')
}

/** The `import` command, with its one source so far: `strapi`. */
export function importCommand(io: CliIo): Command {
  const strapi = new Command('strapi')
    .description(
      'import Strapi v5 API tokens with their keys: clients keep their keys (needs STRAPI_API_TOKEN_SALT on the worker)',
    )
    .option('--sqlite <file>', "Strapi's SQLite database (e.g. .tmp/data.db)")
    .option('--postgres <url>', "Strapi's Postgres database (postgres://user:password@host/db)")
    .action(async (options: { sqlite?: string; postgres?: string }, command: Command) => {
      if ((options.sqlite === undefined) === (options.postgres === undefined)) {
        throw new UsageError('give one of --sqlite FILE or --postgres URL')
      }
      const context = contextOf(command, io)
      const rows =
        options.sqlite !== undefined
          ? await readSqlite(options.sqlite)
          : await readPostgres(options.postgres!)
      const tokens = strapiTokensOf(rows)
      const report: StrapiImportReport = { imported: [], notImported: [] }
      const importable: { index: number; token: Importable }[] = []
      tokens.forEach((token, index) => {
        if ('token' in token) importable.push({ index, token })
        else report.notImported.push({ index, name: token.name, message: token.skipped })
      })
      for (const batch of batchesOf(importable)) {
        const result = await context.client.tokens.import({
          format: 'strapi-v5',
          tokens: batch.map(({ token }) => token.token),
        })
        report.imported.push(...result.imported)
        for (const { index, error } of result.errors) {
          const source = batch[index]!
          report.notImported.push({
            index: source.index,
            name: source.token.name,
            message: messageOf(error),
            error,
          })
        }
      }
      report.notImported.sort((a, b) => a.index - b.index)
      print(context, report, ({ imported, notImported }) => {
        const lines = [`Imported ${imported.length} of ${tokens.length} Strapi tokens.`]
        if (imported.length) {
          lines.push(
            '',
            table(
              ['ID', 'NAME'],
              imported.map(({ id, name }) => [String(id), name]),
            ),
          )
        }
        if (notImported.length) {
          lines.push('', 'Not imported:')
          lines.push(
            table(
              ['NAME', 'WHY'],
              notImported.map(({ name, message }) => [name, message]),
            ),
          )
        }
        return lines.join('\n')
      })
      if (report.notImported.length) throw new Refused('some tokens were not imported')
    })
  return new Command('import')
    .description('import API tokens from another system, keys and all')
    .addCommand(strapi)
}
