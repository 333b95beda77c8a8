// `tollgate/origin`: for the API behind the gate — verify the assertion it signs
// (SPEC §11), as a function or as Hono and Express/Node middleware.
export { TollgateAssertionError, type AssertionErrorCode } from './assertion-error'
export {
  tollgate,
  type NodeResponseLike,
  type TollgateMiddleware,
  type TollgateVariables,
  type VerifiedNodeRequest,
} from './middleware'
export {
  verifyAssertion,
  type NodeRequestLike,
  type TollgateClaims,
  type VerifyAssertionOptions,
} from './verify-assertion'
export { ASSERTION_HEADER, ASSERTION_JWKS_PATH } from '../contract/origin-assertion'
