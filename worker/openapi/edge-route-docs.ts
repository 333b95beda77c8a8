// What the OpenAPI document says of the routes outside /admin: `/auth/verify`,
// `/.well-known/jwks.json` and `/openapi.json` itself.
import { z } from 'zod'
import { documented, jsonResponse } from './describe-route'
import { jwksSchema, verifyResultSchema } from './response-schemas'

/** `POST /auth/verify`. */
export const verifyKeyDoc = documented({
  operationId: 'verifyKey',
  summary: 'Verify an API key',
  description:
    'For services that cannot route through the gate (SPEC §3): whether `key` is valid and, ' +
    'given `method` and `path`, whether it may call that route; given `ip`, whether the ' +
    'token’s `allowedIps` admit it. No credentials: the key under test is the body’s ' +
    '`key`. 60 requests a minute per client address; 8 KiB of body at most.',
  tag: 'Verification',
  auth: 'none',
  responses: { 200: jsonResponse('The verdict', verifyResultSchema) },
  errors: [400, 413, 429, 500, 503],
})

/** `GET /.well-known/jwks.json`. */
export const jwksDoc = documented({
  operationId: 'getAssertionKeys',
  summary: 'The public keys of the gate’s assertions',
  description:
    'Served when assertions are signed with `ORIGIN_ASSERTION_KEY`: the current key first, ' +
    'then, during a rotation, the previous one. 404 while they are signed HS256.',
  tag: 'Discovery',
  auth: 'none',
  responses: {
    200: jsonResponse('The JSON Web Key Set', jwksSchema, {
      'Cache-Control': 'Cached for five minutes',
    }),
  },
  errors: [404, 500],
})

/** The OpenAPI document, as far as a client needs to know it. */
const openApiDocumentSchema = z
  .looseObject({ openapi: z.string().regex(/^3\.1\.\d+$/), info: z.looseObject({}) })
  .meta({ id: 'OpenApiDocument' })

/** `GET /openapi.json`. */
export const openApiDoc = documented({
  operationId: 'getOpenApiDocument',
  summary: 'This document',
  tag: 'Discovery',
  auth: 'none',
  responses: {
    200: jsonResponse('The OpenAPI 3.1 document', openApiDocumentSchema, {
      'Cache-Control': 'Cached for five minutes',
    }),
  },
  errors: [500],
})
