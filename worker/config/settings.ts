import { z } from 'zod'
import { parseCatalog, type Catalog } from '../catalog/catalog'
import { TOKEN_PREFIX_SHAPE } from '../keys/key-format'
import { ConfigError } from './config-error'

/** The vars as wrangler delivers them: TOML values arrive typed, `.dev.vars` as strings. */
export interface Vars {
  TOKEN_PREFIX?: string
  PROTECTED_PATHS?: unknown
  PASSTHROUGH_PATHS?: unknown
  PUBLIC_ACTIONS?: unknown
  CACHE_TTL_SECONDS?: unknown
  LAST_USED_RESOLUTION_SECONDS?: unknown
  ALLOWED_ORIGINS?: unknown
  FORWARD_AUTHORIZATION?: unknown
  DEMO?: unknown
  API_CATALOG?: unknown
  ADMIN_ROLES?: unknown
  ADMIN_JWT_MAX_TTL_SECONDS?: unknown
  ADMIN_JWT_AUDIENCE?: string
  REVOCATION_POLL_MS?: unknown
  RATE_LIMIT_TIERS?: unknown
  ORIGIN_URL?: string
  EXPIRY_WARNING_DAYS?: unknown
  AUDIT_RETENTION_DAYS?: unknown
  MAX_TOKENS_PER_OWNER?: unknown
  MAX_LIFESPAN_DAYS?: unknown
  WEBHOOK_URL?: string
  GITHUB_SECRET_SCANNING_KEYS_URL?: string
}

/** A rate-limit tier (`RATE_LIMIT_TIERS`): a Workers Rate Limiting binding and its label. */
export interface RateLimitTierSetting {
  /** The `[[ratelimits]]` binding's name. */
  binding: string
  /** How the form shows it, e.g. "600 requests a minute". */
  label: string
  /** The binding's period in seconds (10 or 60): what `Retry-After` says. */
  period: number
}

/** Where `ORIGIN_URL` sends requests: its scheme and host, and the path it prefixes. */
export interface OriginUrl {
  origin: string
  prefix: string
}

/** Configuration parsed once per isolate from the vars, with SPEC §4b's defaults. */
export interface Settings {
  tokenPrefix: string
  protectedPaths: string[]
  passthroughPaths: string[]
  publicActions: ReadonlySet<string>
  cacheTtlMs: number
  lastUsedResolutionMs: number
  allowedOrigins: ReadonlySet<string>
  forwardAuthorization: boolean
  demo: boolean
  catalog: Catalog
  /** `ADMIN_ROLES`: role name → admin actions, own entries only. */
  adminRoles: ReadonlyMap<string, readonly string[]>
  adminJwtMaxTtlSeconds: number
  /**
   * `ADMIN_JWT_AUDIENCE`: what an admin JWT's `aud` must hold (SPEC §10). Never unchecked:
   * a JWT the host mints for another of its services must not be a Tollgate admin.
   */
  adminJwtAudience: string
  /** How often an isolate reads the revocation feed, at most (SPEC §9). */
  revocationPollMs: number
  /** `RATE_LIMIT_TIERS`: tier name → its binding, in the order declared. */
  rateLimitTiers: ReadonlyMap<string, RateLimitTierSetting>
  origin: OriginUrl | undefined
  /** How long before a key's expiry the scheduled job records `expiring` (SPEC §7). */
  expiryWarningMs: number
  /** How long audit events are kept before the scheduled job prunes them. */
  auditRetentionMs: number
  /** `MAX_TOKENS_PER_OWNER`: how many tokens one owner may have; 0 = no limit (SPEC §8). */
  maxTokensPerOwner: number
  /** `MAX_LIFESPAN_DAYS`: the longest lifetime a key may get, in days; `null` = no cap (SPEC §13). */
  maxLifespanDays: number | null
  /** Where every event is POSTed (`WEBHOOK_URL`); `undefined`: no webhooks. */
  webhookUrl: string | undefined
  /** GitHub's secret-scanning public keys (`GITHUB_SECRET_SCANNING_KEYS_URL`, SPEC §12). */
  githubSecretScanningKeysUrl: string
}

/** Where GitHub publishes the keys that sign its secret-scanning alerts. */
export const GITHUB_SECRET_SCANNING_KEYS_URL =
  'https://api.github.com/meta/public_keys/secret_scanning'

