// SPEC §8 "Ownership": admin JWTs with an `owner` claim see and change only that owner's
// tokens; operators (no claim) see all, filter by owner and set it on create.
import { env } from 'cloudflare:workers'
import { jwtVerify, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { ADMIN_ACTIONS } from '../../contract/api-tokens'
import { bearer, gateEnv } from './gate-helpers'
import { admin, call, uniqueName, type JsonBody } from './helpers'

/** An admin JWT for `owner` (`undefined`: an operator), any claim value allowed. */
async function jwtFor(owner?: unknown) {
  return new SignJWT({ permissions: [...ADMIN_ACTIONS], ...(owner === undefined ? {} : { owner }) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('owner-test')
    .setAudience('tollgate')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(env.ADMIN_JWT_SECRET))
}

const as = (owner: string | undefined) => ({
  async call(method: string, path: string, body?: unknown) {
    return admin(method, path, body, await jwtFor(owner))
  },
  async create(fields: Record<string, unknown> = {}) {
    const response = await admin(
      'POST',
      '/admin/api-tokens',
      { name: uniqueName(), type: 'read-only', ...fields },
      await jwtFor(owner),
    )
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.data as {
      id: number
      name: string
      owner: string | null
      accessKey: string
    }
  },
})

const acme = as('acme')
const globex = as('globex')
const operator = as(undefined)

describe('scoping by the admin JWT', () => {
  it('keeps each owner to its own tokens on every route; the operator sees all', async () => {
    const mine = await acme.create()
    expect(mine.owner).toBe('acme')
    const theirs = await globex.create()

    const ids = async (who: ReturnType<typeof as>) =>
      (
        (await who.call('GET', '/admin/api-tokens?pageSize=100&page=1')).body.data as JsonBody[]
      ).map((token) => token.id)
    expect(await ids(acme)).toContain(mine.id)
    expect(await ids(acme)).not.toContain(theirs.id)
    expect(await ids(operator)).toEqual(expect.arrayContaining([mine.id, theirs.id]))

    // Another owner's token is absent: 404 everywhere, and a DELETE changes nothing.
    for (const [method, path, body] of [
      ['GET', `/admin/api-tokens/${theirs.id}`],
      ['PUT', `/admin/api-tokens/${theirs.id}`, { description: 'mine now' }],
      ['POST', `/admin/api-tokens/${theirs.id}/regenerate`],
      ['GET', `/admin/api-tokens/${theirs.id}/events`],
      ['GET', `/admin/api-tokens/${theirs.id}/usage`],
    ] as [string, string, unknown?][]) {
      expect((await acme.call(method, path, body)).status, `${method} ${path}`).toBe(404)
    }
    const deleted = await acme.call('DELETE', `/admin/api-tokens/${theirs.id}`)
    expect(deleted).toMatchObject({ status: 200, body: { data: null } })
    expect((await operator.call('GET', `/admin/api-tokens/${theirs.id}`)).body.data).toMatchObject({
      id: theirs.id,
      owner: 'globex',
      description: '',
    })
    // Its own token: every route works.
    expect(
      (await acme.call('PUT', `/admin/api-tokens/${mine.id}`, { description: 'x' })).status,
    ).toBe(200)
    expect((await acme.call('GET', `/admin/api-tokens/${mine.id}/usage`)).status).toBe(200)
    expect((await acme.call('POST', `/admin/api-tokens/${mine.id}/regenerate`)).status).toBe(201)

    // Events: only the owner's, everywhere.
    const events = (await acme.call('GET', '/admin/api-token-events?pageSize=100')).body
      .data as JsonBody[]
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((event) => event.owner === 'acme')).toBe(true)
    const all = (await operator.call('GET', '/admin/api-token-events?pageSize=100')).body
      .data as JsonBody[]
    expect(all.some((event) => event.owner === 'globex')).toBe(true)
    expect((await acme.call('DELETE', `/admin/api-tokens/${mine.id}`)).body.data.id).toBe(mine.id)
    const history = await acme.call('GET', `/admin/api-tokens/${mine.id}/events`)
    expect(history.body.data[0]).toMatchObject({ action: 'deleted', owner: 'acme' })
    expect((await globex.call('GET', `/admin/api-tokens/${mine.id}/events`)).status).toBe(404)
  })

  it('refuses owner in a scoped body, and any owner change on update', async () => {
    const scoped = await acme.call('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
      owner: 'globex',
    })
    expect(scoped.status).toBe(400)
    expect(scoped.body.error.details.errors[0].path).toEqual(['owner'])
    const token = await operator.create({ owner: 'acme' })
    expect(token.owner).toBe('acme')
    expect(
      (await operator.call('PUT', `/admin/api-tokens/${token.id}`, { owner: 'globex' })).status,
    ).toBe(400)
  })

  it('makes a JWT with a bad owner claim invalid (401)', async () => {
    for (const owner of ['', 'x'.repeat(129), 42, null, ['acme'], { id: 'acme' }]) {
      const response = await admin('GET', '/admin/api-tokens', undefined, await jwtFor(owner))
      expect(response.status, JSON.stringify(owner)).toBe(401)
    }
    expect(
      (await admin('GET', '/admin/api-tokens', undefined, await jwtFor('x'.repeat(128)))).status,
    ).toBe(200)
  })

  it('tells the section who is asking: meta.owner, null for an operator', async () => {
    expect((await acme.call('GET', '/admin/users/me/permissions')).body.meta).toEqual({
      owner: 'acme',
      grantable: null,
      maxLifespanDays: null,
    })
    expect((await operator.call('GET', '/admin/users/me/permissions')).body.meta).toEqual({
      owner: null,
      grantable: null,
      maxLifespanDays: null,
    })
  })
})

