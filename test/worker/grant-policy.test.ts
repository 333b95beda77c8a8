// SPEC §13 "Grant policy": an admin JWT's `grantable` claim limits the rights that admin
// may put on tokens (create, edit); beyond it → 403. Without the claim everything is
// grantable; regenerating is no grant. For scoped (owner) and operator admins alike.
import { describe, expect, it } from 'vitest'
import { grantJwt } from './grant-helpers'
import { admin, uniqueName } from './helpers'

const FIND = 'api::article.article.find'
const FIND_ONE = 'api::article.article.findOne'
const CREATE = 'api::article.article.create'

const ADMINS = [
  { kind: 'operator', owner: undefined },
  { kind: 'scoped', owner: 'acme-grants' },
] as const

describe.each(ADMINS)('grantable for an $kind admin', ({ owner }) => {
  const as = async (grantable: unknown) => {
    const jwt = await grantJwt(grantable, owner)
    return (method: string, path: string, body?: unknown) => admin(method, path, body, jwt)
  }

  it('creates only tokens within grantable; beyond it a 403 naming what is not grantable', async () => {
    const limited = await as(['read-only', FIND, FIND_ONE])
    const ok = await limited('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'custom',
      permissions: [FIND, FIND_ONE],
    })
    expect(ok.status).toBe(201)
    const readOnly = await limited('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
    })
    expect(readOnly.status).toBe(201)

    const full = await limited('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'full-access',
    })
    expect(full.status).toBe(403)
    expect(full.body).toEqual({
      data: null,
      error: {
        status: 403,
        name: 'ForbiddenError',
        message: 'Not grantable by this admin: full-access',
        details: { notGrantable: ['full-access'] },
      },
    })
    const custom = await limited('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'custom',
      permissions: [FIND, CREATE],
    })
    expect(custom.status).toBe(403)
    expect(custom.body.error.details).toEqual({ notGrantable: [CREATE] })
  })

  it('refuses an edit that changes the rights beyond grantable, allows one that keeps them', async () => {
    const limited = await as([FIND])
    const created = await limited('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'custom',
      permissions: [FIND],
    })
    const id = created.body.data.id as number
    const wider = await limited('PUT', `/admin/api-tokens/${id}`, { permissions: [FIND, CREATE] })
    expect(wider.status).toBe(403)
    expect(wider.body.error.details).toEqual({ notGrantable: [CREATE] })
    const toReadOnly = await limited('PUT', `/admin/api-tokens/${id}`, {
      type: 'read-only',
      permissions: [],
    })
    expect(toReadOnly.status).toBe(403)
    expect(toReadOnly.body.error.details).toEqual({ notGrantable: ['read-only'] })
    // Unchanged: the token still holds exactly what it did.
    const read = await limited('GET', `/admin/api-tokens/${id}`)
    expect(read.body.data).toMatchObject({ type: 'custom', permissions: [FIND] })

    // A token given wider rights by an unlimited admin: renaming it (the rights sent back
    // unchanged, as a form does) grants nothing and passes.
    const unlimited = await as(undefined)
    const wide = await unlimited('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'full-access',
    })
    const renamed = await limited('PUT', `/admin/api-tokens/${wide.body.data.id}`, {
      name: uniqueName(),
      type: 'full-access',
      permissions: [],
    })
    expect(renamed.status).toBe(200)
  })

  it('lets regenerate through: a new key grants no new right', async () => {
    const unlimited = await as(undefined)
    const wide = await unlimited('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'full-access',
    })
    const limited = await as([])
    const regenerated = await limited('POST', `/admin/api-tokens/${wide.body.data.id}/regenerate`)
    expect(regenerated.status).toBe(201)
  })

  it('grants everything without the claim, and nothing with an empty one', async () => {
    const unlimited = await as(undefined)
    for (const type of ['read-only', 'full-access'] as const) {
      const created = await unlimited('POST', '/admin/api-tokens', { name: uniqueName(), type })
      expect(created.status).toBe(201)
    }
    const none = await as([])
    const refused = await none('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
    })
    expect(refused.status).toBe(403)
  })

  it('exposes grantable in /admin/users/me/permissions', async () => {
    const limited = await as(['read-only', FIND])
    const me = await limited('GET', '/admin/users/me/permissions')
    expect(me.body.meta).toEqual({
      owner: owner ?? null,
      grantable: ['read-only', FIND],
      maxLifespanDays: null,
    })
    const unlimited = await as(undefined)
    expect((await unlimited('GET', '/admin/users/me/permissions')).body.meta.grantable).toBeNull()
  })
})

describe('the grantable claim', () => {
  it('must be an array of strings: anything else is a 401', async () => {
    for (const claim of ['read-only', [1], { a: 1 }, null]) {
      const response = await admin(
        'GET',
        '/admin/users/me/permissions',
        undefined,
        await grantJwt(claim),
      )
      expect(response.status, JSON.stringify(claim)).toBe(401)
      expect(response.body.error.message).toBe(
        'Invalid grantable claim: it must be an array of strings',
      )
    }
  })
})
