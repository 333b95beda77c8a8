import { env } from 'cloudflare:workers'
import { SignJWT } from 'jose'
import { ADMIN_ACTIONS } from '../../contract/api-tokens'

/**
 * An admin JWT with every admin action, the `owner` claim when given (a scoped admin),
 * and the `grantable` claim when not `undefined` (SPEC §13), whatever its value.
 */
export async function grantJwt(grantable: unknown, owner?: string): Promise<string> {
  return new SignJWT({
    permissions: [...ADMIN_ACTIONS],
    ...(owner === undefined ? {} : { owner }),
    ...(grantable === undefined ? {} : { grantable }),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('grant-test')
    .setAudience('tollgate')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(env.ADMIN_JWT_SECRET))
}
