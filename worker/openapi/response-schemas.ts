// What the admin API, `/auth/verify` and `/.well-known/jwks.json` answer, as zod schemas:
// the OpenAPI document's response schemas (worker/openapi/). They mirror contract/'s
// plain types, and contract-parity.ts has the compiler check that each schema's output
// and its contract type are mutually assignable, so neither can drift.
import { z } from 'zod'
import {
  ADMIN_ACTIONS,
  FIELD_ERROR_CODES,
  LIFESPANS,
  TOKEN_EVENT_ACTIONS,
  DISABLED_REASONS,
  LEGACY_FORMATS,
  TOKEN_TYPES,
  VERIFY_CODES,
} from '../../contract/api-tokens'

/** An ISO-8601 instant, as the worker writes it (`toISOString()`). */
const isoInstant = z.iso.datetime()

/** A lifespan in ms, or `null` = unlimited. */
const lifespan = z.union(LIFESPANS.map((value) => z.literal(value)))

/** contract `PreviousKey`: the replaced key while it keeps working. */
export const previousKeySchema = z
  .object({ keyHint: z.string(), expiresAt: isoInstant })
  .meta({ id: 'PreviousKey' })

/** contract `TokenMeta`: data attached to a token, handed to the origin (SPEC §13). */
const tokenMetaSchema = z
  .record(z.string(), z.unknown())
  .meta({ id: 'TokenMeta', description: 'A JSON object, at most 1 KB serialised (SPEC §13).' })
/** contract `Credits` (SPEC §13): a metered token's balance and refill. */
export const creditsSchema = z
  .object({
    remaining: z.int().min(0),
    refill: z.object({ amount: z.int().min(0), interval: z.enum(['day', 'month']) }).nullable(),
  })
  .meta({ id: 'Credits' })

