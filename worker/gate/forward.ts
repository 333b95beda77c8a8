import type { Bindings } from '../env'
import { ConfigError } from '../config/config-error'
import { ApiError } from '../http/api-error'
import type { OriginUrl } from '../config/settings'

/**
 * Header names the gate owns: `X-Api-Token-…` and `X-Tollgate-…`, with `-` or `_`
 * between words in any casing (servers that map `_` to `-` would read a client's
 * `X_Api_Token_Type` as ours).
 */
const GATE_OWNED = /^x[-_](api[-_]token|tollgate)[-_]/i

/** Hop-by-hop headers (RFC 9110 §7.6.1): meant for one connection, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/** Headers to add to the forwarded request (already trusted: set by the gate). */
export type GateHeaders = Record<string, string>

/** What of the client's headers the origin may see besides the plain ones. */
export interface ForwardOptions {
  /** Keep `Authorization` (`FORWARD_AUTHORIZATION=true`, or a passthrough path). */
  keepAuthorization: boolean
  /** A CORS preflight: forwarded without credentials (`Authorization`, `Cookie`) or body. */
  preflight?: boolean
  /** Keep `Upgrade` and `Connection` (a verified upgrade of a full-access token). */
  upgrade?: boolean
}

/**
 * The request's headers as the origin receives them: the client's gate-owned and
 * hop-by-hop headers removed (and those `Connection` names), `Authorization` removed
 * unless kept by config, then the gate's own headers set.
 */
export function forwardedHeaders(
  incoming: Headers,
  gateHeaders: GateHeaders,
  { keepAuthorization, preflight = false, upgrade = false }: ForwardOptions,
): Headers {
  const dropped = new Set(
    (incoming.get('Connection') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => !upgrade || name !== 'upgrade'),
  )
  if (!keepAuthorization || preflight) dropped.add('authorization')
  if (preflight) ['cookie', 'content-length', 'content-type'].forEach((name) => dropped.add(name))
  const headers = new Headers()
  for (const [name, value] of incoming) {
    if (GATE_OWNED.test(name) || dropped.has(name)) continue
    if (HOP_BY_HOP.has(name) && !(upgrade && (name === 'upgrade' || name === 'connection'))) {
      continue
    }
    headers.append(name, value)
  }
  for (const [name, value] of Object.entries(gateHeaders)) headers.set(name, value)
  return headers
}

/**
 * The URL the origin is sent: the origin's scheme and host (`ORIGIN_URL`'s, or the
 * request's own for the `ORIGIN` binding), its path prefix, then the request's path
 * and query. Built by concatenation, never resolved against the request path, so
 * `//evil.example/x` stays a path on the origin. Exported for its own tests.
 */
export function originTarget(url: URL, origin: OriginUrl | undefined, bound: boolean): URL {
  if (bound) return new URL(`${url.origin}${url.pathname}${url.search}`)
  if (!origin) throw new ConfigError('No origin is configured: bind ORIGIN or set ORIGIN_URL')
  return new URL(`${origin.origin}${origin.prefix}${url.pathname}${url.search}`)
}

/**
 * Sends the request to the origin, the `ORIGIN` service binding or `ORIGIN_URL`,
 * streaming both bodies. An unreachable origin is a 502.
 */
export async function forwardToOrigin(
  env: Bindings,
  origin: OriginUrl | undefined,
  request: Request,
  url: URL,
  headers: Headers,
  body: BodyInit | null = request.body,
): Promise<Response> {
  const target = originTarget(url, origin, env.ORIGIN !== undefined)
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
