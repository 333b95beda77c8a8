// Strapi v5's API tokens as its database holds them (SPEC §12): `strapi_api_tokens`, their
// actions in `strapi_api_token_permissions`, joined through the link table Strapi v5 names
// `strapi_api_token_permissions_token_lnk`. One query serves SQLite and Postgres alike.
import type { StrapiTokenImport } from '../contract/admin-wire'
import type { Lifespan, TokenType } from '../contract/api-tokens'

/**
 * Every token with each of its actions (one row per action; a token without any has one
 * row, `permission_action` null), in Strapi's order. `t.*`: the columns differ between
 * Strapi versions (`encrypted_key`, `kind` in later v5), and only known ones are read.
 */
export const STRAPI_TOKENS_QUERY = `
select t.*, p.action as permission_action
from strapi_api_tokens t
left join strapi_api_token_permissions_token_lnk l on l.api_token_id = t.id
left join strapi_api_token_permissions p on p.id = l.api_token_permission_id
order by t.id, l.api_token_permission_ord, p.id`

/** A row of {@link STRAPI_TOKENS_QUERY}, as a driver returns it. */
export type StrapiTokenRow = Record<string, unknown>

/** A Strapi token as read: what to import, or why it is left out. */
export type StrapiToken =
  { name: string; token: StrapiTokenImport } | { name: string; skipped: string }

/**
 * A date as Strapi's database gives it, as ISO-8601: epoch ms (SQLite, as a number or
 * digits), a `Date` (Postgres), or text (`2025-03-01 10:00:00`, read as UTC); `null` stays.
 */
export function isoOf(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number' || typeof value === 'bigint') {
    return new Date(Number(value)).toISOString()
  }
  const text = String(value).trim()
  if (/^\d+$/.test(text)) return new Date(Number(text)).toISOString()
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`
  const at = Date.parse(zoned.replace(' ', 'T'))
  if (Number.isNaN(at)) throw new Error(`not a date: "${text}"`)
  return new Date(at).toISOString()
}

/** A lifespan column (Postgres answers `bigint` as text): ms, or `null`. */
function lifespanOf(value: unknown): Lifespan {
  return value === null || value === undefined ? null : (Number(value) as Lifespan)
}

/**
 * The rows of {@link STRAPI_TOKENS_QUERY} as the tokens to import, in Strapi's order, each
 * with its actions. Strapi's admin tokens (`kind: "admin"`, later v5) guard Strapi's own
 * admin API, not the content API behind the gate: they are left out, saying so.
 *
 * @example
 * const tokens = strapiTokensOf(await readSqlite('data.db'))
 */
export function strapiTokensOf(rows: StrapiTokenRow[]): StrapiToken[] {
  const byId = new Map<string, StrapiToken>()
  for (const row of rows) {
    const id = String(row['id'])
    let entry = byId.get(id)
    if (!entry) {
      const name = String(row['name'] ?? '')
      entry =
        row['kind'] === 'admin'
          ? { name, skipped: 'an admin token (Strapi’s own admin API), not a content API one' }
          : {
              name,
              token: {
                name,
                description: (row['description'] as string | null) ?? null,
                type: row['type'] as TokenType,
                lifespan: lifespanOf(row['lifespan']),
                expiresAt: isoOf(row['expires_at']),
                createdAt: isoOf(row['created_at']),
                lastUsedAt: isoOf(row['last_used_at']),
                accessKey: String(row['access_key'] ?? ''),
                permissions: [],
              },
            }
      byId.set(id, entry)
    }
    const action = row['permission_action']
    if ('token' in entry && typeof action === 'string') entry.token.permissions!.push(action)
  }
  return [...byId.values()]
}
