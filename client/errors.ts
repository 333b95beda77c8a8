import type { ErrorObject, FieldError } from '../contract/api-tokens'

/** The `details` of an error: a 400's field errors, or anything else the route adds. */
export type ErrorDetails = { errors?: FieldError[] } & Record<string, unknown>

/**
 * A failed admin API call: the worker's §2 error object (`status`, `name`, `message`,
 * `details`). A request that never got an answer has `status: 0` and `name:
 * "NetworkError"`; an aborted one rejects with its `AbortError` instead.
 *
 * @example
 * try {
 *   await client.tokens.create({ name: 'CI', type: 'read-only' })
 * } catch (error) {
 *   if (error instanceof TollgateApiError && error.status === 400) console.log(error.message)
 * }
 */
export class TollgateApiError extends Error implements ErrorObject {
  readonly status: number
  override readonly name: string
  readonly details: ErrorDetails

  constructor({ status, name, message, details }: ErrorObject) {
    super(message)
    this.status = status
    this.name = name
    this.details = details
  }

  /** The §2 error object, as the worker sent it. */
  toJSON(): ErrorObject & { details: ErrorDetails } {
    const { status, name, message, details } = this
    return { status, name, message, details }
  }
}

/**
 * Whether `error` is the rejection of a cancelled request (not a failure to report): its
 * signal's reason, an `AbortError` or, from `AbortSignal.timeout()`, a `TimeoutError`.
 */
export function isAbort(error: unknown): boolean {
  return (
    error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError')
  )
}
