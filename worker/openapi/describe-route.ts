import { describeRoute, resolver } from 'hono-openapi'
import type { z } from 'zod'
import { errorNameOf } from '../http/api-error'
import { errorBodySchemaFor } from './response-schemas'

/** The error statuses the worker answers (SPEC §2). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 429 | 500 | 503

/** When each error status is answered, as the document says it. */
const WHEN: Record<ErrorStatus, string> = {
  400: 'ValidationError: the request is not valid; `details.errors` lists each field with its `code`',
  401: 'UnauthorizedError: the admin JWT is missing, invalid, expired or not for this audience',
  403: 'ForbiddenError: the admin JWT lacks the action this route needs (`details.action`)',
  404: 'NotFoundError: no such resource (or another owner’s)',
  413: 'PayloadTooLargeError: the body is larger than the route takes',
  429: 'RateLimitError: too many requests from this client address; see `Retry-After`',
  500: 'ApplicationError: Tollgate is misconfigured (the message names the setting)',
  503: 'ApplicationError: the token store (D1) is unavailable',
}

/** Response schemas describe what the worker sends: zod's output side. */
const OUTPUT = { options: { io: 'output' } }

/** A plain-text header of a response. */
const header = (description: string) => ({ description, schema: { type: 'string' as const } })

/** A JSON response with the body `schema` describes, and any headers. */
export function jsonResponse(
  description: string,
  schema: z.ZodType,
  headers: Record<string, string> = {},
) {
  const headerObjects = Object.fromEntries(
    Object.entries(headers).map(([name, text]) => [name, header(text)]),
  )
  return {
    description,
    content: { 'application/json': { schema: resolver(schema, OUTPUT) } },
    ...(Object.keys(headers).length ? { headers: headerObjects } : {}),
  }
}

/** The §2 error body for `status`, with its fixed name. */
function errorResponse(status: ErrorStatus) {
  const schema = errorBodySchemaFor(status, errorNameOf(status))
  const headers: Record<string, string> =
    status === 429 ? { 'Retry-After': 'Seconds until a request is counted again' } : {}
  return jsonResponse(WHEN[status], schema, headers)
}

/** What the document says of one route. */
export interface RouteDoc {
  operationId: string
  summary: string
  description?: string
  tag: 'API tokens' | 'Audit log' | 'Admin' | 'Verification' | 'Leaked keys' | 'Discovery'
  /** `admin`: an admin JWT as a bearer token; `none`: no credentials. */
  auth: 'admin' | 'none'
  /** The answers when it works, by status. */
  responses: Record<number, ReturnType<typeof jsonResponse>>
  /** Every error status the route answers. */
  errors: ErrorStatus[]
}

/**
 * hono-openapi's `describeRoute` for one route of ours: its success responses, the §2
 * error body for each error status it answers, and its security. Requests are described
 * by the `validate()` middleware that checks them (worker/http/validation.ts).
 *
 * @example
 * tokens.get('/:id', documented(getTokenDoc), validate('param', tokenIdParam), handler)
 */
export function documented({ auth, tag, responses, errors, ...operation }: RouteDoc) {
  return describeRoute({
    ...operation,
    tags: [tag],
    security: auth === 'admin' ? [{ adminJwt: [] }] : [],
    responses: {
      ...responses,
      ...Object.fromEntries(errors.map((status) => [status, errorResponse(status)])),
    },
  })
}
