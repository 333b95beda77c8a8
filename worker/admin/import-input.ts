import { z } from 'zod'
import { STRAPI_KEY_HASH_SHAPE } from '../keys/strapi-key'
import { createTokenBody, updateTokenBody } from './token-input'

/** How many tokens one import takes (SPEC §12). */
export const MAX_IMPORTED_TOKENS = 1000

/** The import formats Tollgate reads: Strapi v5's API tokens. */
export const IMPORT_FORMATS = ['strapi-v5'] as const

const DATE_RULE = 'must be an ISO-8601 date-time, epoch milliseconds or null'

/** A date Strapi stored: ISO-8601 (with `Z` or an offset) or epoch ms, as epoch ms; or `null`. */
const strapiDate = (field: string) =>
  z
    .union(
      [z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)), z.int().min(0)],
      {
        error: `${field} ${DATE_RULE}`,
      },
    )
    .nullable()

/**
 * One Strapi v5 API token as `strapi_api_tokens` holds it, with its granted actions
 * (`strapi_api_token_permissions`). The same rules as a create for what both have
 * (name, description, type, lifespan); `accessKey` is Strapi's stored hash of the key,
 * never the key.
 */
export const importedTokenRow = z
  .strictObject({
    name: createTokenBody.shape.name,
    description: updateTokenBody.shape.description.transform((value) => value ?? ''),
    type: createTokenBody.shape.type,
    lifespan: updateTokenBody.shape.lifespan.transform((value) => value ?? null),
    expiresAt: strapiDate('expiresAt')
      .optional()
      .transform((value) => value ?? null),
    createdAt: strapiDate('createdAt').optional(),
    lastUsedAt: strapiDate('lastUsedAt')
      .optional()
      .transform((value) => value ?? null),
    accessKey: z
      .string({ error: 'accessKey is a required field' })
      .regex(
        STRAPI_KEY_HASH_SHAPE,
        'accessKey must be the hash Strapi stored: 128 lowercase hex characters',
      ),
    permissions: updateTokenBody.shape.permissions.transform((value) => value ?? []),
  })
  .meta({
    id: 'ImportedStrapiToken',
    description:
      'A row of Strapi v5’s `strapi_api_tokens` with its actions; `accessKey` is the stored ' +
      'hash (HMAC-SHA-512 under `API_TOKEN_SALT`, hex).',
  })

/** One imported row, validated. */
export type ImportedTokenRow = z.output<typeof importedTokenRow>

const COUNT_RULE = `tokens must hold 1 to ${MAX_IMPORTED_TOKENS} tokens`

/**
 * `POST /admin/api-tokens/import` body. A row that breaks a rule does not fail the
 * request: it is `null` here, and the route reports its errors by index (SPEC §12).
 */
export const importTokensBody = z.strictObject({
  format: z.enum(IMPORT_FORMATS, {
    error: `format must be one of the following values: ${IMPORT_FORMATS.join(', ')}`,
  }),
  tokens: z
    .array(importedTokenRow.nullable().catch(null), { error: 'tokens must be an array of tokens' })
    .min(1, COUNT_RULE)
    .max(MAX_IMPORTED_TOKENS, COUNT_RULE),
})
