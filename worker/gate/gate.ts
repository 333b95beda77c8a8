import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { ApiError } from '../http/api-error'
import { pepperOf } from '../keys/pepper'
import { tokenDb } from '../tokens/token-store'
import type { GateToken } from '../tokens/verified-key-cache'
import { readCredentials } from './bearer'
import { matchRestAction } from './rest-action'
import { decide, type Principal, type RequestIntent } from './decide'
import { forwardedHeaders, forwardToOrigin, type GateHeaders } from './forward'
import { graphqlOperation, GraphqlDocumentError } from './graphql-operation'
import { readGraphqlRequest, type GraphqlRequest } from './graphql-request'
import { lastUsedWrite } from './last-used'
import { signAssertion } from './origin-assertion'
import { isGraphqlBase, isUnder, protectedBase } from './protected-paths'
import { malformedRequest, refusal } from './refusal'
import { verifyApiKey } from './verify-api-key'

/** Paths the worker serves itself: never gated, even under a broad `PROTECTED_PATHS`. */
const OWN_PATHS = ['/admin', '/auth', '/components']

let warnedNoAssertionSecret = false

function graphqlIntent(graphql: GraphqlRequest, method: string): RequestIntent {
  let operation
  try {
    operation = graphqlOperation(graphql.query, graphql.operationName)
  } catch (error) {
    if (error instanceof GraphqlDocumentError) throw malformedRequest(error.message)
    throw error
  }
  if (operation.type !== 'query' && (method === 'GET' || method === 'HEAD')) {
    throw new ApiError(
      405,
      `A GraphQL ${operation.type} must be sent with POST`,
      { code: 'MALFORMED' },
      { Allow: 'POST' },
    )
  }
  return { api: 'graphql', operation }
}

function forbidden(intent: RequestIntent, denied: string[]): Response {
  const error = refusal('FORBIDDEN')
  if (intent.api === 'rest') return error.toResponse()
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

async function gateHeaders(
  c: Context<AppEnv>,
  token: GateToken | undefined,
  actions: string[],
  now: number,
): Promise<GateHeaders> {
  const typ = token?.type ?? 'public'
  const headers: GateHeaders = { 'X-Api-Token-Type': typ }
  if (token) headers['X-Api-Token-Id'] = String(token.id)
  const secret = c.env.ORIGIN_ASSERTION_SECRET
  if (secret) {
    const sub = token ? String(token.id) : undefined
    headers['X-Tollgate-Assertion'] = await signAssertion(secret, { sub, typ, act: actions }, now)
  } else if (!warnedNoAssertionSecret) {
    warnedNoAssertionSecret = true
    console.warn(
      '[tollgate] ORIGIN_ASSERTION_SECRET is not set: requests reach the origin without X-Tollgate-Assertion',
    )
  }
  return headers
}

/**
 * The gate in front of the origin (SPEC §3): on a protected path it reads the bearer
 * key, checks its shape and checksum, looks it up (cache, then D1), checks expiry,
 * matches the request to catalogued actions (REST route or every GraphQL root field),
 * decides by token type, records the use off the request path, and forwards with the
 * gate's headers. Any other path goes on to the worker's own routes.
 *
 * @example
 * app.use(gate())
 */
export function gate() {
  return createMiddleware<AppEnv>(async function gate(c, next) {
    const { settings } = c.var
    const request = c.req.raw
    const url = new URL(request.url)
    const path = url.pathname
    if (OWN_PATHS.some((own) => isUnder(path, own))) return next()
    const base = protectedBase(path, settings.protectedPaths)
    if (!base) {
      if (!settings.passthroughPaths.some((open) => isUnder(path, open))) return next()
      return forwardToOrigin(c.env, request, url, forwardedHeaders(request.headers, {}, true))
    }
    // Browsers send no credentials on a preflight: it goes to the origin unchecked.
    if (request.method === 'OPTIONS') {
      return forwardToOrigin(c.env, request, url, forwardedHeaders(request.headers, {}, true))
    }

    const now = Date.now()
    const credentials = readCredentials(request.headers.get('Authorization'))
    if (credentials.kind === 'malformed') throw refusal('MALFORMED')
    let token: GateToken | undefined
    let principal: Principal
    if (credentials.kind === 'none') {
      if (settings.publicActions.size === 0) throw refusal('MISSING')
      principal = { type: 'public', permissions: settings.publicActions }
    } else {
      const verdict = await verifyApiKey(credentials.key, {
        settings,
        pepper: pepperOf(c.env),
        db: tokenDb(c.env.DB),
        now,
      })
      if (verdict.code !== 'VALID') throw refusal(verdict.code)
      token = principal = verdict.token
    }

    const graphql = isGraphqlBase(base) ? await readGraphqlRequest(request, url) : undefined
    const intent: RequestIntent = graphql
      ? graphqlIntent(graphql, request.method)
      : {
          api: 'rest',
          method: request.method,
          action: matchRestAction(settings.catalog, request.method, path),
        }
    const decision = decide(intent, principal, settings.catalog)
    if (!decision.allowed) {
      if (!token) throw refusal('MISSING')
      return forbidden(intent, decision.denied)
    }

    if (token) {
      const write = lastUsedWrite(tokenDb(c.env.DB), token, now, settings.lastUsedResolutionMs)
      if (write) c.executionCtx.waitUntil(write)
    }
    const headers = forwardedHeaders(
      request.headers,
      await gateHeaders(c, token, decision.actions, now),
      settings.forwardAuthorization,
    )
    return forwardToOrigin(c.env, request, url, headers, graphql ? graphql.body : request.body)
  })
}
