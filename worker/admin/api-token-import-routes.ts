import type { TokenImportResult } from '../../contract/admin-wire'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { adminDb } from '../db/d1-sessions'
import { ApiError } from '../http/api-error'
import { validate } from '../http/validation'
import { importTokensDoc } from '../openapi/import-route-docs'
import { insertImportedTokens, takenByImport } from '../store/api-token-import'
import { requireAdminAction } from './admin-auth'
import { auditOf, publish } from './change-context'
import { importTokensBody } from './import-input'
import { nameTakenError, planImport } from './import-rules'

/** An import's body: 1000 tokens of about a kilobyte each, with room to spare. */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024

/** Imports are the operator's: an admin scoped to an owner (SPEC §8) may not import. */
const operatorOnly = createMiddleware<AppEnv>(async function operatorOnly(c, next) {
  if (c.var.admin.owner !== undefined) {
    throw new ApiError(403, 'Only an operator (an admin JWT without owner) may import tokens')
  }
  await next()
})

/** Imported keys work only with Strapi's salt: without it, nothing is imported. */
const strapiSaltSet = createMiddleware<AppEnv>(async function strapiSaltSet(c, next) {
  if (!c.env.STRAPI_API_TOKEN_SALT) {
    throw new ApiError(
      400,
      'STRAPI_API_TOKEN_SALT is not set: set it to the Strapi site’s API_TOKEN_SALT ' +
        '(wrangler secret put STRAPI_API_TOKEN_SALT) before importing its tokens',
    )
  }
  await next()
})

/**
 * `/admin/api-tokens/import`: Strapi v5's API tokens move in with their keys (SPEC §12).
 * Each row is imported — no owner, the hint "Strapi key", `legacy: "strapi"`, its
 * dates and actions as Strapi had them, a `created` event whose changes say
 * `legacy: [null, "strapi"]` — or listed in `errors` by its index. Mounted before the
 * admin API's 64 KiB limit: it takes 2 MiB.
 */
export const apiTokenImportRoutes = new Hono<AppEnv>().post(
  '/',
  importTokensDoc,
  requireAdminAction('admin::api-tokens.create'),
  operatorOnly,
  strapiSaltSet,
  bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: () => {
      throw new ApiError(413, 'Request body is larger than 2 MiB')
    },
  }),
  validate('json', importTokensBody),
  async (c) => {
    const { tokens } = c.req.valid('json')
    // The body as sent (Hono keeps it parsed): what a set-aside row held, to say why.
    const raw = (await c.req.json<{ tokens: unknown[] }>()).tokens
    const db = adminDb(c.env.DB)
    const rows = tokens.flatMap((row) => (row ? [row] : []))
    const taken = await takenByImport(
      db,
      rows.map((row) => row.name),
      rows.map((row) => row.accessKey),
    )
    const at = Date.now()
    const plan = planImport(tokens, raw, c.var.settings, taken, at)
    const audit = { ...auditOf(c), at }
    const { inserted, events } = await insertImportedTokens(
      db,
      plan.accepted.map(({ token }) => token),
      audit,
    )
    publish(c, events)
    const stored = new Map(inserted.map((token) => [token.accessKeyHash, token]))
    const result: TokenImportResult = { imported: [], errors: plan.errors }
    for (const { index, token } of plan.accepted) {
      const row = stored.get(token.accessKeyHash)
      if (row) result.imported.push({ id: row.id, name: row.name })
      // Another write took the name (or the key) between the check and the insert.
      else result.errors.push({ index, error: nameTakenError() })
    }
    result.errors.sort((a, b) => a.index - b.index)
    return c.json({ data: result })
  },
)