const DAY_MS = 24 * 60 * 60 * 1000

const unset = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    return { invalidJson: value }
  }
}

/** A TOML value, or the same as a JSON string. */
const jsonish = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess((value) => (typeof value === 'string' ? parseJson(value) : value), z.unknown())
    .refine(
      (value) => !(typeof value === 'object' && value !== null && 'invalidJson' in value),
      'is not valid JSON',
    )
    .pipe(schema)

/** A list: a TOML array, a JSON array string, or a comma-separated string. */
const list = (fallback: string[]) =>
  z.preprocess(
    (value) => {
      if (unset(value)) return fallback
      if (typeof value !== 'string') return value
      return value.trim().startsWith('[') ? parseJson(value) : value.split(',')
    },
    z
      .array(z.string().trim(), { error: 'must be a list of strings' })
      .transform((items) => items.filter(Boolean)),
  )

const paths = (fallback: string[]) =>
  list(fallback).pipe(
    z.array(
      z
        .string()
        .regex(/^\/[\w./~-]*$/, 'entries must be paths starting with /')
        .refine((path) => !path.includes('//'), 'entries must not hold an empty segment (//)')
        .transform((path) => (path.length > 1 ? path.replace(/\/+$/, '') : path).toLowerCase()),
    ),
  )

const boolean = (fallback: boolean) =>
  z.preprocess(
    (value) => {
      if (unset(value)) return fallback
      if (value === 'true' || value === '1') return true
      if (value === 'false' || value === '0') return false
      return value
    },
    z.boolean({ error: 'must be true or false' }),
  )

const seconds = (fallback: number) =>
  z.preprocess(
    (value) => (unset(value) ? fallback : typeof value === 'string' ? Number(value) : value),
    z.number({ error: 'must be a number of seconds' }).min(0, 'must be 0 or more seconds'),
  )

const milliseconds = (fallback: number) =>
  z.preprocess(
    (value) => (unset(value) ? fallback : typeof value === 'string' ? Number(value) : value),
    z
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(1, 'must be at least 1 ms'),
  )

const days = (fallback: number, min: number) =>
  z.preprocess(
    (value) => (unset(value) ? fallback : typeof value === 'string' ? Number(value) : value),
    z
      .number({ error: 'must be a number of days' })
      .min(min, `must be at least ${min} day${min === 1 ? '' : 's'}`)
      .max(3650, 'must be at most 3650 days'),
  )

/** An http(s) URL without credentials (a fetch refuses them), or unset. */
const httpUrl = z.preprocess(
  (value) => (unset(value) ? undefined : value),
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .refine((value) => {
      const url = new URL(value)
      return !url.username && !url.password
    }, 'must not hold credentials (user:password@)')
    .optional(),
)

const rateLimitTiers = jsonish(
  z.record(
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9_-]{0,31}$/,
        'tier names must be 1–32 lowercase letters, digits, - or _',
      ),
    z.strictObject(
      {
        binding: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'binding must be a binding name'),
        label: z.string().trim().min(1, 'label must not be empty').max(100),
        period: z.union([z.literal(10), z.literal(60)]).default(60),
      },
      { error: 'tiers must be {binding, label, period?} objects' },
    ),
    { error: 'must map tier names to {binding, label} objects' },
  ),
)
  .optional()
  .transform((tiers) => new Map(Object.entries(tiers ?? {})))

const originUrl = httpUrl.transform((value): OriginUrl | undefined => {
  if (!value) return undefined
  const url = new URL(value)
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') }
})

