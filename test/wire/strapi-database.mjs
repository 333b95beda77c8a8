// A Strapi v5 site's token tables, built for the import steps (SPEC §12): the tables and
// columns Strapi v5 creates (`strapi_api_tokens`, `strapi_api_token_permissions`, the link
// table `strapi_api_token_permissions_token_lnk`), with keys made and hashed as Strapi
// does, in SQLite (sql.js, times as epoch ms, as Strapi's SQLite stores them) or in a
// Postgres server started for the run (initdb in a temp dir, when Postgres is installed).
import { execFileSync } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const TABLES = `
create table strapi_api_tokens (id integer primary key, document_id varchar(255),
  name varchar(255), description varchar(255), type varchar(255), access_key varchar(255),
  encrypted_key text, last_used_at timestamp(6), expires_at timestamp(6), lifespan bigint,
  created_at timestamp(6), updated_at timestamp(6), published_at timestamp(6),
  created_by_id integer, updated_by_id integer, locale varchar(255), kind varchar(255));
create table strapi_api_token_permissions (id integer primary key, document_id varchar(255),
  action varchar(255), created_at timestamp(6), updated_at timestamp(6),
  published_at timestamp(6), created_by_id integer, updated_by_id integer, locale varchar(255));
create table strapi_api_token_permissions_token_lnk (id integer primary key,
  api_token_permission_id integer, api_token_id integer, api_token_permission_ord double precision);`

/**
 * Tokens as a Strapi site holds them: each with its plaintext key (what its client sends)
 * and `access_key` = HMAC-SHA-512 of it under `salt`. `clashName`: a name Tollgate already has.
 */
export function strapiTokens(salt, clashName, stem) {
  const token = (fields) => {
    const key = randomBytes(128).toString('hex')
    const hash = createHmac('sha512', salt).update(key).digest('hex')
    return { key, hash, kind: 'content-api', actions: [], lifespan: null, ...fields }
  }
  return [
    token({ name: `${stem} reader`, type: 'read-only' }),
    token({ name: `${stem} categories`, type: 'custom', actions: ['api::category.category.find'] }),
    token({ name: clashName, type: 'read-only' }),
    token({
      name: `${stem} unknown`,
      type: 'custom',
      actions: ['api::article.article.find', 'api::nope.nope.find'],
    }),
    token({ name: `${stem} admin`, type: 'read-only', kind: 'admin' }),
  ]
}

const CREATED = Date.parse('2025-03-01T10:00:00.000Z')
const LAST_USED = Date.parse('2025-06-01T08:30:00.000Z')

/** The rows of the three tables for `tokens`: values as `time` makes them. */
function rowsOf(tokens, time) {
  const tokenRows = []
  const permissionRows = []
  const links = []
  tokens.forEach((t, i) => {
    const id = i + 1
    tokenRows.push([
      id,
      `doc${id}`,
      t.name,
      'from Strapi',
      t.type,
      t.hash,
      'v1:encrypted',
      time(LAST_USED),
      null,
      t.lifespan,
      time(CREATED),
      time(CREATED),
      time(CREATED),
      1,
      1,
      null,
      t.kind,
    ])
    t.actions.forEach((action, order) => {
      const permissionId = permissionRows.length + 1
      permissionRows.push([
        permissionId,
        `p${permissionId}`,
        action,
        time(CREATED),
        time(CREATED),
        time(CREATED),
        1,
        1,
        null,
      ])
      links.push([links.length + 1, permissionId, id, order + 1])
    })
  })
  return [
    ['strapi_api_tokens', tokenRows],
    ['strapi_api_token_permissions', permissionRows],
    ['strapi_api_token_permissions_token_lnk', links],
  ]
}

/** Writes `tokens` to a new SQLite file, as Strapi's `.tmp/data.db`; its path. */
export async function strapiSqlite(tokens) {
  const { default: initSqlJs } = await import('sql.js')
  const SQL = await initSqlJs()
  const db = new SQL.Database()
  db.run(TABLES)
  for (const [table, rows] of rowsOf(tokens, (ms) => ms)) {
    for (const row of rows) {
      db.run(`insert into ${table} values (${row.map(() => '?').join(', ')})`, row)
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'strapi-sqlite-')), 'data.db')
  writeFileSync(file, db.export())
  db.close()
  return file
}

/** The `initdb` of an installed Postgres (Debian's layout), or undefined. */
function postgresBin() {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const version = readdirSync(root).sort().at(-1)
  const bin = version && join(root, version, 'bin')
  return bin && existsSync(join(bin, 'initdb')) ? bin : undefined
}

/** Whether a Postgres server can be started here. */
export const postgresInstalled = () => postgresBin() !== undefined

/**
 * Starts a throwaway Postgres on `port` (as the `postgres` user when run as root, which
 * Postgres refuses), creates Strapi's tables holding `tokens`; its URL and how to stop it.
 */
export async function strapiPostgres(tokens, port) {
  const bin = postgresBin()
  const dir = mkdtempSync(join(tmpdir(), 'strapi-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const asPostgres = process.getuid?.() === 0
  const run = (tool, args) =>
    asPostgres
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(bin, tool), args, { stdio: 'pipe' })
  run('initdb', ['-D', data, '-U', 'strapi', '--auth=trust', '-E', 'UTF8'])
  // `-w`: pg_ctl returns once the server accepts connections.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  const stop = () => {
    run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
    rmSync(dir, { recursive: true, force: true })
  }
  const url = `postgres://strapi@127.0.0.1:${port}/postgres`
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    await client.query(TABLES)
    for (const [table, rows] of rowsOf(tokens, (ms) => new Date(ms))) {
      for (const row of rows) {
        const values = row.map((_, i) => `$${i + 1}`).join(', ')
        await client.query(`insert into ${table} values (${values})`, row)
      }
    }
  } catch (error) {
    stop()
    throw error
  } finally {
    await client.end().catch(() => {})
  }
  return { url, stop }
}
