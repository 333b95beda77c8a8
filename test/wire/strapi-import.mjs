// `tollgate import strapi` against the running worker (SPEC §12): a Strapi v5 database
// built here, with a known salt (the worker's STRAPI_API_TOKEN_SALT) and known keys,
// imported with --sqlite (and --postgres when Postgres is installed); then the clients'
// own Strapi keys at the gate: a read-only one reads and is refused a POST, a custom one
// gets exactly its actions, and after its first use the key is Tollgate's (its hint shows
// the key's ends, written by the same statement that stores Tollgate's hash).
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { tsImport } from 'tsx/esm/api'
import { codeBlocks } from '../../scripts/doc-blocks.mjs'
import { expectEqual, HOST, json, PORT, step, viaFetch, wire } from './steps.mjs'
import {
  postgresInstalled,
  strapiPostgres,
  strapiSqlite,
  strapiTokens,
} from './strapi-database.mjs'

const { runTollgate } = await tsImport('../../cli/tollgate.ts', import.meta.url)

const DOC = 'docs/strapi-import.md'
const THIS_FILE = 'test/wire/strapi-import.mjs'
const TOLLGATE_BIN = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url))

/**
 * Runs the shell block of docs/strapi-import.md marked `tested-by: THIS_FILE#id` with bash,
 * in `cwd`, the docs' address and admin JWT replaced by the suite's, `<key>` by `key`.
 */
async function runDocBlock(id, { cwd, env = {}, key = '' }) {
  const block = codeBlocks(readFileSync(DOC, 'utf8')).find(
    ({ cover }) => cover?.kind === 'tested-by' && cover.target === THIS_FILE && cover.id === id,
  )
  if (!block) throw new Error(`${DOC}#${id}: no such block`)
  const code = block.code
    .replaceAll('http://localhost:8787', `http://${HOST}`)
    .replaceAll('<admin JWT>', wire.jwt)
    .replaceAll('<key>', key)
  const script = [
    'set -eo pipefail',
    'curl() { command curl --fail-with-body --no-progress-meter "$@"; }',
    `tollgate() { "${process.execPath}" --import "${import.meta.resolve('tsx')}" "${TOLLGATE_BIN}" "$@"; }`,
    code,
  ].join('\n')
  const { stdout } = await promisify(execFile)('bash', ['-c', script], {
    cwd,
    env: { ...process.env, TOLLGATE_URL: `http://${HOST}`, TOLLGATE_TOKEN: wire.jwt, ...env },
  })
  return stdout
}

