// What the section shows of a failed call: the worker's §2 error object, and a 400's field errors.
import { TollgateApiError, type ErrorDetails } from '../../client'
import type { ErrorObject, FieldError } from '../../contract/api-tokens'

/** The `error` object of every error response of the worker. */
export type ApiErrorObject = Omit<ErrorObject, 'details'> & { details: ErrorDetails }

/** The error object of a failed call; a generic one for anything not a {@link TollgateApiError}. */
export function errorObjectOf(error: unknown): ApiErrorObject {
  return error instanceof TollgateApiError
    ? error.toJSON()
    : { status: 0, name: 'ApplicationError', message: 'Something went wrong', details: {} }
}

/** The field errors of a failed save: `details.errors` of a 400 (or its message alone). */
export function fieldErrorsOf(error: unknown): FieldError[] {
  const object = errorObjectOf(error)
  if (object.status !== 400) return []
  return (
    object.details.errors ?? [
      { path: [], name: 'ValidationError', message: object.message, code: 'invalid_value' },
    ]
  )
}
