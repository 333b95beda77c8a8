import { TOKEN_CREATE_FIELDS, TOKEN_UPDATE_FIELDS } from '../../contract/admin-wire'
import { z } from 'zod'
import {
  LIFESPANS,
  MAX_CREDITS,
  MAX_ALLOWED_IPS,
  MAX_EXPIRY_AHEAD_MS,
  TOKEN_EVENT_ACTIONS,
  SORT_FIELDS,
  TOKEN_TYPES,
  USAGE_DAYS,
  type SortField,
} from '../../contract/api-tokens'
import { readIpEntry } from '../tokens/ip-allow-list'
import { tokenMeta } from './token-meta'

const required = (field: string, type: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `${field} is a required field` : `${field} must be a ${type}`

/** Control and invisible format characters (Unicode Cc, Cf): NUL, tab, U+200B, U+202E, U+FEFF… */
const INVISIBLE = /[\p{Cc}\p{Cf}]/u
/** The same, but for line breaks, which a description may hold. */
const INVISIBLE_EXCEPT_LINE_BREAKS = /(?![\n\r])[\p{Cc}\p{Cf}]/u

// Checked before trimming: `trim()` would hide a trailing U+FEFF or tab, and a name that
// renders otherwise than it reads ("gnp.exe" shown as "exe.png") must never be stored.
const name = z
  .string({ error: required('name', 'string') })
  .refine((value) => !INVISIBLE.test(value), {
    message: 'name must not contain control or invisible characters',
    params: { code: 'invisible_characters' },
  })
  .trim()
  .min(1, 'name is a required field')
  .max(100, 'name must be at most 100 characters')

const description = z
  .string({ error: 'description must be a string' })
  .refine((value) => !INVISIBLE_EXCEPT_LINE_BREAKS.test(value), {
    message: 'description must not contain control or invisible characters other than line breaks',
    params: { code: 'invisible_characters' },
  })
  .trim()
  .max(256, 'description must be at most 256 characters')
  .nullable()
  .transform((value) => value ?? '')

const type = z.enum(TOKEN_TYPES, {
  error: (issue) =>
    issue.input === undefined
      ? 'type is a required field'
      : `type must be one of the following values: ${TOKEN_TYPES.join(', ')}`,
})

const lifespan = z.union(
  LIFESPANS.map((value) => z.literal(value)),
  { error: `lifespan must be one of the following values: ${LIFESPANS.map(String).join(', ')}` },
)

const permissions = z
  .array(z.string({ error: 'permissions must be action ids' }), {
    error: 'permissions must be an array of action ids',
  })
  .transform((actions) => [...new Set(actions)])

/**
 * An owner (SPEC §10): 1–128 characters of visible ASCII (`!`…`~`), in a create body, in
 * `?owner=` and in the admin JWT's `owner` claim. The gate repeats it to the origin as
 * `X-Api-Token-Owner`, so it must always be a valid header value that every origin reads
 * alike: no space or tab to trim, no CR/LF to split on, no byte past ASCII to decode
 * as Latin-1 or UTF-8.
 */
export const OWNER_SHAPE = /^[!-~]{1,128}$/

const OWNER_RULE = 'owner must be 1–128 visible ASCII characters (no spaces)'

/** How much of a bad entry an error message repeats. */
const QUOTED_MAX = 64

/** A bad entry as a message repeats it: cut short, quoted, invisible characters escaped. */
const quote = (entry: string) =>
  JSON.stringify(entry.slice(0, QUOTED_MAX)).replace(
    /[\p{Cc}\p{Cf}]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

// Each entry is stored in one canonical spelling, once; the message names the bad entry.
const allowedIps = z
  .array(z.string({ error: 'allowedIps must be a list of IP addresses or CIDR ranges' }), {
    error: 'allowedIps must be a list of IP addresses or CIDR ranges',
  })
  .max(MAX_ALLOWED_IPS, `allowedIps may hold at most ${MAX_ALLOWED_IPS} entries`)
  .transform((entries, context) => {
    const canonical = new Set<string>()
    for (const entry of entries) {
      const read = readIpEntry(entry)
      if ('canonical' in read) {
        canonical.add(read.canonical)
        continue
      }
      const quoted = quote(entry)
      const hostBits = read.problem === 'host-bits'
      context.addIssue({
        code: 'custom',
        message: hostBits
          ? `allowedIps: ${quoted} has bits set past its prefix: did you mean "${read.network}"?`
          : `allowedIps: ${quoted} is not an IP address or CIDR range`,
        params: { code: hostBits ? 'ip_host_bits' : 'ip_invalid' },
      })
      return z.NEVER
    }
    return [...canonical]
  })

// A tier name; whether it is one of RATE_LIMIT_TIERS is checked by the route.
const rateLimit = z.string({ error: 'rateLimit must be a tier name or null' }).nullable()

const FUTURE_DATE = 'expiresAt must be a date in the future'

// An ISO-8601 date-time (with `Z` or an offset), in the future and at most 10 years
// ahead, as epoch ms.
const anyExpiry = z
  .string({ error: FUTURE_DATE })
  .pipe(z.iso.datetime({ offset: true, error: FUTURE_DATE }))
  .transform((value) => Date.parse(value))

/** Why a new custom expiry date is refused (message and code), or `undefined` when it is acceptable. */
export function expiryProblem(
  at: number,
  now = Date.now(),
): { message: string; code: 'expiry_passed' | 'expiry_too_far' } | undefined {
  if (at <= now) return { message: FUTURE_DATE, code: 'expiry_passed' }
  if (at > now + MAX_EXPIRY_AHEAD_MS) {
    return { message: 'expiresAt must be at most 10 years ahead', code: 'expiry_too_far' }
  }
  return undefined
}

const customExpiry = anyExpiry.superRefine((at, context) => {
  const problem = expiryProblem(at)
  if (problem) {
    context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } })
  }
})

