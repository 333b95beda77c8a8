import type { Bindings } from '../env'
import { ApiError } from '../http/api-error'

const SPOOFABLE = /^x-(api-token-|tollgate-)/i

/** Headers to add to the forwarded request (already trusted: set by the gate). */
export type GateHeaders = Record<string, string>

/**
 * The request as the origin receives it: unchanged but for the client's
 * `X-Api-Token-*` / `X-Tollgate-*` headers (always removed), `Authorization` (removed
 * unless kept by config) and the gate's own headers.
 */
export function forwardedHeaders(
  incoming: Headers,
  gateHeaders: GateHeaders,
  keepAuthorization: boolean,
): Headers {
  const headers = new Headers()
  for (const [name, value] of incoming) {
    if (SPOOFABLE.test(name)) continue
    if (!keepAuthorization && name === 'authorization') continue
    headers.append(name, value)
  }
  for (const [name, value] of Object.entries(gateHeaders)) headers.set(name, value)
  return headers
}

/**
 * Sends the request to the origin, the `ORIGIN` service binding or `ORIGIN_URL` (whose
 * own path is prefixed), streaming both bodies. An unreachable origin is a 502.
 */
export async function forwardToOrigin(
  env: Bindings,
  request: Request,
  url: URL,
  headers: Headers,
  body: BodyInit | null = request.body,
): Promise<Response> {
  let target: URL
  if (env.ORIGIN) {
    target = url
  } else if (env.ORIGIN_URL) {
    const origin = new URL(env.ORIGIN_URL)
    target = new URL(origin.pathname.replace(/\/+$/, '') + url.pathname + url.search, origin)
  } else {
    throw new ApiError(502, 'No origin is configured: bind ORIGIN or set ORIGIN_URL')
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  const forwarded = new Request(target, {
    method: request.method,
    headers,
    body: hasBody ? body : null,
    redirect: 'manual',
  })
  try {
    return await (env.ORIGIN ? env.ORIGIN.fetch(forwarded) : fetch(forwarded))
  } catch (error) {
    console.error('[tollgate] origin unreachable', error instanceof Error ? error.message : error)
    throw new ApiError(502, 'Origin unreachable')
  }
}
