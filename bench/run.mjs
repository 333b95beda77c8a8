// `npm run bench`: the gate's cost, measured side by side in one run.
//
// Starts a local origin (Node HTTP) and two `wrangler dev` workers (workerd, local
// D1; bench/wrangler.toml) running the real worker through bench/bench-worker.ts: one with the default
// cache, one in strict mode (CACHE_TTL_SECONDS=0). Then drives four scenarios in
// interleaved rounds with the same client and concurrency:
//   (a) forwarded without verification (PASSTHROUGH_PATHS=/open)
//   (b) verified, warm cache      (c) verified, cache off      (d) malformed key
// and prints requests/s, p50/p99 latency, D1 statements per request and lastUsedAt writes.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import {
  applyLocalMigrations,
  startWranglerDev,
  stopWranglerDev,
  waitUntilServing,
} from '../scripts/wrangler-dev.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const secrets = {
  TOKEN_PEPPER: randomBytes(32).toString('base64url'),
  ADMIN_JWT_SECRET: randomBytes(32).toString('base64url'),
  ORIGIN_ASSERTION_SECRET: randomBytes(32).toString('base64url'),
}
const children = []
const stateDirs = []

function cleanUp() {
  for (const child of children.splice(0)) stopWranglerDev(child)
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true })
}
process.on('exit', cleanUp)
process.on('SIGINT', () => process.exit(130))

const originBody = JSON.stringify({ data: [{ id: 1, title: 'Hello' }] })
const origin = http.createServer((request, response) => {
  request.resume()
  request.on('end', () => {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(originBody)
  })
})
await new Promise((resolve) => origin.listen(0, '127.0.0.1', () => resolve(undefined)))
const originUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (origin.address()).port}`
origin.unref()

/**
 * What a bench worker counted: D1 statements and `lastUsedAt` writes.
 * @param {string} base
 * @returns {Promise<{ statements: number, lastUsedWrites: number }>}
 */
async function stats(base) {
  return /** @type {any} */ (await (await fetch(`${base}/__bench/stats`)).json())
}

async function startWorker(port, vars) {
  const state = mkdtempSync(join(tmpdir(), 'tollgate-bench-'))
  stateDirs.push(state)
  applyLocalMigrations({ config: 'bench/wrangler.toml', persistTo: state })
  const child = startWranglerDev({
    configs: ['bench/wrangler.toml'],
    port,
    inspectorPort: port + 1000,
    persistTo: state,
    vars: { ...secrets, ORIGIN_URL: originUrl, ...vars },
  })
  children.push(child)
  const base = `http://127.0.0.1:${port}`
  await waitUntilServing(`${base}/__bench/stats`)
  return base
}

