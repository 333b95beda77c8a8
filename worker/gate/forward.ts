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

/**
 * Headers that tell an origin who the client is or which host and path were asked for,
 * with `-` or `_` between words in any casing. Only the gate may say that (SPEC §10): a
 * client's own would be trusted by an origin that trusts its proxy. `X-Original-URL` and
 * `X-Rewrite-URL` make some frameworks route to another path than the one judged;
 * `X-Host` and `X-HTTP-Host-Override` change the host links are built from; CDN-style
 * client headers (`Fastly-Client-IP`, `X-ProxyUser-IP`) and `CF_Connecting_IP` spelled
 * with `_` (which some WSGI servers merge with Cloudflare's own) name a client address.
 */
const FORWARDING =
  /^(forwarded|forwarded[-_]for|x[-_]forwarded([-_].*)?|x[-_]real[-_]ip|true[-_]client[-_]ip|x[-_]client[-_]ip|x[-_]cluster[-_]client[-_]ip|client[-_]ip|fastly[-_]client[-_]ip|x[-_]proxyuser[-_]ip|cf_connecting_ip|cf[-_]connecting[-_]ip_.*|x[-_]original[-_](url|host)|x[-_]rewrite[-_]url|x[-_]host|x[-_]http[-_]host[-_]override)$/i

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
 * The forwarding headers the gate sets itself (SPEC §10): `X-Forwarded-For` and
 * `X-Real-IP` are the client address it judged (when it has one), `X-Forwarded-Proto`
 * and `X-Forwarded-Host` the scheme and host of the request it received.
 *
 * @example
 * forwardingHeaders('203.0.113.7', new URL('https://api.example.com/api/articles'))
 * // { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'api.example.com', 'X-Forwarded-For': '203.0.113.7', 'X-Real-IP': '203.0.113.7' }
 */
export function forwardingHeaders(address: string | undefined, url: URL): GateHeaders {
  const headers: GateHeaders = {
    'X-Forwarded-Proto': url.protocol.slice(0, -1),
    'X-Forwarded-Host': url.host,
  }
  if (address !== undefined) {
    headers['X-Forwarded-For'] = address
    headers['X-Real-IP'] = address
  }
  return headers
}

/**
 * The request's headers as the origin receives them: the client's gate-owned,
 * forwarding and hop-by-hop headers removed (and those `Connection` names),
 * `Authorization` removed unless kept by config, then the gate's own headers set.
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
    if (GATE_OWNED.test(name) || FORWARDING.test(name) || dropped.has(name)) continue
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
  // A length the origin would wait for, or read the next request from: no body, no length.
  if (!hasBody || body === null) headers.delete('Content-Length')
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
