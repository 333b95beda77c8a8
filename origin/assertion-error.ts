/** Why an assertion was refused. */
export type AssertionErrorCode =
  /** No `X-Tollgate-Assertion` header: the request did not come through the gate. */
  | 'MISSING'
  /** A bad signature, issuer, algorithm or claim shape, or a key this origin does not trust. */
  | 'INVALID'
  /** Past its `exp` (assertions live 60 s). */
  | 'EXPIRED'
  /** Signed for another method or path (`htm`/`htu`): replayed on another request. */
  | 'WRONG_REQUEST'

/**
 * An assertion the origin must not trust: {@link verifyAssertion} throws it, and the
 * `tollgate()` middleware answers it with 401.
 *
 * @example
 * try { await verifyAssertion(request, { secret }) } catch (e) { if (e instanceof TollgateAssertionError) e.code }
 */
export class TollgateAssertionError extends Error {
  override name = 'TollgateAssertionError'
  constructor(
    readonly code: AssertionErrorCode,
    message: string,
  ) {
    super(message)
  }
}
