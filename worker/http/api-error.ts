import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorBody, FieldError, FieldErrorCode } from '../../contract/api-tokens'

/** Strapi's error names, by HTTP status (SPEC §2). */
const ERROR_NAMES: Record<number, string> = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  405: 'MethodNotAllowedError',
  413: 'PayloadTooLargeError',
  429: 'RateLimitError',
}

/** The error name of a status (SPEC §2): Strapi's, or `ApplicationError` for any other. */
export function errorNameOf(status: number): string {
  return ERROR_NAMES[status] ?? 'ApplicationError'
}

/**
 * A request-time failure carrying its Strapi-shaped response (Hono's `HTTPException`
 * pattern): thrown anywhere, answered as is by `onError`.
 *
 * @example
 * throw new ApiError(404, 'API Token not found')
 * throw new ApiError(401, 'Token expired', { code: 'EXPIRED' })
 */
export class ApiError extends HTTPException {
  override readonly status: ContentfulStatusCode
  readonly details: Record<string, unknown>
  readonly headers: Record<string, string>

  constructor(
    status: ContentfulStatusCode,
    message: string,
    details: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(status, { message })
    this.name = errorNameOf(status)
    this.status = status
    this.details = details
    this.headers = headers
  }

  /** The JSON body for this error. */
  toBody(): ErrorBody {
    return {
      data: null,
      error: { status: this.status, name: this.name, message: this.message, details: this.details },
    }
  }

  /** The ready response: the Strapi body, `application/json`, any extra headers. */
  override getResponse(): Response {
    return Response.json(this.toBody(), { status: this.status, headers: this.headers })
  }
}

/**
 * A 400 listing one or more field errors in Strapi's form: with one error its message
 * is the message; with several, "N errors occurred".
 */
export function validationError(errors: FieldError[]): ApiError {
  const message = errors.length === 1 ? errors[0]!.message : `${errors.length} errors occurred`
  return new ApiError(400, message, { errors })
}

/**
 * A 400 for one field, with the rule's machine code (SPEC §2).
 *
 * @example
 * throw fieldError('name', 'Name already taken', 'name_taken')
 */
export function fieldError(path: string, message: string, code: FieldErrorCode): ApiError {
  return validationError([{ path: [path], name: 'ValidationError', message, code }])
}

/** 429 `RateLimitError` "Too many requests", with `Retry-After` in seconds. */
export function tooManyRequests(retryAfterSeconds: number, details: Record<string, unknown> = {}) {
  return new ApiError(429, 'Too many requests', details, {
    'Retry-After': String(retryAfterSeconds),
  })
}

/** The token store (D1) failed: a 503, at the gate as on admin routes, never a pass or SQL. */
export function storeUnavailable(): ApiError {
  return new ApiError(503, 'Token store unavailable')
}
