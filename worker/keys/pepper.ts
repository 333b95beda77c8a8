import { ConfigError } from '../config/config-error'

/**
 * The `TOKEN_PEPPER` secret. Without it Tollgate can neither issue nor verify keys,
 * and there is deliberately no default: a 500 naming the setting (set it with
 * `wrangler secret put TOKEN_PEPPER`).
 */
export function pepperOf(env: { TOKEN_PEPPER?: string }): string {
  if (env.TOKEN_PEPPER) return env.TOKEN_PEPPER
  throw new ConfigError('TOKEN_PEPPER is not set: Tollgate cannot issue or verify API keys')
}
