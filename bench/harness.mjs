// The bench's plumbing: the local Node origin, the bench workers (`wrangler dev`, one local
// D1 each unless shared) and their cleanup on exit, admin JWTs and tokens, the keep-alive
// client that drives a scenario, and the statistics every section shares.
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

/**
 * What `drive` sends: `headers`, or each of `headerSets` in turn; a POST when `body` is set.
 * @typedef {{
 *   url: string,
 *   headers?: Record<string, string>,
 *   headerSets?: Record<string, string>[],
 *   body?: string,
 *   concurrency?: number,
 * }} Driven
 */

/**
 * What `drive` measured: every latency (ms), the statuses counted, the latencies of the
 * responses that waited for D1, and the seconds it took.
 * @typedef {{
 *   latencies: number[],
 *   statuses: Map<number, number>,
 *   waitedLatencies: number[],
 *   seconds: number,
 * }} Run
 */

const secrets = {
  TOKEN_PEPPER: randomBytes(32).toString('base64url'),
  ADMIN_JWT_SECRET: randomBytes(32).toString('base64url'),
  ORIGIN_ASSERTION_SECRET: randomBytes(32).toString('base64url'),
}
const children = []
const stateDirs = []
let originUrl = ''
let defaultConcurrency = 8
let agent = new http.Agent({ keepAlive: true, maxSockets: defaultConcurrency })

/** Stops every bench worker started and removes every local D1 made (run on exit too). */
export function cleanUp() {
  for (const child of children.splice(0)) stopWranglerDev(child)
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true })
}
process.on('exit', cleanUp)
process.on('SIGINT', () => process.exit(130))

/**
 * Sets the clients `drive` runs by default and the keep-alive sockets they share.
 * @param {number} concurrency
 */
export function useConcurrency(concurrency) {
  defaultConcurrency = concurrency
  agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
}

/**
 * Starts the origin the workers forward to: a Node HTTP server that answers every request
 * with the same small JSON body, on a free port. It does not keep the process alive.
 * @returns {Promise<string>} its URL
 */
export async function startOrigin() {
  const originBody = JSON.stringify({ data: [{ id: 1, title: 'Hello' }] })
  const origin = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(originBody)
    })
  })
  await new Promise((resolve) => origin.listen(0, '127.0.0.1', () => resolve(undefined)))
  originUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (origin.address()).port}`
  origin.unref()
  return originUrl
}

/**
 * What a bench worker counted: D1 statements (each statement of a batch counts) and, of
 * them, `lastUsedAt` writes and revocation-feed reads.
 * @param {string} base
 * @returns {Promise<{ statements: number, lastUsedWrites: number, feedReads: number }>}
 */
export async function stats(base) {
  return /** @type {any} */ (await (await fetch(`${base}/__bench/stats`)).json())
}

/**
 * A fresh local D1 (a temp `--persist-to` directory) with the migrations applied (those of
 * checkout `cwd` when given).
 * @param {string} [cwd]
 * @returns {string} the directory
 */
export function newState(cwd) {
  const state = mkdtempSync(join(tmpdir(), 'tollgate-bench-'))
  stateDirs.push(state)
  applyLocalMigrations({ config: 'bench/wrangler.toml', persistTo: state, cwd })
  return state
}

/**
 * Starts a bench worker on `state` (a fresh local D1 unless given: two workers may share one),
 * forwarding to the origin of `startOrigin`.
 * @param {number} port
 * @param {Record<string, string>} vars
 * @param {string} [state]
 * @param {string} [cwd] another checkout to run (the baseline), the same migrations applied there
 * @returns {Promise<string>} its base URL, once it serves
 */
export async function startWorker(port, vars, state = undefined, cwd = undefined) {
  const child = startWranglerDev({
    cwd,
    configs: ['bench/wrangler.toml'],
    port,
    inspectorPort: port + 1000,
    persistTo: state ?? newState(cwd),
    vars: { ...secrets, ORIGIN_URL: originUrl, ...vars },
  })
  children.push(child)
  const base = `http://127.0.0.1:${port}`
  await waitUntilServing(`${base}/__bench/stats`)
  return base
}

/**
 * An admin JWT (HS256, 5 min, for the default ADMIN_JWT_AUDIENCE) granting `actions`.
 * @param {string[]} actions
 * @returns {Promise<string>}
 */
export function adminJwt(actions) {
  return new SignJWT({ permissions: actions.map((action) => `admin::api-tokens.${action}`) })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('tollgate')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secrets.ADMIN_JWT_SECRET))
}

/**
 * Creates a token through `base`'s admin API.
 * @param {string} base
 * @param {{ name?: string, type?: string, credits?: { remaining: number, refill: null } }} [options]
 * @returns {Promise<{ id: number, accessKey: string }>}
 */
export async function createToken(base, { name = 'bench', type = 'read-only', credits } = {}) {
  const jwt = await adminJwt(['create'])
  const response = await fetch(`${base}/admin/api-tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(credits === undefined ? { name, type } : { name, type, credits }),
  })
  if (response.status !== 201)
    throw new Error(`token create failed: ${response.status} ${await response.text()}`)
  const created = /** @type {{ data: { id: number, accessKey: string } }} */ (await response.json())
  return created.data
}

/**
 * Creates a token through `base`'s admin API and returns its access key.
 * @param {string} base
 * @param {{ name?: string, type?: string, credits?: { remaining: number, refill: null } }} [options]
 * @returns {Promise<string>}
 */
export async function createKey(base, options = {}) {
  return (await createToken(base, options)).accessKey
}

/**
 * One request on the keep-alive agent, timed to its last byte; `waited` when the worker
 * says it waited for D1 (x-bench-d1-waits).
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {string} [body] a POST when given, else a GET
 * @returns {Promise<{ status: number, ms: number, waited: boolean }>}
 */
export function request(url, headers, body) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const method = body === undefined ? 'GET' : 'POST'
    const req = http.request(url, { agent, headers, method }, (res) => {
      res.resume()
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          waited: Number(res.headers['x-bench-d1-waits'] ?? 0) > 0,
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * Drives `scenario` for `seconds` with its `concurrency` (else `useConcurrency`'s) clients:
 * its `headers`, or each of its `headerSets` in turn (one key after another). `waited`
 * counts the latencies of responses that waited for D1 (traced requests only, see
 * bench-worker.ts).
 * @param {Driven} scenario
 * @param {number} seconds
 * @returns {Promise<Run>}
 */
export async function drive(scenario, seconds) {
  const until = Date.now() + seconds * 1000
  const latencies = []
  const statuses = new Map()
  const waitedLatencies = []
  const started = process.hrtime.bigint()
  let next = 0
  const headersFor = scenario.headerSets
    ? () => scenario.headerSets[next++ % scenario.headerSets.length]
    : () => scenario.headers
  await Promise.all(
    Array.from({ length: scenario.concurrency ?? defaultConcurrency }, async () => {
      while (Date.now() < until) {
        const {
          status,
          ms,
          waited: wait,
        } = await request(scenario.url, headersFor(), scenario.body)
        if (wait) waitedLatencies.push(ms)
        latencies.push(ms)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
    }),
  )
  return {
    latencies,
    statuses,
    waitedLatencies,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  }
}

/**
 * The `p`th percentile of `sorted` (ascending), nearest rank.
 * @param {number[]} sorted
 * @param {number} p
 * @returns {number}
 */
export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/**
 * The median of `values` (the upper one of an even count); `values` is left as it is.
 * @param {number[]} values
 * @returns {number}
 */
export const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]

/**
 * Resolves after `ms` milliseconds.
 * @param {number} ms
 * @returns {Promise<void>}
 */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
