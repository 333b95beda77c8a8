// (k) Strapi keys moved in (SPEC §12): what an imported Strapi key costs the gate. On a
// worker with the cache off (every request asks D1, so each lookup shows), one client
// sends, key after key, an ordinary Tollgate key's verified request, an imported Strapi
// key's first verified request (Tollgate's hash finds nothing, then one HMAC-SHA-512 and
// one D1 read by Strapi's hash, and the re-hash off the request path), then each Strapi
// key's second use (an ordinary lookup). Prints p50/p99 latency, D1 statements per
// request and the ratios against the ordinary key.
//
// Part of `npm run bench`; alone: `npx node bench/strapi-keys.mjs` (BENCH_STRAPI_PORT,
// default 18847; BENCH_STRAPI_KEYS, default 200).
import { createHmac, randomBytes } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import {
  adminJwt,
  cleanUp,
  createKey,
  median,
  percentile,
  request,
  startOrigin,
  startWorker,
  stats,
} from './harness.mjs'

/** The Strapi site's `API_TOKEN_SALT`, the worker's `STRAPI_API_TOKEN_SALT`. */
export const STRAPI_SALT = randomBytes(16).toString('base64')

/** The vars of the worker this section runs on. */
export const STRAPI_WORKER_VARS = { CACHE_TTL_SECONDS: '0', STRAPI_API_TOKEN_SALT: STRAPI_SALT }

/**
 * Imports `count` Strapi tokens (read-only) through `base`'s import route; their keys.
 * @param {string} base
 * @param {number} count
 * @returns {Promise<string[]>}
 */
async function importStrapiKeys(base, count) {
  const keys = Array.from({ length: count }, () => randomBytes(128).toString('hex'))
  const tokens = keys.map((key, i) => ({
    name: `strapi ${i}`,
    type: 'read-only',
    accessKey: createHmac('sha512', STRAPI_SALT).update(key).digest('hex'),
  }))
  const response = await fetch(`${base}/admin/api-tokens/import`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await adminJwt(['create'])}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ format: 'strapi-v5', tokens }),
  })
  const body = /** @type {any} */ (await response.json())
  if (response.status !== 200 || body.data.imported.length !== count) {
    throw new Error(`import failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
  }
  return keys
}

/**
 * One verified GET with `key`: its latency and the D1 statements the worker sent meanwhile
 * (its `waitUntil` work included, read after the answer).
 * @param {string} base
 * @param {string} key
 */
async function measured(base, key) {
  const before = (await stats(base)).statements
  const { status, ms } = await request(`${base}/api/articles`, { Authorization: `Bearer ${key}` })
  if (status !== 200) throw new Error(`expected 200, got ${status}`)
  return { ms, statements: (await stats(base)).statements - before }
}

/**
 * Runs (k) on `base` (a worker started with {@link STRAPI_WORKER_VARS}) and prints its table.
 * @param {{ base: string, keys: number }} options
 */
export async function runStrapiKeys({ base, keys: count }) {
  const strapiKeys = await importStrapiKeys(base, count)
  const ordinaryKeys = await Promise.all(
    Array.from({ length: 10 }, (_, i) => createKey(base, { name: `ordinary ${i}` })),
  )
  // Every key once before measuring, so the ordinary keys' first lastUsedAt write is not counted.
  for (const key of ordinaryKeys) await measured(base, key)
  /** @type {Record<'ordinary' | 'first' | 'second', { ms: number, statements: number }[]>} */
  const runs = { ordinary: [], first: [], second: [] }
  // Interleaved: an ordinary request beside each Strapi key's first use, then its second.
  for (const [phase, i] of [
    ...strapiKeys.map((_, i) => /** @type {const} */ (['first', i])),
    ...strapiKeys.map((_, i) => /** @type {const} */ (['second', i])),
  ]) {
    runs.ordinary.push(await measured(base, ordinaryKeys[i % ordinaryKeys.length]))
    runs[phase].push(await measured(base, strapiKeys[i]))
  }
  const summary = (name) => {
    const sorted = runs[name].map((run) => run.ms).sort((a, b) => a - b)
    const statements = runs[name].reduce((sum, run) => sum + run.statements, 0) / runs[name].length
    return { p50: median(sorted), p99: percentile(sorted, 99), statements }
  }
  const ordinary = summary('ordinary')
  /** @type {[string, { p50: number, p99: number, statements: number }][]} */
  const rows = [
    ['ordinary Tollgate key (cache off)', ordinary],
    ['Strapi key, first use', summary('first')],
    ['Strapi key, second use', summary('second')],
  ]
  console.log(
    `\n(k) imported Strapi keys (SPEC §12): ${count} keys, one client, cache off (every request asks D1)\n`,
  )
  console.log(
    '  scenario                            p50 ms   p99 ms   D1 statements/req   p50 vs ordinary',
  )
  for (const [label, row] of rows) {
    console.log(
      `  ${label.padEnd(34)}  ${row.p50.toFixed(2).padStart(6)}   ${row.p99.toFixed(2).padStart(6)}   ${row.statements.toFixed(2).padStart(17)}   ${(row.p50 / ordinary.p50).toFixed(2).padStart(14)}×`,
    )
  }
  console.log(
    '  (first use: one HMAC-SHA-512 and one D1 read more, and the re-hash written off the request path)',
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await startOrigin()
  const base = await startWorker(Number(process.env.BENCH_STRAPI_PORT ?? 18847), STRAPI_WORKER_VARS)
  await runStrapiKeys({ base, keys: Number(process.env.BENCH_STRAPI_KEYS ?? 200) })
  cleanUp()
  process.exit(0)
}
