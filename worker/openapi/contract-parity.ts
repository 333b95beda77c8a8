// The compiler's check that the OpenAPI document's response schemas (response-schemas.ts)
// say what contract/ says: each schema's output and its contract type must be mutually
// assignable, else `tsc -b` fails here. Types only: nothing of this file runs.
import type { z } from 'zod'
import type {
  AdminPermissionsBody,
  CreatedToken,
  EventPageBody,
  PermissionCatalog,
  RegeneratedKey,
  RouteCatalog,
  TokenPageBody,
  VerifiedToken,
  VerifyResult,
} from '../../contract/admin-wire'
import type {
  ErrorBody,
  FieldError,
  PreviousKey,
  RateLimitTier,
  Token,
  TokenEvent,
  TokenUsage,
} from '../../contract/api-tokens'
import type { PublicJwk } from '../gate/assertion-signer'
import type * as schemas from './response-schemas'

/** `true` when `A` and `B` are assignable to each other, else `never` (a compile error below). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never

/** A schema's output type. */
type Out<Name extends keyof typeof schemas> = (typeof schemas)[Name] extends z.ZodType
  ? z.output<(typeof schemas)[Name]>
  : never

/** Each response schema beside the contract type it stands for. */
export interface ContractParity {
  previousKey: Same<Out<'previousKeySchema'>, PreviousKey>
  token: Same<Out<'tokenSchema'>, Token>
  createdToken: Same<Out<'createdTokenSchema'>, CreatedToken>
  regeneratedKey: Same<Out<'regeneratedKeySchema'>, RegeneratedKey>
  tokenPage: Same<Out<'tokenPageBodySchema'>, TokenPageBody>
  eventPage: Same<Out<'eventPageBodySchema'>, EventPageBody>
  tokenEvent: Same<Out<'tokenEventSchema'>, TokenEvent>
  adminPermissions: Same<Out<'adminPermissionsBodySchema'>, AdminPermissionsBody>
  permissionCatalog: Same<Out<'permissionCatalogSchema'>, PermissionCatalog>
  routeCatalog: Same<Out<'routeCatalogSchema'>, RouteCatalog>
  rateLimitTier: Same<Out<'rateLimitTierSchema'>, RateLimitTier>
  tokenUsage: Same<Out<'tokenUsageSchema'>, TokenUsage>
  verifiedToken: Same<Out<'verifiedTokenSchema'>, VerifiedToken>
  verifyResult: Same<Out<'verifyResultSchema'>, VerifyResult>
  fieldError: Same<Out<'fieldErrorSchema'>, FieldError>
  errorBody: Same<Out<'errorBodySchema'>, ErrorBody>
  publicJwk: [Out<'publicJwkSchema'>] extends [PublicJwk] ? true : never
}

/** Every entry must be `true`: a `never` above fails to compile here. */
export const contractParity: ContractParity = {
  previousKey: true,
  token: true,
  createdToken: true,
  regeneratedKey: true,
  tokenPage: true,
  eventPage: true,
  tokenEvent: true,
  adminPermissions: true,
  permissionCatalog: true,
  routeCatalog: true,
  rateLimitTier: true,
  tokenUsage: true,
  verifiedToken: true,
  verifyResult: true,
  fieldError: true,
  errorBody: true,
  publicJwk: true,
}