/** What one run printed and its exit code. */
async function tollgate(...args) {
  const out = []
  const err = []
  const env = { TOLLGATE_URL: `http://${HOST}`, TOLLGATE_TOKEN: wire.jwt }
  const io = { out: (text) => out.push(text), err: (text) => err.push(text), columns: 120, env }
  const code = await runTollgate(args, io)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** The status the gate answers `key` for `method path`. */
async function gateStatus(key, method, path) {
  const init = { method, headers: { Authorization: `Bearer ${key}` } }
  if (method === 'POST') {
    init.headers['Content-Type'] = 'application/json'
    init.body = '{"data":{"title":"from a Strapi key"}}'
  }
  return (await viaFetch(path, init)).status
}

/** The token named `name`, as the admin API lists it. */
async function tokenNamed(name) {
  const list = await viaFetch(`/admin/api-tokens?q=${encodeURIComponent(name)}`, {
    headers: { Authorization: `Bearer ${wire.jwt}` },
  })
  return json(list).data.find((token) => token.name === name)
}

/** What the import says of tokens 3–5 (a clash, an unknown action, an admin token). */
const NOT_IMPORTED = (tokens) => [
  [tokens[2].name, 'Name already taken (name_taken)'],
  [tokens[3].name, 'Unknown permissions provided: api::nope.nope.find (unknown_permissions)'],
  [tokens[4].name, 'an admin token (Strapi’s own admin API), not a content API one'],
]

/** Imports `tokens` from `source` and checks the report and the keys at the gate. */
async function importAndUse(tokens, ...source) {
  const run = await tollgate('import', 'strapi', ...source)
  const lines = run.out.split('\n')
  expectEqual(
    'exit 1 (some not imported); the count; the imported; each one not, with why',
    [1, 'Imported 2 of 5 Strapi tokens.', true, true, ''],
    [
      run.code,
      lines[0],
      [tokens[0].name, tokens[1].name].every((name) => lines.some((l) => l.endsWith(name))),
      NOT_IMPORTED(tokens).every(([name, why]) =>
        lines.some((l) => l.startsWith(name) && l.endsWith(why)),
      ),
      run.err,
    ],
  )
  const [reader, custom] = tokens
  const imported = await tokenNamed(reader.name)
  expectEqual(
    'the imported token: Strapi key, legacy, its dates kept',
    {
      keyHint: 'Strapi key',
      legacy: 'strapi',
      createdAt: '2025-03-01T10:00:00.000Z',
      lastUsedAt: '2025-06-01T08:30:00.000Z',
      owner: null,
    },
    {
      keyHint: imported.keyHint,
      legacy: imported.legacy,
      createdAt: imported.createdAt,
      lastUsedAt: imported.lastUsedAt,
      owner: imported.owner,
    },
  )
  expectEqual(
    'read-only reads, is refused a POST; custom gets its one action only',
    [200, 403, 200, 403, 403],
    [
      await gateStatus(reader.key, 'GET', '/api/articles'),
      await gateStatus(reader.key, 'POST', '/api/articles'),
      await gateStatus(custom.key, 'GET', '/api/categories'),
      await gateStatus(custom.key, 'GET', '/api/articles'),
      await gateStatus(custom.key, 'POST', '/api/categories'),
    ],
  )
  // The re-hash runs off the request path: the hint shows once it has landed.
  let hint
  for (
    let attempt = 0;
    attempt < 50 && hint !== `${reader.key.slice(0, 4)}…${reader.key.slice(-4)}`;
    attempt++
  ) {
    hint = (await tokenNamed(reader.name)).keyHint
  }
  expectEqual(
    'after its first use the key is Tollgate’s',
    `${reader.key.slice(0, 4)}…${reader.key.slice(-4)}`,
    hint,
  )
  expectEqual('…and keeps working', 200, await gateStatus(reader.key, 'GET', '/api/articles'))
}

step(
  'tollgate import strapi --sqlite: clients keep their Strapi keys at the gate (SPEC §12)',
  async () => {
    const tokens = strapiTokens(wire.strapiSalt, 'wire read-only', `sqlite ${Date.now()}`)
    await importAndUse(tokens, '--sqlite', await strapiSqlite(tokens))
  },
)

step(
  'tollgate import strapi --json: twice is a name clash per row; no source is exit 2',
  async () => {
    const tokens = strapiTokens(wire.strapiSalt, 'wire full-access', `json ${Date.now()}`)
    const file = await strapiSqlite(tokens)
    await tollgate('import', 'strapi', '--sqlite', file)
    const again = await tollgate('--json', 'import', 'strapi', '--sqlite', file)
    const report = JSON.parse(again.out)
    const neither = await tollgate('import', 'strapi')
    const both = await tollgate('import', 'strapi', '--sqlite', file, '--postgres', 'postgres://x')
    expectEqual(
      'nothing imported the second time; every row says why; usage errors',
      [
        1,
        [],
        [0, 1, 2, 3, 4],
        ['name_taken', 'name_taken', 'name_taken', 'unknown_permissions'],
        2,
        2,
      ],
      [
        again.code,
        report.imported,
        report.notImported.map((row) => row.index),
        report.notImported.flatMap((row) => row.error?.details.errors.map((e) => e.code) ?? []),
        neither.code,
        both.code,
      ],
    )
  },
)

step(`${DOC}: the site's .tmp/data.db imported, and a client's key read as before`, async () => {
  // Blocks docs/strapi-import.md#import-sqlite and docs/strapi-import.md#client.
  const tokens = strapiTokens(wire.strapiSalt, `docs clash ${Date.now()}`, `docs ${Date.now()}`)
  const site = mkdtempSync(join(tmpdir(), 'strapi-site-'))
  try {
    mkdirSync(join(site, '.tmp'))
    copyFileSync(await strapiSqlite(tokens.slice(0, 3)), join(site, '.tmp', 'data.db'))
    const printed = await runDocBlock('import-sqlite', { cwd: site })
    const read = JSON.parse(await runDocBlock('client', { cwd: site, key: tokens[0].key }))
    expectEqual(
      'all three imported (exit 0); the origin answered the client’s Strapi key',
      ['Imported 3 of 3 Strapi tokens.', true],
      [printed.split('\n')[0], read.data !== undefined],
    )
  } finally {
    rmSync(site, { recursive: true, force: true })
  }
})

step('tollgate import strapi --postgres: the same tables read from a Postgres server', async () => {
  // Block docs/strapi-import.md#import-postgres, when Postgres is installed.
  if (!postgresInstalled()) {
    console.log(
      '    (Postgres is not installed here: the --postgres path shares its query with --sqlite)',
    )
    return
  }
  const tokens = strapiTokens(wire.strapiSalt, 'wire read-only', `postgres ${Date.now()}`)
  const server = await strapiPostgres(tokens, PORT + 5)
  try {
    await importAndUse(tokens, '--postgres', server.url)
    const again = await runDocBlock('import-postgres', {
      cwd: tmpdir(),
      env: { DATABASE_URL: server.url },
    }).catch((error) => error.stdout)
    expectEqual(
      'the docs block: nothing new (every name taken)',
      'Imported 0 of 5 Strapi tokens.',
      again.split('\n')[0],
    )
  } finally {
    server.stop()
  }
})
