// Reading Strapi v5's token tables from its database: SQLite through sql.js (WebAssembly,
// no native build) or Postgres through pg, each imported only when asked for.
import { readFile } from 'node:fs/promises'
import { STRAPI_TOKENS_QUERY, type StrapiTokenRow } from './strapi-tables'

/** What a missing table means for the operator. */
function explained(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error)
  if (/strapi_api_token/.test(message) && /no such table|does not exist/.test(message)) {
    return new Error(`${message}: is this a Strapi v5 database?`)
  }
  return error instanceof Error ? error : new Error(message)
}

/**
 * The rows of Strapi's token tables in the SQLite database `file` (Strapi's
 * `.tmp/data.db` by default), read in memory: the file is never written.
 *
 * @example
 * const rows = await readSqlite('.tmp/data.db')
 */
export async function readSqlite(file: string): Promise<StrapiTokenRow[]> {
  const bytes = await readFile(file)
  const { default: initSqlJs } = await import('sql.js')
  const SQL = await initSqlJs()
  const db = new SQL.Database(bytes)
  try {
    const statement = db.prepare(STRAPI_TOKENS_QUERY)
    const rows: StrapiTokenRow[] = []
    while (statement.step()) rows.push(statement.getAsObject())
    statement.free()
    return rows
  } catch (error) {
    throw explained(error)
  } finally {
    db.close()
  }
}

/**
 * The rows of Strapi's token tables in the Postgres database at `url`
 * (`postgres://user:password@host:5432/strapi`), in one read-only query.
 *
 * @example
 * const rows = await readPostgres(process.env.DATABASE_URL)
 */
export async function readPostgres(url: string): Promise<StrapiTokenRow[]> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const result = await client.query<StrapiTokenRow>(STRAPI_TOKENS_QUERY)
    return result.rows
  } catch (error) {
    throw explained(error)
  } finally {
    await client.end()
  }
}
