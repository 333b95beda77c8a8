import type { ApiErrorObject } from './errors'
import { ApiRequestError, isAbort } from './errors'

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

/** One admin API request: answers the parsed JSON body of a 2xx. */
export type Send = <T>(
  method: string,
  path: string,
  options?: CallOptions,
  body?: unknown,
) => Promise<T>

/**
 * The one place that knows the admin API's auth and its error shape. It asks the host for
 * the admin JWT before every request and, on a 401, once more and retries once (SPEC §5).
 * An aborted call rejects with the `AbortError` itself, every other failure with an
 * {@link ApiRequestError}.
 *
 * @example
 * const send = createSend('https://gate.example.com', () => getJwt())
 * const { data } = await send<{ data: Token }>('GET', '/admin/api-tokens/1')
 */
export function createSend(baseUrl: string, authToken: AuthTokenSource): Send {
  return async function send<T>(
    method: string,
    path: string,
    { signal }: CallOptions = {},
    body?: unknown,
  ): Promise<T> {
    const attempt = async () => {
      const jwt = await authToken(signal)
      signal?.throwIfAborted()
      const headers: Record<string, string> = { Accept: 'application/json' }
      if (jwt) headers.Authorization = `Bearer ${jwt}`
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      return fetch(new URL(path, baseUrl), {
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
      throw new ApiRequestError({
        status: 0,
        name: 'NetworkError',
        message: 'Could not reach the API Tokens service',
        details: {},
      })
    }
    const payload = (await response.json().catch(() => null)) as {
      data?: T
      error?: ApiErrorObject
    } | null
    signal?.throwIfAborted()
    if (!response.ok) {
      throw new ApiRequestError(
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