const varsSchema = z.object({
  TOKEN_PREFIX: z
    .string()
    .optional()
    .transform((value) => value || 'tg')
    .pipe(z.string().regex(TOKEN_PREFIX_SHAPE, 'must be 1–16 lowercase letters or digits')),
  PROTECTED_PATHS: paths(['/api', '/graphql']),
  PASSTHROUGH_PATHS: paths([]),
  PUBLIC_ACTIONS: list([]),
  CACHE_TTL_SECONDS: seconds(300),
  LAST_USED_RESOLUTION_SECONDS: seconds(60),
  ALLOWED_ORIGINS: list([]),
  FORWARD_AUTHORIZATION: boolean(false),
  DEMO: boolean(false),
  API_CATALOG: jsonish(z.unknown()),
  ADMIN_ROLES: jsonish(
    z.record(z.string(), z.array(z.string()), {
      error: 'must map role names to lists of admin actions',
    }),
  )
    .optional()
    .transform((roles) => new Map(Object.entries(roles ?? {}))),
  ADMIN_JWT_MAX_TTL_SECONDS: seconds(3600),
  ADMIN_JWT_AUDIENCE: z.preprocess(
    (value) => (unset(value) ? 'tollgate' : value),
    z.string({ error: 'must be a string' }).trim(),
  ),
  REVOCATION_POLL_MS: milliseconds(1000),
  RATE_LIMIT_TIERS: rateLimitTiers,
  ORIGIN_URL: originUrl,
  EXPIRY_WARNING_DAYS: days(7, 0),
  AUDIT_RETENTION_DAYS: days(365, 1),
  MAX_TOKENS_PER_OWNER: z.preprocess(
    (value) => (unset(value) ? 50 : typeof value === 'string' ? Number(value) : value),
    z
      .number({ error: 'must be a number of tokens' })
      .int('must be a whole number of tokens')
      .min(0, 'must be 0 (no limit) or more'),
  ),
  MAX_LIFESPAN_DAYS: z.preprocess(
    (value) => (unset(value) ? null : typeof value === 'string' ? Number(value) : value),
    z
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be 1 or more (unset = no cap)')
      .nullable(),
  ),
  WEBHOOK_URL: httpUrl,
  GITHUB_SECRET_SCANNING_KEYS_URL: httpUrl.transform(
    (value) => value ?? GITHUB_SECRET_SCANNING_KEYS_URL,
  ),
})

/**
 * Reads every var into {@link Settings}, applying the defaults of SPEC §4b and
 * refusing a configuration that cannot work with a {@link ConfigError} naming the var.
 *
 * @example
 * parseSettings({ CACHE_TTL_SECONDS: '0' }).cacheTtlMs // 0
 */
export function parseSettings(vars: Vars): Settings {
  const parsed = varsSchema.safeParse(vars)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigError(`${issue.path.join('.')} ${issue.message}`)
  }
  const v = parsed.data
  const catalog = parseCatalog(v.API_CATALOG)
  const publicActions = new Set(v.PUBLIC_ACTIONS)
  for (const action of publicActions) {
    if (!catalog.actions.has(action)) {
      throw new ConfigError(`PUBLIC_ACTIONS names ${action}, which is not in API_CATALOG`)
    }
  }
  return {
    tokenPrefix: v.TOKEN_PREFIX,
    protectedPaths: v.PROTECTED_PATHS,
    passthroughPaths: v.PASSTHROUGH_PATHS,
    publicActions,
    cacheTtlMs: v.CACHE_TTL_SECONDS * 1000,
    lastUsedResolutionMs: v.LAST_USED_RESOLUTION_SECONDS * 1000,
    allowedOrigins: new Set(v.ALLOWED_ORIGINS),
    forwardAuthorization: v.FORWARD_AUTHORIZATION,
    demo: v.DEMO,
    catalog,
    adminRoles: v.ADMIN_ROLES,
    adminJwtMaxTtlSeconds: v.ADMIN_JWT_MAX_TTL_SECONDS,
    adminJwtAudience: v.ADMIN_JWT_AUDIENCE,
    revocationPollMs: v.REVOCATION_POLL_MS,
    rateLimitTiers: v.RATE_LIMIT_TIERS,
    origin: v.ORIGIN_URL,
    expiryWarningMs: v.EXPIRY_WARNING_DAYS * DAY_MS,
    auditRetentionMs: v.AUDIT_RETENTION_DAYS * DAY_MS,
    maxTokensPerOwner: v.MAX_TOKENS_PER_OWNER,
    maxLifespanDays: v.MAX_LIFESPAN_DAYS,
    webhookUrl: v.WEBHOOK_URL,
    githubSecretScanningKeysUrl: v.GITHUB_SECRET_SCANNING_KEYS_URL,
  }
}

const settingsByEnv = new WeakMap<object, Settings>()

/** {@link parseSettings}, once per `env` object (that is, once per isolate). */
export function settingsFor(vars: Vars): Settings {
  let settings = settingsByEnv.get(vars)
  if (!settings) {
    settings = parseSettings(vars)
    settingsByEnv.set(vars, settings)
  }
  return settings
}
