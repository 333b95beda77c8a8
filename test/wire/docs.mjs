// The docs' code blocks, run against this suite's `wrangler dev`: every block whose cover
// comment says `tested-by: test/wire/docs.mjs#<id>` (scripts/check-docs.mjs) runs here,
// found by `<doc>#<id>`, and the last step fails unless every such block ran.
//
// - Shell blocks run in bash with the machine's curl, made to fail on an HTTP error, so a
//   block passes only when every request in it succeeds. They say `http://localhost:8787`,
//   as after `npm start`: the suite's own address stands in, and a real key for `<key>`.
// - JavaScript and TypeScript blocks run as modules (TypeScript through esbuild), with the
//   names they take from around them (`user`, `req`, `process.env.…`) given beforehand.
// - JSON blocks are compared with a real answer: exactly, or member by member and type by
//   type where ids and times differ.
// - The webhook receivers get the worker's own deliveries: `WEBHOOK_URL` points at a relay
//   here, which records each delivery and hands it to the running receiver.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { transform } from 'esbuild'
import { decodeJwt } from 'jose'
import { codeBlocks, docFiles } from '../../scripts/doc-blocks.mjs'
import {
  expectAnswer,
  expectEqual,
  HOST,
  json,
  step,
  viaFetch,
  WEBHOOK_PORT,
  wire,
} from './steps.mjs'

const THIS_FILE = 'test/wire/docs.mjs'
const BASE = `http://${HOST}`
/** Where the docs' Node receiver listens (its `.listen(3000)` becomes this port). */
const RECEIVER_PORT = WEBHOOK_PORT + 1
const run = promisify(execFile)
/** The `tollgate` executable the docs' shell blocks call (from this repository). */
const TOLLGATE_BIN = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url))

/** The blocks marked for this file, by `<doc>#<id>`. */
const marked = new Map()
for (const doc of docFiles()) {
  for (const block of codeBlocks(readFileSync(doc, 'utf8'))) {
    if (block.cover?.kind === 'tested-by' && block.cover.target === THIS_FILE) {
      marked.set(`${doc}#${block.cover.id}`, block.code)
    }
  }
}
const ran = new Set()

/** The code of the block `name` (`<doc>#<id>`), noted as run. */
function block(name) {
  const code = marked.get(name)
  if (code === undefined) throw new Error(`no block marked tested-by ${THIS_FILE}#… as ${name}`)
  ran.add(name)
  return code
}

/** The JSON of the block `name`. */
const jsonBlock = (name) => JSON.parse(block(name))

/**
 * Runs the shell block `name` in bash, in a fresh directory, with curl failing on any HTTP
 * error; `after` runs after it (to print a variable it set). Returns what it printed.
 * @param {string} name
 * @param {{ key?: string, env?: Record<string, string>, after?: string }} [options]
 */
async function runShell(name, { key, env = {}, after = '' } = {}) {
  let code = block(name).replaceAll('http://localhost:8787', BASE)
  if (key) code = code.replaceAll('<key>', key)
  code = code.replaceAll('<admin JWT>', wire.jwt)
  const script = [
    'set -eo pipefail',
    "command -v curl >/dev/null || { echo 'the docs blocks need curl: install it' >&2; exit 127; }",
    'curl() { command curl --fail-with-body --no-progress-meter "$@"; }',
    `tollgate() { "${process.execPath}" --import "${import.meta.resolve('tsx')}" "${TOLLGATE_BIN}" "$@"; }`,
    code,
    after,
  ].join('\n')
  const cwd = mkdtempSync(join(tmpdir(), 'tollgate-docs-'))
  try {
    const { stdout } = await run('bash', ['-c', script], { cwd, env: { ...process.env, ...env } })
    return stdout
  } catch (error) {
    const { code: exit, stdout = '', stderr = '' } = error
    throw new Error(`${name} exited ${exit}:\n${stderr}${stdout.slice(-600)}`, { cause: error })
  } finally {
    rmSync(cwd, { recursive: true, force: true })
  }
}

let imported = 0

/**
 * Runs the JavaScript or TypeScript block `name` as a module under `.tmp/docs/` (so its
 * imports resolve from this repository), after `prelude`, exporting `exports`; each
 * `[from, to]` of `replace` must occur in the block. Returns the module.
 * @param {string} name
 * @param {{ prelude?: string, exports?: string[], replace?: [string, string][] }} [options]
 */