const enabled = z.boolean({ error: 'enabled must be true or false' })

/** Either a lifespan or a custom date, never both (SPEC §7). */
function eitherLifespanOrDate(body: { lifespan?: unknown; expiresAt?: unknown }) {
  return body.lifespan === undefined || body.expiresAt === undefined
}
const EITHER = {
  message: 'Send either lifespan or expiresAt',
  path: ['expiresAt'],
  params: { code: 'lifespan_or_expiry' },
}

// Credits (SPEC §13): whole, non-negative, at most MAX_CREDITS.
const creditCount = (field: string) =>
  z
    .number({ error: `${field} must be a whole number of credits` })
    .int(`${field} must be a whole number of credits`)
    .min(0, `${field} must be between 0 and ${MAX_CREDITS}`)
    .max(MAX_CREDITS, `${field} must be between 0 and ${MAX_CREDITS}`)

const refill = z
  .strictObject({
    amount: creditCount('credits.refill.amount'),
    interval: z.enum(['day', 'month'], {
      error: 'credits.refill.interval must be one of the following values: day, month',
    }),
  })
  .nullable()

/** On create: a balance, and a refill (none when left out). */
const credits = z
  .strictObject({
    remaining: creditCount('credits.remaining'),
    refill: refill.optional().transform((value) => value ?? null),
  })
  .nullable()

/** On an edit: what is left out stays the token's own — a refill alone keeps the balance. */
const creditsEdit = z
  .strictObject({
    remaining: creditCount('credits.remaining').optional(),
    refill: refill.optional(),
  })
  .nullable()

/** `POST /admin/api-tokens/:id/credits` body: exactly one of `add` and `set` (SPEC §13). */
export const creditsChangeBody = z.union(
  [z.strictObject({ add: creditCount('add') }), z.strictObject({ set: creditCount('set') })],
  { error: 'Send exactly one of add and set, a whole number of credits' },
)

/** `POST /admin/api-tokens` body. */
export const createTokenBody = z
  .strictObject({
    name,
    description: description.optional().transform((value) => value ?? ''),
    type,
    lifespan: lifespan.optional(),
    permissions: permissions.optional(),
    allowedIps: allowedIps.optional().transform((value) => value ?? []),
    rateLimit: rateLimit.optional().transform((value) => value ?? null),
    enabled: enabled.optional().transform((value) => value ?? true),
    meta: tokenMeta.optional().transform((value) => value ?? {}),
    // An operator may give the token an owner; a scoped admin may not (the route checks).
    // Never trimmed: " acme" is refused, not silently stored as another owner's name.
    owner: z
      .string({ error: `${OWNER_RULE}, or null` })
      .regex(OWNER_SHAPE, `${OWNER_RULE}, or null`)
      .nullable()
      .optional(),
    expiresAt: customExpiry.optional(),
    credits: credits.optional().transform((value) => value ?? null),
  })
  .refine(eitherLifespanOrDate, EITHER)

/** `PUT /admin/api-tokens/:id` body: any subset of the editable fields. */
export const updateTokenBody = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    type: type.optional(),
    lifespan: lifespan.optional(),
    permissions: permissions.optional(),
    allowedIps: allowedIps.optional(),
    rateLimit: rateLimit.optional(),
    enabled: enabled.optional(),
    meta: tokenMeta.optional(),
    credits: creditsEdit.optional(),
    // Checked by the route: a form that saves every field resends the stored date,
    // which may have passed; only a new date must lie ahead.
    expiresAt: anyExpiry.optional(),
  })
  .refine(eitherLifespanOrDate, EITHER)

