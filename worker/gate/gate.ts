import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { waitUntilOf } from '../http/wait-until'
import { pepperOf } from '../keys/pepper'
import { readCredentials } from './bearer'
import { decide, type Principal, type RequestIntent } from './decide'
import { forwardedHeaders, forwardingHeaders, forwardToOrigin, type GateHeaders } from './forward'
import { gateSession } from './gate-session'
import { forwardedGraphql, type ForwardedGraphql } from './graphql-forward'
import { graphqlOperation, GraphqlDocumentError } from './graphql-operation'
import { refuseForeignPersistedQuery } from './graphql-persisted-query'
import { judgedDocument } from './judged-documents'
import { readGraphqlRequest } from './graphql-request'
import { assertionKeys } from './assertion-signer'
import { signAssertion, type AssertionClaims } from './origin-assertion'
import { isGraphqlBase, isUnder, protectedBase } from './protected-paths'
import { ipRefusal, malformedRequest, refusal } from './refusal'
import { spendRateLimit } from './rate-limit-tier'
import {
  isPreflight,
  refuseAmbiguousPath,
  refuseFormMethodOverride,
  refuseJsonMethodOverride,
  refuseMethodOverride,
} from './request-shape'
import { matchRestAction } from './rest-action'
import { recordUse } from './usage-recorder'
import { clientAddress, isAllowedIp } from '../tokens/ip-allow-list'
import { unknownKeyGuard } from './unknown-key-limit'
import { verifyApiKey } from './verify-api-key'
import { type GateToken } from '../tokens/gate-token'
import { chargeCredits, requestCost, withRemaining, type Charge } from '../credits/spend-credits'

let warnedNoAssertionSecret = false

/** How the gate is built: what it never judges, and its clock. */
export interface GateOptions {
  /** Paths the worker serves itself: never gated, even under a broad `PROTECTED_PATHS`. */
  ownPaths: readonly string[]
  /** The clock, in epoch ms (tests pass their own). */
  now?: () => number
}

/**
 * Reads and judges a GraphQL request's operation, and rebuilds the request around the
 * re-printed document: what the origin receives is what was judged (SPEC §10).
 */
async function judgeGraphql(
  request: Request,
  url: URL,
): Promise<{ intent: RequestIntent; forwarded: ForwardedGraphql }> {
  const graphql = await readGraphqlRequest(request, url)
  let operation
  let printed
  try {
    const judged = judgedDocument(graphql.query)
    operation = graphqlOperation(judged.document, graphql.operationName)
    printed = judged.printed
  } catch (error) {
    if (error instanceof GraphqlDocumentError) throw malformedRequest(error.message)
    throw error
  }
  await refuseForeignPersistedQuery(graphql, printed)
  const method = request.method
  if (operation.type !== 'query' && (method === 'GET' || method === 'HEAD')) {
    throw new ApiError(
      405,
      `A GraphQL ${operation.type} must be sent with POST`,
      { code: 'MALFORMED' },
      { Allow: 'POST' },
    )
  }
  return { intent: { api: 'graphql', operation }, forwarded: forwardedGraphql(graphql, printed) }
}

function forbidden(intent: RequestIntent | undefined, denied: string[]): Response {
  const error = refusal('FORBIDDEN')
  if (intent?.api !== 'graphql') return error.getResponse()
  const body = error.toBody()
  body.error.details.denied = denied
  return Response.json(
    {
      ...body,
      errors: [{ message: 'Forbidden access', extensions: { code: 'FORBIDDEN', denied } }],
    },
    { status: 403 },
  )
}

/** What the gate knows of the request it forwards: its URL, time, judged address and forwarding headers. */
interface Judged {
  url: URL
  now: number
  cip: string | undefined
  forwarding: GateHeaders
}