async function runModule(name, { prelude = '', exports = [], replace = [] } = {}) {
  let code = block(name)
  for (const [from, to] of replace) {
    if (!code.includes(from)) throw new Error(`${name} no longer holds ${from}`)
    code = code.replace(from, to)
  }
  const source = [prelude, code, exports.length ? `export { ${exports.join(', ')} }` : ''].join(
    '\n',
  )
  const { code: javascript } = await transform(source, { loader: 'ts', format: 'esm' })
  mkdirSync('.tmp/docs', { recursive: true })
  const file = join(process.cwd(), '.tmp/docs', `${name.replace(/\W+/g, '-')}-${++imported}.mjs`)
  writeFileSync(file, javascript)
  return import(pathToFileURL(file).href)
}

const kind = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)

/**
 * Throws unless `received` has the members of the doc's `shown`, and no others, each of the
 * same JSON type, all the way down (an array's items are each compared with the doc's
 * first, or its item at the same place).
 */
function expectShape(what, shown, received, path = 'the answer') {
  if (kind(shown) !== kind(received)) {
    throw new Error(
      `${what}: ${path} is ${JSON.stringify(received)}, where the doc shows a ${kind(shown)}`,
    )
  }
  if (kind(shown) === 'object') {
    expectEqual(
      `${what}: the members of ${path}`,
      Object.keys(shown).sort(),
      Object.keys(received).sort(),
    )
    for (const member of Object.keys(shown)) {
      expectShape(what, shown[member], received[member], `${path}.${member}`)
    }
  } else if (kind(shown) === 'array' && shown.length) {
    received.forEach((item, i) =>
      expectShape(what, shown[Math.min(i, shown.length - 1)], item, `${path}[${i}]`),
    )
  }
}

/** Throws unless `received` equals the doc's `shown` in each of `members`. */
function expectMembers(what, shown, received, members) {
  for (const member of members) expectEqual(`${what}: ${member}`, shown[member], received[member])
}

/**
 * An admin API call with the demo admin's JWT (or `jwt`), answering `status`; its JSON.
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, status?: number, jwt?: string }} [options]
 */
async function admin(method, path, { body, status = 200, jwt = wire.jwt } = {}) {
  const headers = { Authorization: `Bearer ${jwt}` }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const answer = await viaFetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return expectAnswer(`${method} ${path}`, answer, { status })
}

let named = 0
/** A token made for one step, so no step depends on another: `{id, accessKey, …}`. */
const newToken = async (fields = {}, jwt = wire.jwt) =>
  (
    await admin('POST', '/admin/api-tokens', {
      body: { name: `docs ${++named}`, type: 'read-only', ...fields },
      status: 201,
      jwt,
    })
  ).data