/** `POST /admin/api-tokens/:id/regenerate` body (optional): grace period and new lifetime. */
export const regenerateTokenBody = z
  .strictObject({
    gracePeriod: z
      .number({ error: 'gracePeriod must be a number of seconds' })
      .int('gracePeriod must be a whole number of seconds')
      .min(0, 'gracePeriod must be between 0 and 604800 seconds')
      .max(604_800, 'gracePeriod must be between 0 and 604800 seconds')
      .optional()
      .transform((seconds) => seconds ?? 0),
    lifespan: lifespan.optional(),
    expiresAt: customExpiry.optional(),
  })
  .refine(eitherLifespanOrDate, EITHER)

/** `:id` in a path: a positive integer that JavaScript holds exactly (at most 2^53 − 1). */
export const tokenIdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'id must be a positive integer')
    .transform(Number)
    .refine(Number.isSafeInteger, `id must be at most ${Number.MAX_SAFE_INTEGER}`),
})

const positiveInt = (field: string, max?: number) =>
  z
    .string()
    .regex(/^[1-9]\d{0,6}$/, `${field} must be a positive integer`)
    .transform(Number)
    .refine((n) => max === undefined || n <= max, `${field} must be at most ${max}`)

/** `GET /admin/api-tokens` query: `sort`, `q`, `page`, `pageSize`. */
export const listTokensQuery = z
  .object({
    sort: z
      .string()
      .regex(
        new RegExp(`^(${SORT_FIELDS.join('|')})(:(asc|desc))?$`),
        `sort must be one of ${SORT_FIELDS.join(', ')}, optionally followed by :asc or :desc`,
      )
      .optional(),
    q: z.string().max(100, 'q must be at most 100 characters').optional(),
    // Empty: the tokens without owner.
    owner: z
      .string({ error: `${OWNER_RULE}, or empty` })
      .refine((owner) => owner === '' || OWNER_SHAPE.test(owner), `${OWNER_RULE}, or empty`)
      .optional(),
    enabled: z.enum(['true', 'false'], { error: 'enabled must be true or false' }).optional(),
    type: z
      .enum(TOKEN_TYPES, {
        error: `type must be one of the following values: ${TOKEN_TYPES.join(', ')}`,
      })
      .optional(),
    page: positiveInt('page').optional(),
    pageSize: positiveInt('pageSize', 100).optional(),
  })
  .transform(({ sort, q, enabled, type, owner, page, pageSize }) => {
    const [field, direction] = (sort ?? 'name:asc').split(':')
    const paged = page !== undefined || pageSize !== undefined
    return {
      sort: {
        field: field as SortField,
        direction: direction === 'desc' ? ('desc' as const) : ('asc' as const),
      },
      q: q?.trim() || undefined,
      // `?owner=` (empty): tokens without owner.
      owner: owner === undefined ? undefined : owner || null,
      enabled: enabled === undefined ? undefined : enabled === 'true',
      type,
      page: paged ? { page: page ?? 1, pageSize: pageSize ?? 25 } : undefined,
    }
  })

const eventPage = {
  page: positiveInt('page')
    .optional()
    .transform((page) => page ?? 1),
  pageSize: positiveInt('pageSize', 100)
    .optional()
    .transform((pageSize) => pageSize ?? 25),
}

/** `GET /admin/api-tokens/:id/events` query: `page`, `pageSize` (default 1 and 25). */
export const tokenEventsQuery = z.object(eventPage)

/** `GET /admin/api-token-events` query: `action`, `tokenId`, `page`, `pageSize`. */
export const eventsQuery = z.object({
  ...eventPage,
  action: z
    .enum(TOKEN_EVENT_ACTIONS, {
      error: `action must be one of the following values: ${TOKEN_EVENT_ACTIONS.join(', ')}`,
    })
    .optional(),
  tokenId: tokenIdParam.shape.id.optional(),
})

/** `GET /admin/api-tokens/:id/usage` query: `days`, 1–90 (default 30). */
export const usageQuery = z.object({
  days: positiveInt('days', USAGE_DAYS.max)
    .optional()
    .transform((days) => days ?? USAGE_DAYS.default),
})

/** Whether two unions of field names are the same set (else `never`, a compile error). */
type SameFields<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never

// The bodies take exactly the contract's writable fields (contract/admin-wire.ts), which
// the components' client and the tests' fake read too: one list, checked by the compiler.
export const createFieldsMatch: SameFields<
  keyof z.input<typeof createTokenBody>,
  (typeof TOKEN_CREATE_FIELDS)[number]
> = true
export const updateFieldsMatch: SameFields<
  keyof z.input<typeof updateTokenBody>,
  (typeof TOKEN_UPDATE_FIELDS)[number]
> = true
