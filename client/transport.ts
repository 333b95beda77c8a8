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

/** One admin API request: answers the parsed JSON body of a 2xx. */
export type Send = <T>(
  method: string,
  path: string,
  options?: CallOptions & { query?: Query; body?: unknown },
) => Promise<T>

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
  return async function send<T>(
    method: string,
    path: string,
    { signal, query = {}, body }: CallOptions & { query?: Query; body?: unknown } = {},
  ): Promise<T> {
    const url = new URL(path, baseUrl)
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    const attempt = async () => {
      const jwt = await getAuthToken(signal)
      signal?.throwIfAborted()
      const headers: Record<string, string> = { Accept: 'application/json' }
      if (jwt) headers.Authorization = `Bearer ${jwt}`
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      return (fetchImpl ?? fetch)(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      })
    }
    let response: Response
    try {
      response = await attempt()
      // The host's JWT may have expired between asking and sending: ask again, once.
      if (response.status === 401) response = await attempt()
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
    const payload = (await response.json().catch(() => null)) as {
      error?: ErrorObject
    } | null
    signal?.throwIfAborted()
    if (!response.ok) {
      throw new TollgateApiError(
        payload?.error ?? {
          status: response.status,
          name: 'ApplicationError',
          message: `The API Tokens service answered ${response.status}`,
          details: {},
        },
      )
    }
    return payload as T
  }
}
