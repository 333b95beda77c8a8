// SPEC §11 `tollgate/worker`: createTollgate() mounted in a team's own Worker
// (examples/worker.ts) beside its own routes — theirs answer, Tollgate's admin API and
// gate work behind them, and the hourly job runs through the handlers it hands back.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import example from '../../examples/worker'
import { createTollgate } from '../../worker/tollgate'
import { adminJwt, BASE } from './helpers'

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext()
  const response = await example.fetch(new Request(`${BASE}${path}`, init), env, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

describe('a Worker of its own with Tollgate mounted (examples/worker.ts)', () => {
  it('answers its own routes, never judged by the gate', async () => {
    expect(await (await call('/healthz')).text()).toBe('ok')
    expect(await (await call('/team')).json()).toMatchObject({ team: 'Acme API platform' })
  })

  it('serves Tollgate behind them: the admin API creates a key the gate then verifies', async () => {
    const jwt = await adminJwt()
    const created = await call('/admin/api-tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'from the example worker', type: 'read-only' }),
    })
    expect(created.status).toBe(201)
    const { accessKey } = ((await created.json()) as { data: { accessKey: string } }).data
    const headers = { Authorization: `Bearer ${accessKey}` }
    expect((await call('/api/articles', { headers })).status).toBe(200)
    expect((await call('/api/articles', { method: 'POST', headers })).status).toBe(403)
    expect((await call('/api/articles')).status).toBe(401)
  })

  it('hands back the hourly job and the queue consumer', async () => {
    const tollgate = createTollgate()
    expect(example.scheduled).toBe(tollgate.scheduled)
    expect(example.queue).toBe(tollgate.queue)
    await expect(
      example.scheduled({ scheduledTime: Date.now(), cron: '0 * * * *', noRetry() {} }, env),
    ).resolves.toBeUndefined()
  })
})
