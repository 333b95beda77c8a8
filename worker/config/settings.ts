import { ConfigError, parseCatalog } from '../catalog/catalog'
import type { Bindings, Settings } from '../env'
import { TOKEN_PREFIX_SHAPE } from '../keys/key-format'

function parseJsonish(name: string, value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    throw new ConfigError(`${name} is not valid JSON`)
  }
}

/** A list var: a TOML array, a JSON array string, or a comma-separated string. */
function parseList(name: string, value: unknown, fallback: string[]): string[] {
  if (value === undefined || value === null || value === '') return fallback
  const list =
    typeof value === 'string'
      ? value.trim().startsWith('[')
        ? parseJsonish(name, value)
        : value.split(',')
      : value
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    throw new ConfigError(`${name} must be a list of strings`)
  }
  return list.map((item: string) => item.trim()).filter(Boolean)
}

function parseBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback
  if (value === true || value === 'true' || value === '1') return true
  if (value === false || value === 'false' || value === '0') return false
  throw new ConfigError(`${name} must be true or false`)
}

function parseSeconds(name: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback
  const seconds = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new ConfigError(`${name} must be a number of seconds, 0 or more`)
  }
  return seconds
}

function parseObject(name: string, value: unknown): unknown {
  return typeof value === 'string' ? parseJsonish(name, value) : value
}

function parseRoles(value: unknown): Record<string, string[]> {
  const roles = parseObject('ADMIN_ROLES', value ?? {})
  if (
    typeof roles !== 'object' ||
    roles === null ||
    Array.isArray(roles) ||
    Object.values(roles).some(
      (actions) => !Array.isArray(actions) || actions.some((a) => typeof a !== 'string'),
    )
  ) {
    throw new ConfigError('ADMIN_ROLES must map role names to lists of admin actions')
  }
  return roles as Record<string, string[]>
}

function parsePaths(name: string, value: unknown, fallback: string[]): string[] {
  const paths = parseList(name, value, fallback)
  for (const path of paths) {
    if (!/^\/[\w./~-]*$/.test(path)) {
      throw new ConfigError(`${name} entry "${path}" must be a path starting with /`)
    }
  }
  return paths.map((path) => (path.length > 1 ? path.replace(/\/+$/, '') : path))
}

/**
 * Reads every var into {@link Settings}, applying the defaults of SPEC §4b and
 * refusing a configuration that cannot work with a {@link ConfigError} naming the var.
 */
export function parseSettings(env: Bindings): Settings {
  const tokenPrefix = env.TOKEN_PREFIX || 'tg'
  if (!TOKEN_PREFIX_SHAPE.test(tokenPrefix)) {
    throw new ConfigError('TOKEN_PREFIX must be 1–16 lowercase letters or digits')
  }
  const catalog = parseCatalog(parseObject('API_CATALOG', env.API_CATALOG))
  const publicActions = new Set(parseList('PUBLIC_ACTIONS', env.PUBLIC_ACTIONS, []))
  for (const action of publicActions) {
    if (!catalog.actions.has(action)) {
      throw new ConfigError(`PUBLIC_ACTIONS names ${action}, which is not in API_CATALOG`)
    }
  }
  return {
    tokenPrefix,
    protectedPaths: parsePaths('PROTECTED_PATHS', env.PROTECTED_PATHS, ['/api', '/graphql']),
    passthroughPaths: parsePaths('PASSTHROUGH_PATHS', env.PASSTHROUGH_PATHS, []),
    publicActions,
    cacheTtlMs: parseSeconds('CACHE_TTL_SECONDS', env.CACHE_TTL_SECONDS, 10) * 1000,
    lastUsedResolutionMs:
      parseSeconds('LAST_USED_RESOLUTION_SECONDS', env.LAST_USED_RESOLUTION_SECONDS, 60) * 1000,
    allowedOrigins: new Set(parseList('ALLOWED_ORIGINS', env.ALLOWED_ORIGINS, [])),
    forwardAuthorization: parseBoolean('FORWARD_AUTHORIZATION', env.FORWARD_AUTHORIZATION, false),
    demo: parseBoolean('DEMO', env.DEMO, false),
    catalog,
    adminRoles: parseRoles(env.ADMIN_ROLES),
  }
}

const settingsByEnv = new WeakMap<Bindings, Settings>()

/** {@link parseSettings}, once per `env` object (that is, once per isolate). */
export function settingsFor(env: Bindings): Settings {
  let settings = settingsByEnv.get(env)
  if (!settings) {
    settings = parseSettings(env)
    settingsByEnv.set(env, settings)
  }
  return settings
}