async function createKey(base) {
  const jwt = await new SignJWT({ permissions: ['admin::api-tokens.create'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secrets.ADMIN_JWT_SECRET))
  const response = await fetch(`${base}/admin/api-tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'bench', type: 'read-only' }),
  })
  if (response.status !== 201)
    throw new Error(`token create failed: ${response.status} ${await response.text()}`)
  const created = /** @type {{ data: { accessKey: string } }} */ (await response.json())
  return created.data.accessKey
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })

function request(url, headers) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume()
      res.on('end', () =>
        resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
      )
    })
    req.on('error', reject)
  })
}

async function drive(scenario, seconds) {
  const until = Date.now() + seconds * 1000
  const latencies = []
  const statuses = new Map()
  const started = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        const { status, ms } = await request(scenario.url, scenario.headers)
        latencies.push(ms)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
    }),
  )
  return { latencies, statuses, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

const cached = await startWorker(18787, {})
const strict = await startWorker(18797, { CACHE_TTL_SECONDS: '0' })
const cachedKey = await createKey(cached)
const strictKey = await createKey(strict)
const malformed = cachedKey.slice(0, -1) + (cachedKey.endsWith('A') ? 'B' : 'A')

const scenarios = [
  {
    id: 'a',
    name: 'forward, no verification',
    url: `${cached}/open/articles`,
    headers: {},
    expect: 200,
    base: cached,
  },
  {
    id: 'b',
    name: 'verified, warm cache',
    url: `${cached}/api/articles`,
    headers: { Authorization: `Bearer ${cachedKey}` },
    expect: 200,
    base: cached,
  },
  {
    id: 'c',
    name: 'verified, cache off (strict)',
    url: `${strict}/api/articles`,
    headers: { Authorization: `Bearer ${strictKey}` },
    expect: 200,
    base: strict,
  },
  {
    id: 'd',
    name: 'refused, malformed key',
    url: `${cached}/api/articles`,
    headers: { Authorization: `Bearer ${malformed}` },
    expect: 401,
    base: cached,
  },
]

const firstUse = Date.now()
for (const scenario of scenarios) await drive(scenario, 1) // warm-up: JIT, connections, cache

const results = new Map(
  scenarios.map((s) => [
    s.id,
    { latencies: [], requests: 0, seconds: 0, statuses: new Map(), statements: 0, writes: 0 },
  ]),
)
const perRound = new Map(scenarios.map((s) => [s.id, []]))
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order each round so no scenario always follows the same one.
  const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length])
  for (const scenario of order) {
    const before = await stats(scenario.base)
    const run = await drive(scenario, SECONDS)
    const after = await stats(scenario.base)
    const total = results.get(scenario.id)
    perRound.get(scenario.id).push(run.latencies.length / run.seconds)
    total.latencies.push(...run.latencies)
    total.requests += run.latencies.length
    total.seconds += run.seconds
    total.statements += after.statements - before.statements
    total.writes += after.lastUsedWrites - before.lastUsedWrites
    for (const [status, n] of run.statuses)
      total.statuses.set(status, (total.statuses.get(status) ?? 0) + n)
  }
}

const baseline = results.get('a').requests / results.get('a').seconds
const rows = scenarios.map((scenario) => {
  const r = results.get(scenario.id)
  const sorted = r.latencies.sort((x, y) => x - y)
  const rps = r.requests / r.seconds
  const unexpected = [...r.statuses].filter(([status]) => status !== scenario.expect)
  return {
    scenario: `(${scenario.id}) ${scenario.name}`,
    'req/s': rps.toFixed(0),
    'vs (a)': `${(rps / baseline).toFixed(2)}×`,
    'p50 ms': percentile(sorted, 50).toFixed(2),
    'p99 ms': percentile(sorted, 99).toFixed(2),
    'D1 lookups': r.statements - r.writes,
    'D1 lookups/req': ((r.statements - r.writes) / r.requests).toFixed(4),
    'lastUsedAt writes': r.writes,
    status: unexpected.length
      ? `UNEXPECTED ${JSON.stringify(Object.fromEntries(unexpected))}`
      : String(scenario.expect),
  }
})

console.log(
  `\nTollgate gate benchmark — ${ROUNDS} interleaved rounds × ${SECONDS} s per scenario, ${CONCURRENCY} concurrent keep-alive clients, Node ${process.version}\n`,
)
console.table(rows)
const minutes = (Date.now() - firstUse) / 60_000
for (const [label, base] of [
  ['warm cache', cached],
  ['strict', strict],
]) {
  const { lastUsedWrites } = await stats(base)
  console.log(
    `lastUsedAt (${label}): ${lastUsedWrites} write(s) for one token in ${minutes.toFixed(2)} min of continuous use ` +
      `(one per 60 s window allows at most ${Math.ceil(minutes)})`,
  )
}
const verified = results.get('b')
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]
const paired = perRound.get('b').map((rps, i) => rps / perRound.get('a')[i])
const pooled = verified.requests / verified.seconds / baseline
console.log(
  `warm-cache verified throughput vs the unverified forward: ${pooled.toFixed(2)}× pooled, ` +
    `${median(paired).toFixed(2)}× median of ${ROUNDS} paired rounds ` +
    `(range ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}; target ≥ 0.90×)`,
)
cleanUp()
process.exit(rows.some((row) => row.status.startsWith('UNEXPECTED')) ? 1 : 0)