/** Waits until `find` returns something, or throws after `seconds`. */
async function eventually(what, find, seconds = 20) {
  const until = Date.now() + seconds * 1000
  while (Date.now() < until) {
    const found = find()
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${what}: nothing within ${seconds} s`)
}

// The relay at WEBHOOK_URL: records every delivery the worker makes and, once a docs
// receiver runs, hands it on and answers as that receiver did; before that it answers 204.
/** @type {{ headers: Record<string, string>, body: string, payload: any, status?: number }[]} */
const deliveries = []
let receiverUrl = ''
const relay = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
    const headers = /** @type {Record<string, string>} */ (request.headers)
    /** @type {(typeof deliveries)[number]} */
    const delivery = { headers, body, payload: JSON.parse(body) }
    deliveries.push(delivery)
    if (!receiverUrl) {
      delivery.status = 204
      return void response.writeHead(204).end()
    }
    const sent = {
      'Content-Type': 'application/json',
      'Tollgate-Signature': headers['tollgate-signature'],
    }
    fetch(receiverUrl, { method: 'POST', headers: sent, body })
      .then((answer) => (delivery.status = answer.status))
      .catch(() => (delivery.status = 502))
      .finally(() => response.writeHead(delivery.status).end())
  })
})
relay.listen(WEBHOOK_PORT, '127.0.0.1')
relay.unref()

/** The first delivery of `type` for the token named `name`, once the worker has made it. */
const deliveryOf = (type, name) =>
  eventually(`a ${type} webhook for "${name}"`, () =>
    deliveries.find(
      (delivery) => delivery.payload.type === type && delivery.payload.data.token.name === name,
    ),
  )

/** `delivery`'s body with the token's name changed, still a webhook: a forger's copy. */
const tampered = (delivery) => delivery.body.replace('"name":"', '"name":"forged ')

step('README: the demo login block sets TOKEN to an admin JWT', async () => {
  const out = await runShell('README.md#demo-login', { after: 'printf "%s" "$TOKEN"' })
  expectEqual('its audience', 'tollgate', decodeJwt(out.trim()).aud)
  await admin('GET', '/admin/users/me/permissions', { jwt: out.trim() })
})

step('README: the demo API block passes a full-access key through REST and GraphQL', async () => {
  const out = await runShell('README.md#demo-api', { key: wire.keys.full })
  const statuses = [...out.matchAll(/HTTP\/1\.1 (\d+)/g)].map((match) => match[1])
  expectEqual('the statuses', ['200', '201', '200'], statuses)
})

step(
  'docs/admin-api.md: the example calls create, list, read, edit, regenerate and delete',
  async () => {
    const out = await runShell('docs/admin-api.md#routes', { env: { TOKEN: wire.jwt } })
    // Each answer follows the last on one line: look for what each call must have answered.
    for (const expected of [
      '"name":"Website"',
      '"accessKey":"tg_',
      '"lifespan":null',
      '"api::article"',
    ]) {
      if (!out.includes(expected)) throw new Error(`no ${expected} in what it printed:\n${out}`)
    }
  },
)

step('docs/admin-api.md: the OpenAPI block lists each operation of /openapi.json', async () => {
  const out = await runShell('docs/admin-api.md#openapi')
  for (const expected of [
    'createToken: POST /admin/api-tokens',
    'regenerateToken: POST /admin/api-tokens/{id}/regenerate',
    'verifyKey: POST /auth/verify',
  ]) {
    if (!out.includes(expected)) throw new Error(`no ${expected} in what it printed:\n${out}`)
  }
})

step('docs/admin-api.md: a token has the members and types the doc shows', async () => {
  const shown = jsonBlock('docs/admin-api.md#token')
  const { id } = await newToken({
    description: shown.description,
    type: shown.type,
    lifespan: shown.lifespan,
    permissions: shown.permissions,
  })
  const { data } = await admin('GET', `/admin/api-tokens/${id}`)
  expectShape('the token', shown, data)
  expectMembers('the token', shown, data, [
    'description',
    'type',
    'lifespan',
    'lastUsedAt',
    'permissions',
    'allowedIps',
    'rateLimit',
    'enabled',
    'previousKey',
    'owner',
  ])
})

step('docs/admin-api.md: a create without type answers the error shown', async () => {
  const answer = await viaFetch('/admin/api-tokens', {
    method: 'POST',
    headers: { Authorization: `Bearer ${wire.jwt}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'docs without type' }),
  })
  expectEqual('the answer', jsonBlock('docs/admin-api.md#error-shape'), json(answer))
})

/** The admin JWT the docs' snippet mints, for the audit-log step. */
let snippetJwt = ''

step('docs/admin-api.md: the admin JWT snippet mints a JWT the admin API accepts', async () => {
  process.env.ADMIN_JWT_SECRET = wire.adminJwtSecret
  const { jwt } = await runModule('docs/admin-api.md#admin-jwt', {
    prelude: "const user = { id: 'admin-7', name: 'Ada Admin', email: 'ada@example.com' }",
    exports: ['jwt'],
  })
  const { data } = await admin('GET', '/admin/users/me/permissions', { jwt })
  expectEqual(
    'its actions',
    ['admin::api-tokens.read', 'admin::api-tokens.update'],
    data.map((granted) => granted.action),
  )
  snippetJwt = jwt
})

