import type { ErrorObject, FieldError } from '../contract/api-tokens'

/** The `error` object of every error response of the worker. */
export type ApiErrorObject = Omit<ErrorObject, 'details'> & {
  details: { errors?: FieldError[]; [key: string]: unknown }
}

/** A failed admin API call, carrying the worker's error object. */
export class ApiRequestError extends Error {
  readonly error: ApiErrorObject

  constructor(error: ApiErrorObject) {
    super(error.message)
    this.name = 'ApiRequestError'
    this.error = error
  }

  get status(): number {
    return this.error.status
  }
}

/** The error object the section reports for anything that is not an {@link ApiRequestError}. */
export function errorObjectOf(error: unknown): ApiErrorObject {
  return error instanceof ApiRequestError
    ? error.error
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

/** Whether `error` is the rejection of an aborted request (not a failure to report). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}
