// `tollgate/client`: the typed admin API client (SPEC §11), the one the elements use too.
export { createTollgateClient } from './tollgate-client'
export type {
  EventListQuery,
  TokenListQuery,
  TokenRoutes,
  TollgateClient,
  TollgateClientOptions,
} from './tollgate-client'
export { TollgateApiError, isAbort, type ErrorDetails } from './errors'
export type { AuthTokenSource, CallOptions } from './transport'
export type * from '../contract/admin-wire'
export type * from '../contract/api-tokens'
