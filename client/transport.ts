import type { ErrorObject } from '../contract/api-tokens'
import { TollgateApiError, isAbort } from './errors'

/**
 * Where the admin JWT comes from: a function of the host, returning it or a promise of it.
 * The signal is the one of the request it is asked for (a host may pass it on to `fetch`).
 */
export type AuthTokenSource = (
  signal?: AbortSignal,
) => string | null | undefined | Promise<string | null | undefined>

/** Per-call options: an `AbortSignal` cancels the request (and its retry). */
export interface CallOptions {
  signal?: AbortSignal
}

/** A query string's values; `undefined` ones are left out. */
export type Query = Record<string, string | number | boolean | undefined>

/** What one request sends, and `whole`: its answer has no `data` (`/auth/verify`). */
export type SendOptions = CallOptions & { query?: Query; body?: unknown; whole?: boolean }

/** One admin API request: answers the parsed JSON body of a 2xx. */
export type Send = <T>(method: string, path: string, options?: SendOptions) => Promise<T>

/**
 * The one place that knows the admin API's auth and its error shape. It asks the host for
 * the admin JWT before every request and, on a 401, once more and retries once (SPEC §5).
 * An aborted call rejects with the `AbortError` itself, every other failure with a
 * {@link TollgateApiError}. `fetch` is looked up at each call unless one is given.
 *
 * @example
 * const send = createSend('https://gate.example.com', () => getJwt())
 * const { data } = await send<{ data: Token }>('GET', '/admin/api-tokens/1')
 */
export function createSend(
  baseUrl: string | URL,
  getAuthToken: AuthTokenSource,
  fetchImpl?: typeof fetch,
): Send {
  // Routes are joined below the base's path: `https://example.com/gate` calls
  // `https://example.com/gate/admin/…`.
  const base = new URL(baseUrl)
  if (!base.pathname.endsWith('/')) base.pathname += '/'
  return async function send<T>(
    method: string,
    path: string,
    { signal, query = {}, body, whole }: SendOptions = {},
  ): Promise<T> {
    const url = new URL(path.replace(/^\//, ''), base)
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    const attempt = async () => {
      // The host's own failure to give a JWT is its error, not a network one.
      const jwt = await getAuthToken(signal)
      signal?.throwIfAborted()
      const headers: Record<string, string> = { Accept: 'application/json' }
      if (jwt) headers.Authorization = `Bearer ${jwt}`
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      try {
        return await (fetchImpl ?? fetch)(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
        })
      } catch (error) {
        if (signal?.aborted) throw signal.reason
        if (isAbort(error)) throw error
        throw new TollgateApiError({
          status: 0,
          name: 'NetworkError',
          message: 'Could not reach the API Tokens service',
          details: {},
        })
      }
    }
    let response = await attempt()
    // The host's JWT may have expired between asking and sending: ask again, once.
    if (response.status === 401) response = await attempt()
    const payload = (await response.json().catch(() => null)) as {
      data?: unknown
      error?: Partial<ErrorObject>
    } | null
    signal?.throwIfAborted()
    const error = payload?.error
    if (!response.ok && typeof error?.status === 'number' && typeof error.message === 'string') {
      throw new TollgateApiError({ name: 'ApplicationError', details: {}, ...error } as ErrorObject)
    }
    // An answer without its error or data is not the worker's: a sign-in page, a proxy's.
    if (!response.ok || !payload || !(whole || 'data' in payload)) {
      throw new TollgateApiError({
        status: response.status,
        name: 'ApplicationError',
        message: `The API Tokens service answered ${response.status} without its ${response.ok ? 'data' : 'error'}`,
        details: {},
      })
    }
    return payload as T
  }
}