async function gateHeaders(
  c: Context<AppEnv>,
  token: GateToken | undefined,
  actions: string[],
  { url, now, cip, forwarding }: Judged,
): Promise<GateHeaders> {
  const typ = token?.type ?? 'public'
  const headers: GateHeaders = { ...forwarding, 'X-Api-Token-Type': typ }
  if (token) headers['X-Api-Token-Id'] = String(token.id)
  // A key in its grace period: the origin can tell its client to switch (SPEC §7).
  const previous = token?.previousKeyUntil !== undefined
  if (previous) headers['X-Api-Token-Key'] = 'previous'
  // An owned token names its owner, so the origin can scope its data (SPEC §8).
  if (token?.owner) headers['X-Api-Token-Owner'] = token.owner
  const { signer } = await assertionKeys(c.env)
  if (signer) {
    const claims: AssertionClaims = {
      sub: token ? String(token.id) : 'public',
      typ,
      act: actions,
      htm: c.req.method,
      htu: url.pathname,
      ...(previous ? { prev: true } : {}),
      ...(token?.owner ? { own: token.owner } : {}),
      ...(token && Object.keys(token.meta).length ? { meta: token.meta } : {}),
      ...(cip !== undefined ? { cip } : {}),
    }
    headers['X-Tollgate-Assertion'] = await signAssertion(signer, claims, now)
  } else if (!warnedNoAssertionSecret) {
    warnedNoAssertionSecret = true
    console.warn(
      '[tollgate] neither ORIGIN_ASSERTION_KEY nor ORIGIN_ASSERTION_SECRET is set: requests reach the origin without X-Tollgate-Assertion',
    )
  }
  return headers
}

/** Who is asking: the key's token (verified, current), or the public without a key. */
async function authenticate(
  c: Context<AppEnv>,
  now: number,
  countUse: (token: GateToken, outcome: 'passed' | 'refused') => void,
): Promise<{ token: GateToken | undefined; principal: Principal }> {
  const { settings } = c.var
  const credentials = readCredentials(c.req.header('Authorization'))
  if (credentials.kind === 'malformed') throw refusal('MALFORMED')
  if (credentials.kind === 'none') {
    if (settings.publicActions.size === 0) throw refusal('MISSING')
    return { token: undefined, principal: { type: 'public', permissions: settings.publicActions } }
  }
  const verdict = await verifyApiKey(credentials.key, {
    settings,
    pepper: pepperOf(c.env),
    strapiSalt: c.env.STRAPI_API_TOKEN_SALT,
    db: gateSession(c),
    now,
    waitUntil: waitUntilOf(c),
    // Per network: an IPv6 client rotating through its /64 is one client (SPEC §10).
    unknownKeys: unknownKeyGuard(c.env, c.req.header('CF-Connecting-IP'), now),
  })
  if (verdict.code === 'EXPIRED' || verdict.code === 'DISABLED') countUse(verdict.token, 'refused')
  if (verdict.code !== 'VALID') throw refusal(verdict.code)
  return { token: verdict.token, principal: verdict.token }
}

/**
 * The gate in front of the origin (SPEC §3). On a protected path (the longest base
 * wins) it refuses ambiguous paths and method overrides, lets CORS preflights through
 * without credentials, reads the bearer key, checks its shape and checksum, looks it
 * up (cache, then D1), checks expiry, passes upgrades for full access only, matches
 * the request to catalogued actions (REST route or every GraphQL root field), decides
 * by token type, records the use off the request path, and forwards to the origin's
 * fixed host with the gate's headers. Other paths go on to the worker's own routes.
 *
 * @example
 * app.use(gate({ ownPaths: ['/admin', '/auth'] }))
 */
