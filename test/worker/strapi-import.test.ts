// SPEC §12 "Strapi keys move in without rotation": POST /admin/api-tokens/import.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { adminJwt, createToken, uniqueName, type JsonBody } from './helpers'
import { countingDb, gateEnv } from './gate-helpers'
import { scopedAdminJwt, STRAPI_SALT, strapiRow } from './strapi-fixtures'

const worker = gateEnv({ STRAPI_API_TOKEN_SALT: STRAPI_SALT })

/** Calls the worker with the salt set (or `on` another environment) as an admin. */
async function request(
  method: string,
  path: string,
  body?: unknown,
  { jwt, on = worker }: { jwt?: string; on?: ReturnType<typeof gateEnv> } = {},
): Promise<{ status: number; body: JsonBody }> {
  const response = await on.fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${jwt ?? (await adminJwt())}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}

const importRows = (tokens: unknown[], options?: Parameters<typeof request>[3]) =>
  request('POST', '/admin/api-tokens/import', { format: 'strapi-v5', tokens }, options)

/** The §2 error object of a row's single field error. */
const rowError = (path: string, message: string, code: string) => ({
  status: 400,
  name: 'ValidationError',
  message,
  details: { errors: [{ path: [path], name: 'ValidationError', message, code }] },
})

describe('POST /admin/api-tokens/import', () => {
  it('imports Strapi tokens as they were: dates, actions, no owner, legacy "strapi", the hint "Strapi key"', async () => {
    const readOnly = strapiRow()
    const custom = strapiRow({
      type: 'custom',
      lifespan: 2_592_000_000,
      expiresAt: '2099-01-01T00:00:00.000Z',
      lastUsedAt: null,
      permissions: ['api::article.article.find', 'api::article.article.findOne'],
    })
    const { status, body } = await importRows([readOnly.row, custom.row])
    expect(status).toBe(200)
    expect(body.data.errors).toEqual([])
    expect(body.data.imported).toEqual([
      { id: expect.any(Number), name: readOnly.row.name },
      { id: expect.any(Number), name: custom.row.name },
    ])
    const [first, second] = body.data.imported as { id: number }[]
    const stored = await request('GET', `/admin/api-tokens/${first!.id}`)
    expect(stored.body.data).toMatchObject({
      name: readOnly.row.name,
      description: 'Imported from Strapi',
      type: 'read-only',
      lifespan: null,
      expiresAt: null,
      createdAt: '2025-03-01T10:00:00.000Z',
      lastUsedAt: '2025-06-01T08:30:00.000Z',
      permissions: [],
      keyHint: 'Strapi key',
      owner: null,
      enabled: true,
      allowedIps: [],
      rateLimit: null,
      legacy: 'strapi',
      disabledReason: null,
      previousKey: null,
    })
    const customStored = await request('GET', `/admin/api-tokens/${second!.id}`)
    expect(customStored.body.data).toMatchObject({
      type: 'custom',
      lifespan: 2_592_000_000,
      expiresAt: '2099-01-01T00:00:00.000Z',
      lastUsedAt: null,
      permissions: ['api::article.article.find', 'api::article.article.findOne'],
      legacy: 'strapi',
    })
  })

  it('records a created event per token whose changes say legacy: [null, "strapi"]', async () => {
    const { row } = strapiRow()
    const { body } = await importRows([row])
    const id = body.data.imported[0].id as number
    const events = await request('GET', `/admin/api-tokens/${id}/events`)
    expect(events.body.data).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        action: 'created',
        tokenId: id,
        tokenName: row.name,
        owner: null,
        actor: { sub: 'admin-1' },
        changes: { legacy: [null, 'strapi'] },
        ip: null,
      },
    ])
  })

  it('reports name clashes, unknown actions and bad rows by index, and imports the rest', async () => {
    const existing = await createToken()
    const good = strapiRow()
    const twin = strapiRow({ name: good.row.name })
    const clash = strapiRow({ name: existing.name })
    const unknown = strapiRow({
      type: 'custom',
      permissions: ['api::article.article.find', 'api::nope.nope.find'],
    })
    const noKey = strapiRow({ accessKey: undefined })
    const badKey = strapiRow({ accessKey: 'ABC' })
    const stray = strapiRow({ documentId: 'x1' })
    const notAnObject = 42
    const readOnlyWithActions = strapiRow({ permissions: ['api::article.article.find'] })
    const { status, body } = await importRows([
      good.row,
      twin.row,
      clash.row,
      unknown.row,
      noKey.row,
      badKey.row,
      stray.row,
      notAnObject,
      readOnlyWithActions.row,
    ])
    expect(status).toBe(200)
    expect(body.data.imported).toEqual([{ id: expect.any(Number), name: good.row.name }])
    const keyRule = 'accessKey must be the hash Strapi stored: 128 lowercase hex characters'
    expect(body.data.errors).toEqual([
      { index: 1, error: rowError('name', 'Name already taken', 'name_taken') },
      { index: 2, error: rowError('name', 'Name already taken', 'name_taken') },
      {
        index: 3,
        error: rowError(
          'permissions',
          'Unknown permissions provided: api::nope.nope.find',
          'unknown_permissions',
        ),
      },
      { index: 4, error: rowError('accessKey', 'accessKey is a required field', 'required') },
      { index: 5, error: rowError('accessKey', keyRule, 'invalid_value') },
      {
        index: 6,
        error: rowError('documentId', 'documentId is not an allowed field', 'unknown_field'),
      },
      {
        index: 7,
        error: {
          status: 400,
          name: 'ValidationError',
          message: expect.any(String),
          details: { errors: [expect.objectContaining({ path: [], code: 'invalid_value' })] },
        },
      },
      {
        index: 8,
        error: rowError(
          'permissions',
          'Non-custom tokens should not reference permissions',
          'permissions_not_allowed',
        ),
      },
    ])
    const names = (await request('GET', '/admin/api-tokens')).body.data.map(
      (token: { name: string }) => token.name,
    )
    expect(names.filter((name: string) => name === good.row.name)).toHaveLength(1)
  })

  it('reports a key imported before, and keeps the token it belongs to', async () => {
    const first = strapiRow()
    await importRows([first.row])
    const again = strapiRow({ name: uniqueName('again') }, first.key)
    const { body } = await importRows([again.row])
    expect(body.data).toEqual({
      imported: [],
      errors: [
        {
          index: 0,
          error: rowError(
            'accessKey',
            'A token with this key is already imported',
            'invalid_value',
          ),
        },
      ],
    })
  })

  it('imports 1000 tokens in one request, in batched D1 statements', async () => {
    const { db, statements } = countingDb(env.DB)
    const counted = gateEnv({ STRAPI_API_TOKEN_SALT: STRAPI_SALT, DB: db })
    const rows = Array.from(
      { length: 1000 },
      (_, i) =>
        strapiRow({
          type: i % 2 ? 'custom' : 'read-only',
          permissions: i % 2 ? ['api::article.article.find'] : [],
        }).row,
    )
    const { status, body } = await importRows(rows, { on: counted })
    expect(status).toBe(200)
    expect(body.data.errors).toEqual([])
    expect(body.data.imported).toHaveLength(1000)
    // Two reads for the clashes, then 4 batches of three writes for 200 rows each.
    const writes = statements.filter((sql) => /^insert/i.test(sql))
    expect(writes).toHaveLength(15)
    expect(statements.length).toBeLessThanOrEqual(20)
  })

  it('refuses without STRAPI_API_TOKEN_SALT, saying so, and imports nothing', async () => {
    const { row } = strapiRow()
    const unsalted = gateEnv({ STRAPI_API_TOKEN_SALT: undefined })
    const { status, body } = await importRows([row], { on: unsalted })
    expect(status).toBe(400)
    expect(body.error.message).toMatch(/^STRAPI_API_TOKEN_SALT is not set/)
    const names = (await request('GET', '/admin/api-tokens')).body.data.map(
      (token: { name: string }) => token.name,
    )
    expect(names).not.toContain(row.name)
  })

  it('is the operator’s: an admin scoped to an owner, or without create, gets 403', async () => {
    const { row } = strapiRow()
    const scoped = await importRows([row], { jwt: await scopedAdminJwt('acme') })
    expect(scoped.status).toBe(403)
    expect(scoped.body.error.message).toMatch(/operator/)
    const reader = await importRows([row], {
      jwt: await adminJwt({ permissions: ['admin::api-tokens.read'] }),
    })
    expect(reader).toEqual({
      status: 403,
      body: {
        data: null,
        error: {
          status: 403,
          name: 'ForbiddenError',
          message: 'Forbidden',
          details: { action: 'admin::api-tokens.create' },
        },
      },
    })
  })

  it('refuses a body that is not an import: a format it does not read, no tokens, too many', async () => {
    const { row } = strapiRow()
    const format = await request('POST', '/admin/api-tokens/import', {
      format: 'strapi-v4',
      tokens: [row],
    })
    expect(format.status).toBe(400)
    expect(format.body.error.details.errors[0]).toMatchObject({
      path: ['format'],
      code: 'invalid_value',
    })
    const none = await request('POST', '/admin/api-tokens/import', {
      format: 'strapi-v5',
      tokens: [],
    })
    expect(none.body.error.details.errors[0]).toMatchObject({
      path: ['tokens'],
      message: 'tokens must hold 1 to 1000 tokens',
    })
    const many = Array.from({ length: 1001 }, () => row)
    const tooMany = await request('POST', '/admin/api-tokens/import', {
      format: 'strapi-v5',
      tokens: many,
    })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.error.details.errors[0].message).toBe('tokens must hold 1 to 1000 tokens')
  })
})
