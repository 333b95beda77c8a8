/**
 * A configuration that cannot work (a bad var, a missing secret): the worker answers
 * 500 naming the setting and logs it, rather than guessing.
 *
 * @example
 * throw new ConfigError('TOKEN_PEPPER is not set: Tollgate cannot issue or verify API keys')
 */
export class ConfigError extends Error {
  override name = 'ConfigError'
}