step('docs/gate.md: a read-only key sending a mutation gets the refusal shown', async () => {
  const answer = await viaFetch('/graphql', {
    method: 'POST',
    headers: { Authorization: `Bearer ${wire.keys.readOnly}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { createArticle(data: {title: "Hi"}) { id } }' }),
  })
  expectEqual('the answer', jsonBlock('docs/gate.md#graphql-refusal'), json(answer))
})

step('docs/gate.md: the origin snippet verifies the assertion, for this request only', async () => {
  const answer = await viaFetch('/api/articles', {
    headers: { Authorization: `Bearer ${wire.keys.full}` },
  })
  const { received } = expectAnswer('GET /api/articles', answer, { status: 200 }).meta
  process.env.TOLLGATE_URL = BASE
  const verify = (path) => {
    globalThis.docsRequest = { headers: received.headers, method: received.method, path }
    return runModule('docs/gate.md#verify-assertion', {
      prelude: 'const req = globalThis.docsRequest',
      exports: ['payload'],
    })
  }
  const { payload } = await verify(new URL(received.url).pathname)
  expectEqual(
    'typ, htm, htu',
    ['full-access', 'GET', '/api/articles'],
    [payload.typ, payload.htm, payload.htu],
  )
  const replayed = await verify('/api/categories').then(
    () => 'accepted',
    (error) => error.message,
  )
  expectEqual('the same assertion on another path', 'not for this request', replayed)
})

step('docs/gate.md: /auth/verify answers as shown, judging the ip passed', async () => {
  const shown = jsonBlock('docs/gate.md#auth-verify-answer')
  const { accessKey } = await newToken({
    type: shown.token.type,
    lifespan: null,
    permissions: shown.token.permissions,
    allowedIps: ['203.0.113.0/24'],
  })
  const answer = JSON.parse(await runShell('docs/gate.md#auth-verify', { key: accessKey }))
  expectShape('the answer', shown, answer)
  expectMembers('the answer', shown, answer, ['valid', 'code'])
  expectMembers('its token', shown.token, answer.token, [
    'type',
    'expiresAt',
    'permissions',
    'owner',
  ])
})

step(
  'docs/lifecycle-and-webhooks.md: regenerate with a grace period answers as shown',
  async () => {
    const { id } = await newToken({ lifespan: null })
    const out = await runShell('docs/lifecycle-and-webhooks.md#regenerate', {
      env: { API: BASE, AUTH: `Authorization: Bearer ${wire.jwt}`, ID: String(id) },
    })
    const shown = jsonBlock('docs/lifecycle-and-webhooks.md#regenerate-answer')
    const answer = JSON.parse(out)
    expectShape('the answer', shown, answer)
    const graceEnds = Date.parse(answer.data.previousKey.expiresAt) - Date.now()
    if (Math.abs(graceEnds - 86_400_000) > 60_000) {
      throw new Error(`the previous key works until ${answer.data.previousKey.expiresAt}`)
    }
  },
)

step('docs/admin-api.md: the credits top-up adds to the balance', async () => {
  const { id } = await newToken({ credits: { remaining: 20, refill: null } })
  const out = await runShell('docs/admin-api.md#credits', {
    env: { API: BASE, AUTH: `Authorization: Bearer ${wire.jwt}`, ID: String(id) },
  })
  expectEqual('the token answered', { remaining: 520, refill: null }, JSON.parse(out).data.credits)
})

step('docs/lifecycle-and-webhooks.md: an edit records the audit event shown', async () => {
  if (!snippetJwt) throw new Error('needs the admin JWT snippet (docs/admin-api.md) to run')
  const shown = jsonBlock('docs/lifecycle-and-webhooks.md#event')
  const { id } = await newToken({ type: shown.changes.type[0] })
  const body = { type: shown.changes.type[1] }
  await admin('PUT', `/admin/api-tokens/${id}`, { body, jwt: snippetJwt })
  const [event] = (await admin('GET', `/admin/api-tokens/${id}/events`)).data
  expectShape('the event', shown, event)
  expectMembers('the event', shown, event, ['action', 'owner', 'actor', 'changes'])
})

step(
  'docs/lifecycle-and-webhooks.md: the Node receiver accepts the worker’s webhooks',
  async () => {
    process.env.WEBHOOK_SECRET = wire.webhookSecret
    const logged = []
    const log = console.log
    console.log = (...args) =>
      String(args[0]).startsWith('api-token.') ? logged.push(args.join(' ')) : log(...args)
    await runModule('docs/lifecycle-and-webhooks.md#receiver-node', {
      replace: [['.listen(3000)', `.listen(${RECEIVER_PORT}, '127.0.0.1')`]],
    })
    receiverUrl = `http://127.0.0.1:${RECEIVER_PORT}/`
    const { name } = await newToken()
    const delivery = await deliveryOf('api-token.created', name)
    await eventually('the receiver’s log line', () =>
      logged.find((line) => line === `api-token.created ${name} ${delivery.payload.id}`),
    )
    expectEqual(
      'its answer to the worker',
      204,
      await eventually('its answer', () => delivery.status),
    )
    const forged = await fetch(receiverUrl, {
      method: 'POST',
      headers: { 'Tollgate-Signature': delivery.headers['tollgate-signature'] },
      body: tampered(delivery),
    })
    expectEqual('its answer to a tampered copy', 400, forged.status)
  },
)

step('docs/lifecycle-and-webhooks.md: the Worker receiver accepts a real delivery', async () => {
  const { default: receiver } = await runModule('docs/lifecycle-and-webhooks.md#receiver-worker')
  const { name } = await newToken()
  const delivery = await deliveryOf('api-token.created', name)
  const post = (body) =>
    receiver.fetch(
      new Request('https://hooks.example/tollgate', {
        method: 'POST',
        headers: { 'Tollgate-Signature': delivery.headers['tollgate-signature'] },
        body,
      }),
      { WEBHOOK_SECRET: wire.webhookSecret },
    )
  expectEqual(
    'its answers: real, tampered',
    [204, 400],
    [(await post(delivery.body)).status, (await post(tampered(delivery))).status],
  )
})

step(
  'docs/lifecycle-and-webhooks.md: the hourly job by hand sends the expiring webhook shown',
  async () => {
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString()
    const { name } = await newToken({ expiresAt: soon })
    await runShell('docs/lifecycle-and-webhooks.md#scheduled')
    const shown = jsonBlock('docs/lifecycle-and-webhooks.md#webhook-payload')
    const { payload } = await deliveryOf(shown.type, name)
    expectShape('the webhook', shown, payload)
    expectMembers('the webhook', shown, payload, ['type'])
    expectMembers('its data', shown.data, payload.data, ['actor', 'changes'])
  },
)

step(
  'docs/ownership.md: the scoped admin JWT makes keys the origin sees as that owner’s',
  async () => {
    process.env.ADMIN_JWT_SECRET = wire.adminJwtSecret
    const { tollgateAdminJwt } = await runModule('docs/ownership.md#owner-jwt')
    const user = { id: 'user-1', orgId: 'acme-docs', email: 'ada@acme.example' }
    const jwt = await tollgateAdminJwt(user)
    const { owner, accessKey } = await newToken({}, jwt)
    expectEqual('the owner of a key it creates', 'acme-docs', owner)
    const answer = await viaFetch('/api/articles', {
      headers: { Authorization: `Bearer ${accessKey}` },
    })
    const { gate } = expectAnswer('GET /api/articles', answer, { status: 200 }).meta
    expectEqual('X-Api-Token-Owner, own', ['acme-docs', 'acme-docs'], [gate.owner, gate.claims.own])
  },
)

step('docs/ownership.md: the demo login with an owner signs in as that owner’s admin', async () => {
  const { data } = JSON.parse(await runShell('docs/ownership.md#demo-owner'))
  expectEqual('its owner claim', 'acme', decodeJwt(data.token).owner)
})

step(
  'docs/cli.md: a deploy key, rotated with a grace period, its usage charted; verify branches',
  async () => {
    const key = await runShell('docs/cli.md#create', { after: 'printf "\\n%s" "$KEY"' })
    const accessKey = key.split('\n').at(-1)
    const env = { TOLLGATE_URL: BASE, TOLLGATE_TOKEN: wire.jwt }
    const chart = await runShell('docs/cli.md#rotate', {
      env,
      after: 'printf "\\n%s" "$(cat new-key.txt)"',
    })
    const newKey = chart.split('\n').at(-1)
    const branch = await runShell('docs/cli.md#verify', { env: { ...env, KEY: newKey } })
    const read = await viaFetch('/api/articles', {
      headers: { Authorization: `Bearer ${accessKey}` },
    })
    expectEqual(
      'the key read; 14 days and the legend; a new key; the old one in its grace; no, read only',
      [true, 15, true, 200, ['Valid:   no (FORBIDDEN)', 'read only']],
      [
        JSON.parse(key.split('\n').slice(0, -1).join('\n')).data !== undefined,
        chart.split('\n').filter((line) => /^\d{4}-\d\d-\d\d │|^█ passed/.test(line)).length,
        newKey.length === accessKey.length && newKey !== accessKey,
        read.status,
        [branch.split('\n')[0], branch.trimEnd().split('\n').at(-1)],
      ],
    )
  },
)

// SPEC §12, leaked keys (docs/leaked-keys.md).
step(
  'docs/leaked-keys.md: /revoke answers as shown, and the gate then refuses the key',
  async () => {
    const { accessKey } = await newToken({ type: 'read-only' })
    const answer = JSON.parse(await runShell('docs/leaked-keys.md#revoke', { key: accessKey }))
    expectEqual('the answer', jsonBlock('docs/leaked-keys.md#revoke-answer'), answer)
    const read = await viaFetch('/api/articles', {
      headers: { Authorization: `Bearer ${accessKey}` },
    })
    expectAnswer('the key after', read, { status: 401, code: 'DISABLED' })
  },
)

step(`every docs block marked tested-by ${THIS_FILE} ran`, async () => {
  expectEqual(
    'blocks not run',
    [],
    [...marked.keys()].filter((name) => !ran.has(name)),
  )
})
