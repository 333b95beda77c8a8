import { adminJwt } from './helpers'

/**
 * An admin JWT with every admin action, the `owner` claim when given (a scoped admin),
 * and the `grantable` claim when not `undefined` (SPEC §13), whatever its value.
 */
export function grantJwt(grantable: unknown, owner?: string): Promise<string> {
  return adminJwt({
    claims: {
      ...(owner === undefined ? {} : { owner }),
      ...(grantable === undefined ? {} : { grantable }),
    },
  })
}
