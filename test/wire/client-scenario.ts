// One admin's day with `tollgate/client` against the running worker, run as written both in
// Node (client.mjs imports it) and in Chromium (client.mjs bundles it into a page of the
// gate): every method of the client once, and the §2 errors it throws. Throws on the
// first check that fails, naming it.
import { TollgateApiError, createTollgateClient } from '../../client'

/** Fails with `what` unless `actual` deep-equals `expected` (compared as JSON). */
function expectSame(what: string, expected: unknown, actual: unknown): void {
  const [want, got] = [JSON.stringify(expected), JSON.stringify(actual)]
  if (want !== got) throw new Error(`${what}: expected ${want}, got ${got}`)
}

/** The §2 error a call threw, as `[status, name, first field code]`. */
async function failureOf(call: Promise<unknown>): Promise<[number, string, string?]> {
  const error = await call.then(
    () => new Error('the call succeeded'),
    (error: unknown) => error,
  )
  if (!(error instanceof TollgateApiError)) throw new Error(`not a TollgateApiError: ${error}`)
  const code = error.details.errors?.[0]?.code
  return code === undefined ? [error.status, error.name] : [error.status, error.name, code]
}

/**
 * Creates, reads, lists, edits, regenerates, reads the usage and events of, meters and deletes a
 * token named after `runtime`, as the admin whose JWT is `jwt`; then the errors.
 */
export async function runClientScenario(baseUrl: string, jwt: string, runtime: string) {
  const client = createTollgateClient({ baseUrl, getAuthToken: () => jwt })

  const me = await client.me()
  expectSame(
    'me(): may create, is the operator',
    [true, null],
    [me.data.some(({ action }) => action === 'admin::api-tokens.create'), me.meta.owner],
  )
  const [catalog, routes, tiers] = await Promise.all([
    client.permissions(),
    client.routes(),
    client.rateLimitTiers(),
  ])
  const [group] = Object.values(catalog)
  const [actions] = Object.values(group?.controllers ?? {})
  const action = `${Object.keys(catalog)[0]}.${Object.keys(group!.controllers)[0]}.${actions![0]}`
  const bound = Object.values(routes).flat()
  expectSame(
    'routes() binds the action',
    true,
    bound.some((route) => route.action === action),
  )
  expectSame('rateLimitTiers() is a list', true, Array.isArray(tiers))

  const name = `client in ${runtime} ${Date.now()}`
  const created = await client.tokens.create({
    name,
    type: 'custom',
    permissions: [action],
    lifespan: 604_800_000,
  })
  expectSame(
    'create: the key, its token',
    [true, name, [action]],
    [created.accessKey.length > 40, created.name, created.permissions],
  )
  const read = await client.tokens.get(created.id)
  expectSame('get: the token, never its key', [name, false], [read.name, 'accessKey' in read])
  const listed = await client.tokens.list({ q: name, sort: 'createdAt:desc', pageSize: 5 })
  expectSame(
    'list: found by its name, paged',
    [[created.id], 1, 5],
    [
      listed.data.map((token) => token.id),
      listed.meta.pagination.total,
      listed.meta.pagination.pageSize,
    ],
  )
  const updated = await client.tokens.update(created.id, { description: 'from the client' })
  expectSame('update', 'from the client', updated.description)
  const regenerated = await client.tokens.regenerate(created.id, { gracePeriod: 60 })
  expectSame(
    'regenerate: a new key, the old one in its grace period',
    [true, true],
    [regenerated.accessKey !== created.accessKey, regenerated.previousKey !== null],
  )
  const usage = await client.tokens.usage(created.id, { days: 7 })
  expectSame('usage: 7 days', 7, usage.days.length)
  const events = await client.tokens.events(created.id)
  expectSame(
    'events, newest first',
    ['regenerated', 'updated', 'created'],
    [...events.data.map((event) => event.action)],
  )
  await client.tokens.update(created.id, { credits: { remaining: 5, refill: null } })
  const topped = await client.tokens.credits(created.id, { add: 3 })
  expectSame('credits: metered by update, then topped up', 8, topped.credits?.remaining)
  const everyToken = await client.tokens.events(undefined, { action: 'created', pageSize: 100 })
  expectSame(
    'events of every token, filtered',
    true,
    [
      everyToken.data.every((event) => event.action === 'created'),
      everyToken.data.some((event) => event.tokenId === created.id),
    ].every(Boolean),
  )

  expectSame(
    'a taken name',
    [400, 'ValidationError', 'name_taken'],
    await failureOf(client.tokens.create({ name, type: 'read-only' })),
  )
  expectSame(
    'an unknown field',
    [400, 'ValidationError', 'unknown_field'],
    await failureOf(client.tokens.update(created.id, { colour: 'red' } as never)),
  )
  const verdict = await client.verify({ key: regenerated.accessKey })
  expectSame('verify: the new key', [true, created.id], [verdict.valid, verdict.token?.id])
  const deleted = await client.tokens.delete(created.id)
  expectSame('delete answers the token', created.id, deleted?.id)
  expectSame('gone', [404, 'NotFoundError'], await failureOf(client.tokens.get(created.id)))
  const stranger = createTollgateClient({ baseUrl, getAuthToken: () => 'not-a-jwt' })
  expectSame('a bad JWT', [401, 'UnauthorizedError'], await failureOf(stranger.me()))
}
