import type { ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ConfigError } from '../catalog/catalog'
import { ApiError } from './api-error'

/**
 * The one `onError`: our own errors become their Strapi-shaped response, Hono's
 * `HTTPException`s (malformed JSON, …) keep their status, a bad configuration names
 * the var, and anything else is logged and answered with a bare 500 — never a stack
 * trace or SQL.
 */
export const handleError: ErrorHandler = (error) => {
  if (error instanceof ApiError) return error.toResponse()
  if (error instanceof HTTPException) {
    const status = error.status >= 500 ? 500 : error.status
    const message = error.status === 400 ? 'Invalid request body: expected JSON' : error.message
    return new ApiError(status, message || 'Bad Request').toResponse()
  }
  if (error instanceof ConfigError) {
    console.error(`[tollgate] ${error.message}`)
    return new ApiError(500, `Tollgate is misconfigured: ${error.message}`).toResponse()
  }
  console.error('[tollgate] unhandled error', error)
  return new ApiError(500, 'Internal Server Error').toResponse()
}

/** Every path the worker does not serve: a Strapi-shaped 404. */
export const handleNotFound: NotFoundHandler = () => new ApiError(404, 'Not Found').toResponse()
