import type { VerifyCode } from '../../contract/api-tokens'
import { ApiError } from '../http/api-error'

const CREDENTIALS = 'Missing or invalid credentials'

/** The response for a refused request: status, message and `details.code` of SPEC §3. */
export function refusal(code: Exclude<VerifyCode, 'VALID'>): ApiError {
  switch (code) {
    case 'DISABLED':
      return new ApiError(401, 'Token disabled', { code })
    case 'EXPIRED':
      return new ApiError(401, 'Token expired', { code })
    case 'FORBIDDEN':
      return new ApiError(403, 'Forbidden', { code })
    default:
      return new ApiError(401, CREDENTIALS, { code })
  }
}

/** A key used from an address its `allowedIps` does not hold: 403 with `reason: "ip"`. */
export function ipRefusal(): ApiError {
  return new ApiError(403, 'Forbidden', { code: 'FORBIDDEN', reason: 'ip' })
}

/** A malformed GraphQL request: 400 with `MALFORMED`. */
export function malformedRequest(message: string): ApiError {
  return new ApiError(400, message, { code: 'MALFORMED' })
}
