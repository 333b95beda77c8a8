// What the OpenAPI document says of each admin route (SPEC §2): its success answers and
// error statuses. The routes put these beside the `validate()` that describes their
// requests (worker/admin/).
import { z } from 'zod'
import { documented, jsonResponse, type ErrorStatus } from './describe-route'
import {
  adminPermissionsBodySchema,
  createdTokenSchema,
  eventPageBodySchema,
  permissionCatalogSchema,
  rateLimitTierSchema,
  regeneratedKeySchema,
  routeCatalogSchema,
  tokenListBodySchema,
  tokenPageBodySchema,
  tokenSchema,
  tokenUsageSchema,
} from './response-schemas'

/** `{data: …}`: how every admin answer wraps its payload (Strapi's form). */
const dataOf = (schema: z.ZodType) => z.object({ data: schema })

/** Any signed-in admin: a missing or bad JWT, or a misconfigured admin API. */
const ANY_ADMIN: ErrorStatus[] = [401, 500]
/** A route needing one admin action, reading or writing the token store. */
const ACTION: ErrorStatus[] = [401, 403, 500, 503]
/** …with a `:id`, a query or a body to validate. */
const VALIDATED: ErrorStatus[] = [400, ...ACTION]
/** …about one token, which may not exist. */
const ONE_TOKEN: ErrorStatus[] = [400, ...ACTION, 404]
/** …with a JSON body (64 KiB at most). */
const WITH_BODY: ErrorStatus[] = [413]

const tokenAnswer = (description: string) => jsonResponse(description, dataOf(tokenSchema))

/** `GET /admin/users/me/permissions`. */
export const mePermissionsDoc = documented({
  operationId: 'getMyPermissions',
  summary: 'The signed-in admin’s actions',
  description:
    '`meta.owner` is the admin’s owner, `null` for an operator (SPEC §8); `meta.grantable` ' +
    'the rights the admin may put on tokens (`null` = all) and `meta.maxLifespanDays` the ' +
    'longest lifetime a key may get (`null` = no cap) (SPEC §13).',
  tag: 'Admin',
  auth: 'admin',
  responses: { 200: jsonResponse('The admin’s actions', adminPermissionsBodySchema) },
  errors: ANY_ADMIN,
})

/** `GET /admin/content-api/permissions`. */
export const permissionCatalogDoc = documented({
  operationId: 'getPermissionCatalog',
  summary: 'The action catalog, grouped for the permission picker',
  tag: 'Admin',
  auth: 'admin',
  responses: { 200: jsonResponse('The catalog', dataOf(permissionCatalogSchema)) },
  errors: ANY_ADMIN,
})

/** `GET /admin/content-api/routes`. */
export const routeCatalogDoc = documented({
  operationId: 'getRouteCatalog',
  summary: 'The route bound to each action',
  tag: 'Admin',
  auth: 'admin',
  responses: { 200: jsonResponse('The routes, by group', dataOf(routeCatalogSchema)) },
  errors: ANY_ADMIN,
})

/** `GET /admin/rate-limit-tiers`. */
export const rateLimitTiersDoc = documented({
  operationId: 'listRateLimitTiers',
  summary: 'The rate-limit tiers a token may be given',
  tag: 'Admin',
  auth: 'admin',
  responses: { 200: jsonResponse('The tiers', dataOf(z.array(rateLimitTierSchema))) },
  errors: ANY_ADMIN,
})

/** `GET /admin/api-tokens`. */
export const listTokensDoc = documented({
  operationId: 'listTokens',
  summary: 'List tokens',
  description:
    'Every token (no keys), sorted by `sort`; with `page` or `pageSize`, one page and ' +
    '`meta.pagination`. A scoped admin sees its owner’s tokens only.',
  tag: 'API tokens',
  auth: 'admin',
  responses: {
    200: jsonResponse('The tokens', z.union([tokenListBodySchema, tokenPageBodySchema])),
  },
  errors: VALIDATED,
})

/** `GET /admin/api-tokens/{id}`. */
export const getTokenDoc = documented({
  operationId: 'getToken',
  summary: 'Read a token',
  tag: 'API tokens',
  auth: 'admin',
  responses: { 200: tokenAnswer('The token') },
  errors: ONE_TOKEN,
})