describe('names and limits per owner', () => {
  it('keeps names unique per owner: the same name in two owners, one of two racing creates', async () => {
    const name = uniqueName('shared')
    await acme.create({ name })
    await globex.create({ name })
    await operator.create({ name })
    const again = await acme.call('POST', '/admin/api-tokens', { name, type: 'read-only' })
    expect(again.status).toBe(400)
    expect(again.body.error.message).toBe('Name already taken')
    const raced = uniqueName('race')
    const jwt = await jwtFor('acme')
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        admin('POST', '/admin/api-tokens', { name: raced, type: 'read-only' }, jwt),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400])
  })

  it('stops an owner at MAX_TOKENS_PER_OWNER (0 = no limit)', async () => {
    const limited = gateEnv({ MAX_TOKENS_PER_OWNER: '2' })
    const jwt = await jwtFor('initech')
    const create = async () =>
      limited.fetch('/admin/api-tokens', {
        method: 'POST',
        headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: uniqueName(), type: 'read-only' }),
      })
    expect((await create()).status).toBe(201)
    expect((await create()).status).toBe(201)
    const third = await create()
    expect(third.status).toBe(400)
    expect(((await third.json()) as JsonBody).error.message).toBe('Token limit reached')
    const unlimited = gateEnv({ MAX_TOKENS_PER_OWNER: '0' })
    const more = await unlimited.fetch('/admin/api-tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: uniqueName(), type: 'read-only' }),
    })
    expect(more.status).toBe(201)
  })
})

describe("the operator's filters", () => {
  it('filters by ?owner=acme and ?owner= (tokens without owner)', async () => {
    const stem = uniqueName('filter')
    const a = await operator.create({ name: `${stem}-a`, owner: 'acme' })
    const none = await operator.create({ name: `${stem}-none` })
    const ids = async (query: string) =>
      (
        (await operator.call('GET', `/admin/api-tokens?q=${stem}${query}`)).body.data as JsonBody[]
      ).map((token) => token.id)
    expect(await ids('&owner=acme')).toEqual([a.id])
    expect(await ids('&owner=')).toEqual([none.id])
    expect((await ids('')).sort()).toEqual([a.id, none.id].sort())
    // A scoped admin's filter never reaches past its owner.
    const scoped = (await acme.call('GET', `/admin/api-tokens?q=${stem}&owner=`)).body
      .data as JsonBody[]
    expect(scoped).toEqual([])
  })
})

describe('the owner at the edge', () => {
  it('forwards X-Api-Token-Owner and the claim own for an owned token, and strips spoofs', async () => {
    const gate = gateEnv()
    const owned = await acme.create()
    const unowned = await operator.create()
    const secret = new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET)
    await gate.fetch('/api/articles', { headers: bearer(owned.accessKey) })
    const headers = gate.seen.at(-1)!.headers
    expect(headers['x-api-token-owner']).toBe('acme')
    expect((await jwtVerify(headers['x-tollgate-assertion']!, secret)).payload.own).toBe('acme')
    await gate.fetch('/api/articles', {
      headers: bearer(unowned.accessKey, {
        'X-Api-Token-Owner': 'acme',
        x_api_token_owner: 'acme',
      }),
    })
    const plain = gate.seen.at(-1)!.headers
    expect(plain['x-api-token-owner']).toBeUndefined()
    expect(plain['x_api_token_owner']).toBeUndefined()
    expect((await jwtVerify(plain['x-tollgate-assertion']!, secret)).payload.own).toBeUndefined()
  })

  it('answers token.owner in /auth/verify', async () => {
    const owned = await acme.create()
    const response = await call('/auth/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: owned.accessKey }),
    })
    expect(((await response.json()) as JsonBody).token).toMatchObject({
      id: owned.id,
      owner: 'acme',
    })
  })
})
