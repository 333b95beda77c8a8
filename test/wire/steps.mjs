// The wire suite's vocabulary: named steps, the worker under test, requests as curl and
// Node's fetch send them, and checks that print what was expected and what came back.
import { sendRaw } from './raw-http.mjs'

/** @typedef {import('./raw-http.mjs').RawResponse} Answer */

/** The port `wrangler dev` serves the suite on: not the end-to-end run's, not `npm start`'s. */
export const PORT = Number(process.env.WIRE_PORT ?? 18_897)
/** The `Host` every request names, as curl writes it for `http://127.0.0.1:<port>/…`. */
export const HOST = `127.0.0.1:${PORT}`
/** Where the worker POSTs its webhooks (`WEBHOOK_URL`): the docs group's receiver. */
export const WEBHOOK_PORT = PORT + 2

/** What the steps share, set by the suite's setup once the worker answers. */
export const wire = {
  /** An admin JWT from the demo login. */
  jwt: '',
  /** Keys of a full-access and a read-only token made at setup, for the gate's steps. */
  keys: { full: '', readOnly: '' },
  /** The `ADMIN_JWT_SECRET` the worker was started with. */
  adminJwtSecret: '',
  /** The `WEBHOOK_SECRET` the worker signs its webhooks with. */
  webhookSecret: 'whsec_wire_docs',
  /** The secrets the worker was started with: a second isolate needs the same. */
  secrets: /** @type {Record<string, string>} */ ({}),
  /** The worker's local D1 (`--persist-to`), which a second isolate may share. */
  persistTo: '',
}

/** @type {{ name: string, run: () => Promise<void> }[]} */
export const steps = []

/** While iterating: `WIRE_STEPS=credits npm run test:wire` runs only the steps whose name has it. */
const only = process.env.WIRE_STEPS

/**
 * Adds a step; its name says the behaviour it checks.
 * @param {string} name
 * @param {() => Promise<void>} run
 */
export function step(name, run) {
  if (!only || name.includes(only)) steps.push({ name, run })
}

/** `Authorization` for the admin API, as a header line. */
export const adminAuth = () => `Authorization: Bearer ${wire.jwt}`

/**
 * The bytes curl sends for `curl -X <method> http://<HOST><path> -H … [-d <body>]`
 * (curl 7.88, captured): its own `Host`, `User-Agent` and `Accept`, then `headers`; with
 * a body, `Content-Length` unless a header gives one (a lie, then) or asks for chunked
 * (then curl chunks the body itself), and `application/x-www-form-urlencoded` unless a
 * header names a type. `Content-Type:` with no value sends none, as in curl.
 *
 * @param {string} method
 * @param {string} path
 * @param {{ headers?: string[], body?: string }} [options]
 * @returns {Buffer}
 */
export function curl(method, path, { headers = [], body } = {}) {
  const given = (name) => headers.some((line) => line.toLowerCase().startsWith(`${name}:`))
  const chunked = headers.some((line) => /^transfer-encoding:\s*chunked$/i.test(line))
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${HOST}`, 'User-Agent: curl/7.88.1']
  lines.push('Accept: */*', ...headers.filter((line) => !/^content-type:\s*$/i.test(line)))
  let payload = Buffer.alloc(0)
  if (body !== undefined) {
    const bytes = Buffer.from(body)
    if (!chunked && !given('content-length')) lines.push(`Content-Length: ${bytes.length}`)
    if (!given('content-type')) lines.push('Content-Type: application/x-www-form-urlencoded')
    payload = chunked ? chunkedBody(bytes) : bytes
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload])
}

/**
 * `bytes` in chunked framing: one chunk (none when empty), then the last chunk.
 * @param {Buffer} bytes
 */
function chunkedBody(bytes) {
  const last = Buffer.from('0\r\n\r\n')
  if (!bytes.length) return last
  const size = Buffer.from(`${bytes.length.toString(16)}\r\n`)
  return Buffer.concat([size, bytes, Buffer.from('\r\n'), last])
}

/**
 * Sends one request's bytes on a connection of its own and returns its answer.
 * @param {Buffer | string} bytes
 * @returns {Promise<Answer>}
 */
export async function viaSocket(bytes) {
  const [answer] = await sendRaw(PORT, bytes)
  if (!answer) throw new Error('no answer on the socket')
  return answer
}

/**
 * A request as Node's fetch sends it, its answer read like a raw one.
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<Answer>}
 */
export async function viaFetch(path, init = {}) {
  const response = await fetch(`http://${HOST}${path}`, init)
  const headers = Object.fromEntries(response.headers)
  return { status: response.status, headers, body: await response.text() }
}

/**
 * The answer's body as JSON, or `undefined` when it is not JSON.
 * @param {Answer} answer
 * @returns {any}
 */
export function json(answer) {
  try {
    return JSON.parse(answer.body)
  } catch {
    return undefined
  }
}

/** Strapi's error names by status (SPEC §2). */
const ERROR_NAMES = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  405: 'MethodNotAllowedError',
  413: 'PayloadTooLargeError',
  429: 'RateLimitError',
}

/** @param {Answer} answer */
const shown = (answer) => `${answer.status} ${answer.body.slice(0, 400)}`

/**
 * Throws, showing what was expected and what came back, unless `answer` has `status`;
 * a refusal (4xx/5xx) must also have Strapi's error shape, with that status's name and,
 * given, `details.code` and a `message` matching.
 *
 * @param {string} what the request, as the failure names it
 * @param {Answer} answer
 * @param {{ status: number, code?: string, message?: RegExp }} expected
 * @returns {any} the answer's JSON body
 */
export function expectAnswer(what, answer, { status, code, message }) {
  const body = json(answer)
  const fail = (expectation) => {
    throw new Error(`${what}: expected ${expectation}\n        received ${shown(answer)}`)
  }
  if (answer.status !== status) fail(`${status}${code ? ` ${code}` : ''}`)
  if (status < 400) return body
  const error = body?.error
  const name = ERROR_NAMES[status] ?? 'ApplicationError'
  const strapiShaped =
    body?.data === null &&
    error?.status === status &&
    error?.name === name &&
    typeof error?.message === 'string' &&
    typeof error?.details === 'object'
  if (!strapiShaped) fail(`{ data: null, error: { status: ${status}, name: "${name}", … } }`)
  if (code && error.details.code !== code) fail(`details.code ${code}`)
  if (message && !message.test(error.message)) fail(`a message matching ${message}`)
  return body
}

/**
 * Throws, showing both, unless `received` equals `expected` (compared as JSON).
 * @param {string} what
 * @param {unknown} expected
 * @param {unknown} received
 */
export function expectEqual(what, expected, received) {
  if (JSON.stringify(received) !== JSON.stringify(expected)) {
    throw new Error(
      `${what}: expected ${JSON.stringify(expected)}\n        received ${JSON.stringify(received)}`,
    )
  }
}