export function gate({ ownPaths, now: clock = Date.now }: GateOptions) {
  return createMiddleware<AppEnv>(async function gate(c, next) {
    const { settings } = c.var
    const request = c.req.raw
    const url = new URL(request.url)
    const path = url.pathname
    if (ownPaths.some((own) => isUnder(path, own))) return next()
    const forward = (headers: Headers, body: BodyInit | null = request.body, target = url) =>
      forwardToOrigin(c.env, settings.origin, request, target, headers, body)
    // Who asked, and where: set by the gate on every forward, whatever the client sent.
    const cip = clientAddress(c.req.header('CF-Connecting-IP'))
    const forwarding = forwardingHeaders(cip, url)
    const base = protectedBase(path, settings.protectedPaths)
    if (!base) {
      if (!settings.passthroughPaths.some((open) => isUnder(path, open))) return next()
      refuseAmbiguousPath(url)
      const keepAuthorization = settings.forwardAuthorization
      return forward(forwardedHeaders(request.headers, forwarding, { keepAuthorization }))
    }
    refuseAmbiguousPath(url)
    refuseMethodOverride(request, url)
    if (isPreflight(request)) {
      const headers = forwardedHeaders(request.headers, forwarding, {
        keepAuthorization: false,
        preflight: true,
      })
      return forward(headers, null)
    }

    const now = clock()
    const keyless = !request.headers.has('Authorization')
    // An upgraded connection (WebSocket, h2c) carries frames the gate never sees.
    const upgrade = request.headers.has('Upgrade')
    if (upgrade && keyless) throw refusal('MISSING')
    // Usage: each request of a known key counts as passed or refused (SPEC §9).
    const countUse = (token: GateToken, outcome: 'passed' | 'refused') => {
      const resolutionMs = settings.lastUsedResolutionMs
      const flush = recordUse(gateSession(c), token.id, outcome, { now, resolutionMs })
      if (flush) waitUntilOf(c)(flush)
    }
    const { token, principal } = await authenticate(c, now, countUse)
    if (token) {
      try {
        if (!isAllowedIp(c.req.header('CF-Connecting-IP'), token.allowedIps)) throw ipRefusal()
        await spendRateLimit(c.env, settings, token)
      } catch (error) {
        countUse(token, 'refused')
        throw error
      }
    }

    let intent: RequestIntent | undefined
    let graphql: ForwardedGraphql | undefined
    let decision: ReturnType<typeof decide>
    if (upgrade) {
      const action = isGraphqlBase(base)
        ? undefined
        : matchRestAction(settings.catalog, request.method, path)
      const actions = action ? [action] : []
      decision =
        principal.type === 'full-access'
          ? { allowed: true, actions }
          : { allowed: false, denied: actions }
    } else {
      if (isGraphqlBase(base)) {
        ;({ intent, forwarded: graphql } = await judgeGraphql(request, url))
      } else {
        await refuseJsonMethodOverride(request)
        intent = {
          api: 'rest',
          method: request.method,
          action: matchRestAction(settings.catalog, request.method, path),
        }
      }
      decision = decide(intent, principal, settings.catalog)
    }
    if (!decision.allowed) {
      if (!token) throw refusal('MISSING')
      countUse(token, 'refused')
      return forbidden(intent, decision.denied)
    }
    if (principal.type !== 'full-access' && !graphql) await refuseFormMethodOverride(request)

    const headers = forwardedHeaders(
      request.headers,
      await gateHeaders(c, token, decision.actions, { url, now, cip, forwarding }),
      { keepAuthorization: settings.forwardAuthorization, upgrade },
    )
    let body: BodyInit | null = request.body
    let target = url
    if (graphql && 'search' in graphql) {
      body = null
      target = new URL(graphql.search, url)
    } else if (graphql) {
      body = graphql.body
      headers.set('Content-Type', graphql.contentType)
      headers.set('Content-Length', String(graphql.body.byteLength))
    }
    // A metered token pays last, just before its request is forwarded; a request the
    // origin never got is given back (SPEC §13).
    let charge: Charge | undefined
    if (token?.credits) {
      const cost = requestCost(settings.catalog, intent)
      try {
        charge = await chargeCredits(c.env.TOKEN_CREDITS, token.id, token.credits, cost, now)
      } catch (error) {
        countUse(token, 'refused')
        throw error
      }
    }
    if (token) countUse(token, 'passed')
    try {
      return withRemaining(await forward(headers, body, target), charge?.remaining)
    } catch (error) {
      if (charge) waitUntilOf(c)(charge.refund())
      throw error
    }
  })
}
