import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import app, { createApp } from '../../worker/index'
import type { Bindings } from '../../worker/env'
import { BASE, createToken } from './helpers'

/** What the echo origin saw of a forwarded request. */
export interface Echo {
  method: string
  url: string
  headers: Record<string, string>
  body: string
  /** The body's length in bytes, as received. */
  size: number
}

/** An origin that answers every request with what it received, and records it. */
export function echoOrigin() {
  const seen: Echo[] = []
  const origin = {
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const request = new Request(input, init)
      const bytes =
        request.method === 'GET' || request.method === 'HEAD'
          ? new Uint8Array()
          : new Uint8Array(await request.arrayBuffer())
      const echo: Echo = {
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        // As sent: a leading byte-order mark kept, whatever the content type.
        body: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes),
        size: bytes.byteLength,
      }
      seen.push(echo)
      return Response.json(echo, { headers: { 'X-Origin': 'echo' } })
    },
  }
  return { origin: origin as unknown as Fetcher, seen }
}

/**
 * A worker environment for gate tests: the test bindings plus an echo origin and any
 * overrides, and the gate's clock when given. Settings are parsed once per environment object, as in an isolate.
 */
export function gateEnv(
  overrides: Partial<Bindings> & Record<string, unknown> = {},
  { now }: { now?: () => number } = {},
) {
  const { origin, seen } = echoOrigin()
  const bindings: Bindings = { ...env, ORIGIN: origin, ...overrides }
  const worker = now ? createApp({ now }) : app
  return {
    env: bindings,
    seen,
    /** Calls the worker and waits for its `waitUntil` work (the `lastUsedAt` write). */
    async fetch(path: string, init: RequestInit = {}): Promise<Response> {
      const ctx = createExecutionContext()
      const response = await worker.fetch(new Request(`${BASE}${path}`, init), bindings, ctx)
      await waitOnExecutionContext(ctx)
      return response
    },
  }
}

/** `Authorization: Bearer <key>` plus any other headers. */
export function bearer(key: string, headers: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${key}`, ...headers }
}

/** A GraphQL POST with a JSON body. */
export function graphqlPost(
  key: string | undefined,
  query: string,
  operationName?: string,
): RequestInit {
  return {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, operationName }),
  }
}

/**
 * Wraps D1 to record every SQL statement prepared through it or through a session it
 * opened, and the constraint of each session opened (`withSession`).
 */
export function countingDb(db: D1Database) {
  const statements: string[] = []
  const sessions: (string | undefined)[] = []
  const counting = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(inner, property) {
        if (property === 'prepare') {
          return (query: string) => {
            statements.push(query)
            return (inner as unknown as D1Database).prepare(query)
          }
        }
        if (property === 'withSession') {
          return (constraint?: string) => {
            sessions.push(constraint)
            return counting((inner as unknown as D1Database).withSession(constraint))
          }
        }
        const value = Reflect.get(inner, property)
        return typeof value === 'function' ? value.bind(inner) : value
      },
    })
  return { db: counting(db), statements, sessions }
}

/** A clock for the gate (`gateEnv(…, { now: clock.now })`) that moves only when told. */
export function testClock(start = Date.now()) {
  let time = start
  return {
    now: () => time,
    advance(ms: number) {
      time += ms
    },
  }
}

/** Keys of a read-only, a full-access and a custom token (granted `customActions`). */
export async function keysOfEachType(customActions: string[]) {
  return {
    readOnly: (await createToken({ type: 'read-only' })).accessKey,
    fullAccess: (await createToken({ type: 'full-access' })).accessKey,
    custom: (await createToken({ type: 'custom', permissions: customActions })).accessKey,
  }
}

/**
 * Wraps D1 so that, while held, key lookups (statements on `access_key_hash`, through it
 * or through its sessions) read the database, then answer only when released: a lookup
 * in flight, made visible.
 */
export function holdingDb(db: D1Database) {
  let released: Promise<void> | undefined
  let release = () => {}
  // issued: held lookups sent; waiting: read, their answer held; answered: delivered.
  const state = { issued: 0, waiting: 0, answered: 0 }
  const delayed = <T extends object>(
    target: T,
    methods: string[],
    wrap: (value: unknown) => unknown,
  ): T =>
    new Proxy(target, {
      get(inner, property) {
        const value = Reflect.get(inner, property)
        if (typeof value !== 'function') return value
        const bound = (value as (...args: unknown[]) => unknown).bind(inner)
        if (!methods.includes(String(property))) return bound
        return (...args: unknown[]) => wrap(bound(...args))
      },
    })
  const answerWhenReleased = (statement: D1PreparedStatement): D1PreparedStatement =>
    delayed(statement, ['bind'], (bound) =>
      delayed(bound as D1PreparedStatement, ['raw', 'all', 'first'], async (result) => {
        if (released === undefined) return result
        state.issued += 1
        const answer = await (result as Promise<unknown>)
        const gate = released
        if (gate !== undefined) {
          state.waiting += 1
          await gate
          state.waiting -= 1
        }
        state.answered += 1
        return answer
      }),
    )
  const holding = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(inner, property) {
        const value = Reflect.get(inner, property)
        if (typeof value !== 'function') return value
        if (property === 'prepare') {
          return (query: string) => {
            const statement = (inner as unknown as D1Database).prepare(query)
            return query.includes('access_key_hash') ? answerWhenReleased(statement) : statement
          }
        }
        if (property === 'withSession') {
          return (constraint?: string) =>
            holding((inner as unknown as D1Database).withSession(constraint))
        }
        return (value as (...args: unknown[]) => unknown).bind(inner)
      },
    })
  return {
    db: holding(db),
    state,
    /** Lookups from now on wait for {@link release}. */
    hold() {
      released = new Promise((resolve) => (release = resolve))
    },
    /** Answers the waiting lookups; later ones answer at once. */
    release() {
      released = undefined
      release()
    },
  }
}
