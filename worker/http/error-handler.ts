import type { ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ConfigError } from '../config/config-error'
import { ApiError, storeUnavailable } from './api-error'
import { isStoreFailure } from '../db/token-db'

/** Hono's validator's message for a body that is not JSON. */
const HONO_MALFORMED_JSON = 'Malformed JSON in request body'

const reportedConfigErrors = new Set<string>()

/**
 * The one `onError`: request-time errors answer their own response; Hono's
 * `HTTPException`s keep their status in our shape; a D1 failure is a 503 (never SQL);
 * a bad configuration names the setting (logged once per isolate); anything else is
 * logged and answered with a bare 500 — never a stack trace.
 */
export const handleError: ErrorHandler = (error) => {
  if (error instanceof ApiError) return error.getResponse()
  if (error instanceof HTTPException) {
    const status = error.status >= 500 ? 500 : error.status
    const message =
      error.message === HONO_MALFORMED_JSON ? 'Invalid request body: expected JSON' : error.message
    return new ApiError(status, message || 'Bad Request').getResponse()
  }
  if (error instanceof ConfigError) {
    if (!reportedConfigErrors.has(error.message)) {
      reportedConfigErrors.add(error.message)
      console.error(`[tollgate] ${error.message}`)
    }
    return new ApiError(500, `Tollgate is misconfigured: ${error.message}`).getResponse()
  }
  if (isStoreFailure(error)) {
    console.error('[tollgate] token store failed', error instanceof Error ? error.message : error)
    return storeUnavailable().getResponse()
  }
  console.error('[tollgate] unhandled error', error)
  return new ApiError(500, 'Internal Server Error').getResponse()
}

/** Every path the worker does not serve: a Strapi-shaped 404. */
export const handleNotFound: NotFoundHandler = () => new ApiError(404, 'Not Found').getResponse()
