import { env, exports } from 'cloudflare:workers'
import { SignJWT } from 'jose'
import { ADMIN_ACTIONS } from '../../contract/api-tokens'

export const BASE = 'https://gate.test'

/**
 * A response body as the tests read it: any JSON. Each test asserts the shape it
 * expects, so a field that is not there fails the assertion that reads it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON under test
export type JsonBody = any

/** The `aud` every admin JWT must hold unless `ADMIN_JWT_AUDIENCE` says otherwise. */
export const ADMIN_AUDIENCE = 'tollgate'

/**
 * A signed admin JWT as a host would mint it: every admin action and `aud: "tollgate"`
 * unless told otherwise (`audience: null` leaves `aud` out).
 */
export async function adminJwt(
  options: {
    permissions?: readonly string[]
    roles?: string[]
    secret?: string
    expiresIn?: string | number
    issuer?: string
    audience?: string | string[] | null
    /** More claims: `owner` (a scoped admin, SPEC §8), `grantable` (SPEC §13)… */
    claims?: Record<string, unknown>
  } = {},
): Promise<string> {
  const jwt = new SignJWT({
    permissions: options.permissions ?? [...ADMIN_ACTIONS],
    ...(options.roles ? { roles: options.roles } : {}),
    ...options.claims,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('admin-1')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
  if (options.issuer) jwt.setIssuer(options.issuer)
  const audience = options.audience === undefined ? ADMIN_AUDIENCE : options.audience
  if (audience !== null) jwt.setAudience(audience)
  return jwt.sign(new TextEncoder().encode(options.secret ?? env.ADMIN_JWT_SECRET))
}

/** Calls the worker as the outside world does. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init))
}

/** Calls the admin API with a JSON body and an admin JWT. */
export async function admin(
  method: string,
  path: string,
  body?: unknown,
  jwt?: string,
): Promise<{ status: number; body: JsonBody; headers: Headers }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${jwt ?? (await adminJwt())}` }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await call(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    headers: response.headers,
  }
}

let counter = 0
/** A token name no other test in the file uses. */
export function uniqueName(stem = 'token'): string {
  counter += 1
  return `${stem}-${counter}-${crypto.randomUUID().slice(0, 8)}`
}

/** Creates a token through the API and returns the 201 body's data. */
export async function createToken(fields: Record<string, unknown> = {}) {
  const response = await admin('POST', '/admin/api-tokens', {
    name: uniqueName(),
    type: 'read-only',
    ...fields,
  })
  if (response.status !== 201) {
    throw new Error(`createToken failed: ${response.status} ${JSON.stringify(response.body)}`)
  }
  return response.body.data as {
    id: number
    name: string
    accessKey: string
    expiresAt: string | null
    [key: string]: unknown
  }
}

/** The body of a 503 when the token store (D1) fails, at the gate as on admin routes. */
export const STORE_UNAVAILABLE = {
  data: null,
  error: { status: 503, name: 'ApplicationError', message: 'Token store unavailable', details: {} },
}

/** The body of a 500 when `TOKEN_PEPPER` is missing: the setting named, nothing else. */
export const NO_PEPPER = {
  data: null,
  error: {
    status: 500,
    name: 'ApplicationError',
    message:
      'Tollgate is misconfigured: TOKEN_PEPPER is not set: Tollgate cannot issue or verify API keys',
    details: {},
  },
}

/**
 * A D1 binding whose every statement fails with `error` (as D1 does when it is
 * unreachable), sessions included.
 */
export function failingDatabase(error: Error): D1Database {
  const database = {
    prepare: () => {
      throw error
    },
    batch: () => Promise.reject(error),
    withSession: () => database,
  }
  return database as unknown as D1Database
}

/** The body of a 401 for an admin JWT that is missing, forged or not for us (SPEC §2). */
export const UNAUTHORIZED = {
  data: null,
  error: {
    status: 401,
    name: 'UnauthorizedError',
    message: 'Missing or invalid credentials',
    details: {},
  },
}