/** contract `Token`: a token as the admin API answers it, never its key or hash. */
export const tokenSchema = z
  .object({
    id: z.int(),
    name: z.string(),
    description: z.string(),
    type: z.enum(TOKEN_TYPES),
    lifespan,
    expiresAt: isoInstant.nullable(),
    lastUsedAt: isoInstant.nullable(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
    permissions: z.array(z.string()),
    keyHint: z.string(),
    allowedIps: z.array(z.string()),
    rateLimit: z.string().nullable(),
    enabled: z.boolean(),
    previousKey: previousKeySchema.nullable(),
    owner: z.string().nullable(),
    disabledReason: z.enum(DISABLED_REASONS).nullable(),
    legacy: z.enum(LEGACY_FORMATS).nullable(),
    meta: tokenMetaSchema,
    credits: creditsSchema.nullable(),
  })
  .meta({ id: 'Token' })

/** contract `CreatedToken`: the token and its key, shown this once. */
export const createdTokenSchema = tokenSchema
  .extend({ accessKey: z.string() })
  .meta({ id: 'CreatedToken' })

/** contract `RegeneratedKey`: the new key, the token's expiry and the replaced key. */
export const regeneratedKeySchema = z
  .object({
    id: z.int(),
    accessKey: z.string(),
    expiresAt: isoInstant.nullable(),
    previousKey: previousKeySchema.nullable(),
  })
  .meta({ id: 'RegeneratedKey' })

/** contract `Pagination` (Strapi's `meta.pagination`). */
export const paginationSchema = z
  .object({ page: z.int(), pageSize: z.int(), total: z.int() })
  .meta({ id: 'Pagination' })

const eventPaginationSchema = paginationSchema
  .extend({ pageCount: z.int() })
  .meta({ id: 'EventPagination' })

const eventActorSchema = z
  .object({ sub: z.string(), name: z.string().optional(), email: z.string().optional() })
  .meta({ id: 'EventActor' })

const operatorActorSchema = z.object({ name: z.literal('Operator') }).meta({ id: 'OperatorActor' })

/** contract `LeakedChanges`: a `leaked` event's report (SPEC §12). */
const leakedChangesSchema = z
  .strictObject({ source: z.enum(['revoke', 'github']), url: z.string().optional() })
  .meta({ id: 'LeakedChanges' })

/** contract `TokenEvent`: one audit event. */
export const tokenEventSchema = z
  .object({
    id: z.int(),
    at: isoInstant,
    action: z.enum(TOKEN_EVENT_ACTIONS),
    tokenId: z.int(),
    tokenName: z.string(),
    owner: z.string().nullable(),
    actor: z.union([eventActorSchema, operatorActorSchema]).nullable(),
    changes: z
      .union([z.record(z.string(), z.tuple([z.unknown(), z.unknown()])), leakedChangesSchema])
      .optional(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'TokenEvent' })

/** contract `TokenPageBody`: a page of tokens (`?page=` or `?pageSize=` given). */
export const tokenPageBodySchema = z.object({
  data: z.array(tokenSchema),
  meta: z.object({ pagination: paginationSchema }),
})

/** The list without paging: every token, `{data}` alone. */
export const tokenListBodySchema = z.object({ data: z.array(tokenSchema) })

/** contract `EventPageBody`: a page of audit events. */
export const eventPageBodySchema = z
  .object({
    data: z.array(tokenEventSchema),
    meta: z.object({ pagination: eventPaginationSchema }),
  })
  .meta({ id: 'EventPage' })

/** contract `AdminPermissionsBody`: the signed-in admin's actions and owner. */
export const adminPermissionsBodySchema = z.object({
  data: z.array(z.object({ action: z.enum(ADMIN_ACTIONS) })),
  meta: z.object({
    owner: z.string().nullable(),
    grantable: z.array(z.string()).nullable(),
    maxLifespanDays: z.int().positive().nullable(),
  }),
})

/** contract `PermissionCatalog`: the action catalog grouped for the picker (SPEC §4). */
export const permissionCatalogSchema = z
  .record(
    z.string(),
    z.object({
      displayName: z.string(),
      controllers: z.record(z.string(), z.array(z.string())),
    }),
  )
  .meta({ id: 'PermissionCatalog' })

/** contract `RouteCatalog`: the route bound to each action, by group. */
export const routeCatalogSchema = z
  .record(
    z.string(),
    z.array(z.object({ method: z.string(), path: z.string(), action: z.string() })),
  )
  .meta({ id: 'RouteCatalog' })

/** contract `RateLimitTier`. */
export const rateLimitTierSchema = z
  .object({ name: z.string(), label: z.string() })
  .meta({ id: 'RateLimitTier' })

/** contract `TokenUsage`: one entry per UTC day, oldest first, and the totals. */
export const tokenUsageSchema = z
  .object({
    days: z.array(
      z.object({
        date: z.iso.date(),
        requests: z.int().nonnegative(),
        refused: z.int().nonnegative(),
      }),
    ),
    total: z.object({ requests: z.int().nonnegative(), refused: z.int().nonnegative() }),
  })
  .meta({ id: 'TokenUsage' })

/** contract `VerifiedToken`: what `/auth/verify` tells of a current key's token. */
export const verifiedTokenSchema = z
  .object({
    id: z.int(),
    name: z.string(),
    type: z.enum(TOKEN_TYPES),
    expiresAt: isoInstant.nullable(),
    permissions: z.array(z.string()),
    owner: z.string().nullable(),
    meta: tokenMetaSchema,
  })
  .meta({ id: 'VerifiedToken' })

/** contract `VerifyResult`: the verdict on a key. */
export const verifyResultSchema = z
  .object({
    valid: z.boolean(),
    code: z.enum(VERIFY_CODES),
    reason: z.literal('ip').optional(),
    remaining: z.int().min(0).optional(),
    token: verifiedTokenSchema.optional(),
    previousKey: z.literal(true).optional(),
  })
  .meta({ id: 'VerifyResult' })

/** A public key as `/.well-known/jwks.json` lists it: Ed25519 (OKP) or P-256 (EC). */
export const publicJwkSchema = z
  .object({
    kty: z.enum(['OKP', 'EC']),
    crv: z.enum(['Ed25519', 'P-256']),
    x: z.string(),
    y: z.string().optional(),
    kid: z.string(),
    alg: z.enum(['EdDSA', 'ES256']),
    use: z.literal('sig'),
  })
  .meta({ id: 'PublicJwk' })

/** `GET /.well-known/jwks.json`: the current key first, then any previous one. */
export const jwksSchema = z.object({ keys: z.array(publicJwkSchema) }).meta({ id: 'Jwks' })

/** contract `FieldError`: one field's problem, with its machine code (SPEC §2). */
export const fieldErrorSchema = z
  .object({
    path: z.array(z.string()),
    name: z.literal('ValidationError'),
    message: z.string(),
    code: z.enum(FIELD_ERROR_CODES),
  })
  .meta({ id: 'FieldError' })

/** contract `ErrorBody`: every 4xx/5xx answer, `{data: null, error}` (SPEC §2). */
export const errorBodySchema = z
  .object({
    data: z.null(),
    error: z.object({
      status: z.int(),
      name: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'Error' })

const errorBodies = new Map<number, ReturnType<typeof newErrorBodySchema>>()

/**
 * `ErrorBody` for one status: its name fixed (SPEC §2) and, for a 400, `details.errors`
 * listing each field's problem with its code.
 */
export function errorBodySchemaFor(status: number, name: string) {
  let schema = errorBodies.get(status)
  if (!schema) errorBodies.set(status, (schema = newErrorBodySchema(status, name)))
  return schema
}

function newErrorBodySchema(status: number, name: string) {
  const details =
    status === 400
      ? z.looseObject({ errors: z.array(fieldErrorSchema).min(1).optional() })
      : z.record(z.string(), z.unknown())
  return z
    .object({
      data: z.null(),
      error: z.object({
        status: z.literal(status),
        name: z.literal(name),
        message: z.string(),
        details,
      }),
    })
    .meta({ id: `Error${status}` })
}