/** `POST /admin/api-tokens`. */
export const createTokenDoc = documented({
  operationId: 'createToken',
  summary: 'Create a token',
  description:
    'Answers the token with its `accessKey`, shown this once. A type or permission beyond ' +
    'the admin JWT’s `grantable` claim is a 403 naming them in `details.notGrantable`; a ' +
    'lifetime beyond `MAX_LIFESPAN_DAYS` a 400 (SPEC §13).',
  tag: 'API tokens',
  auth: 'admin',
  responses: { 201: jsonResponse('The new token and its key', dataOf(createdTokenSchema)) },
  errors: [...VALIDATED, ...WITH_BODY],
})

/** `PUT /admin/api-tokens/{id}`. */
export const updateTokenDoc = documented({
  operationId: 'updateToken',
  summary: 'Edit a token',
  description:
    'Any subset of the fields; `description: null` stores `""`. Changing the type or ' +
    'permissions beyond the admin JWT’s `grantable` claim is a 403; a lifetime beyond ' +
    '`MAX_LIFESPAN_DAYS` a 400 (SPEC §13).',
  tag: 'API tokens',
  auth: 'admin',
  responses: { 200: tokenAnswer('The token as saved') },
  errors: [...ONE_TOKEN, ...WITH_BODY],
})

/** `DELETE /admin/api-tokens/{id}`. */
export const deleteTokenDoc = documented({
  operationId: 'deleteToken',
  summary: 'Delete a token',
  tag: 'API tokens',
  auth: 'admin',
  responses: {
    200: jsonResponse(
      'The deleted token, or `data: null` when there was none',
      dataOf(tokenSchema.nullable()),
    ),
  },
  errors: [...VALIDATED, ...WITH_BODY],
})

/** `POST /admin/api-tokens/{id}/regenerate`. */
export const regenerateTokenDoc = documented({
  operationId: 'regenerateToken',
  summary: 'Give a token a new key',
  description:
    'The body is optional: with `gracePeriod` (seconds) the replaced key keeps working ' +
    'that long; `lifespan` or `expiresAt` set the new key’s lifetime.',
  tag: 'API tokens',
  auth: 'admin',
  responses: { 201: jsonResponse('The new key', dataOf(regeneratedKeySchema)) },
  errors: [...ONE_TOKEN, ...WITH_BODY],
})

/** `GET /admin/api-tokens/{id}/usage`. */
export const tokenUsageDoc = documented({
  operationId: 'getTokenUsage',
  summary: 'A token’s requests per day',
  tag: 'API tokens',
  auth: 'admin',
  responses: { 200: jsonResponse('One entry per UTC day, oldest first', dataOf(tokenUsageSchema)) },
  errors: ONE_TOKEN,
})

/** `GET /admin/api-tokens/{id}/events`. */
export const tokenEventsDoc = documented({
  operationId: 'listTokenEvents',
  summary: 'A token’s audit log',
  description: 'Newest first; a deleted token’s history stays readable.',
  tag: 'Audit log',
  auth: 'admin',
  responses: { 200: jsonResponse('One page of events', eventPageBodySchema) },
  errors: ONE_TOKEN,
})

/** `GET /admin/api-token-events`. */
export const eventsDoc = documented({
  operationId: 'listEvents',
  summary: 'The audit log of every token',
  tag: 'Audit log',
  auth: 'admin',
  responses: { 200: jsonResponse('One page of events', eventPageBodySchema) },
  errors: VALIDATED,
})

/** `POST /admin/api-tokens/{id}/credits`. */
export const changeCreditsDoc = documented({
  operationId: 'changeTokenCredits',
  summary: 'Add to or set a metered token’s credits',
  description:
    'Exactly one of `add` and `set` (SPEC §13), applied to the balance in the token’s ' +
    'Durable Object; a token without credits is a 400. Answers the token with its new balance.',
  tag: 'API tokens',
  auth: 'admin',
  responses: { 200: tokenAnswer('The token, with its new balance') },
  errors: [...ONE_TOKEN, ...WITH_BODY],
})
