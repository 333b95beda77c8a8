import type { Bindings } from '../env'
import { ApiError } from '../http/api-error'

let reported = false

/**
 * The `TOKEN_PEPPER` secret. Without it Tollgate can neither issue nor verify keys,
 * and there is deliberately no default: a 500 naming the setting, logged once.
 */
export function pepperOf(env: Bindings): string {
  if (env.TOKEN_PEPPER) return env.TOKEN_PEPPER
  const message = 'TOKEN_PEPPER is not set: Tollgate cannot issue or verify API keys'
  if (!reported) {
    reported = true
    console.error(`[tollgate] ${message}. Set it with \`wrangler secret put TOKEN_PEPPER\`.`)
  }
  throw new ApiError(500, message)
}
