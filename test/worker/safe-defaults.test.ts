// SPEC §6 "Safe by default": what a bare `wrangler deploy` ships, and the defaults in code.
import { env } from 'cloudflare:workers'
import { parse } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { parseSettings } from '../../worker/config/settings'
import app from '../../worker/index'
import wranglerToml from '../../wrangler.toml?raw'
import { BASE } from './helpers'

const config = parse(wranglerToml) as {
  vars?: Record<string, unknown>
  services?: unknown[]
  env?: Record<string, { vars?: Record<string, unknown>; services?: unknown[] }>
}

describe('the top-level wrangler.toml (a bare `wrangler deploy`)', () => {
  it('has the demo off, no demo origin and no allowed origins', () => {
    expect(config.vars?.DEMO ?? false).toBe(false)
    expect(config.services ?? []).toEqual([])
    expect(config.vars?.ALLOWED_ORIGINS ?? []).toEqual([])
    expect(config.vars?.ORIGIN_URL).toBeUndefined()
  })

  it('leaves the demo to [env.demo], which `npm start` selects', () => {
    expect(config.env?.demo?.vars?.DEMO).toBe(true)
    expect(config.env?.demo?.services).toEqual([
      { binding: 'ORIGIN', service: 'tollgate-demo-origin' },
    ])
  })
})

describe('defaults in code', () => {
  it('turn the demo off and allow no browser origin when no var is set', () => {
    const settings = parseSettings({})
    expect(settings.demo).toBe(false)
    expect(settings.allowedOrigins.size).toBe(0)
    expect(settings.adminJwtMaxTtlSeconds).toBe(3600)
  })

  it('answer 404 for the demo login and page with the top-level vars', async () => {
    const topLevel = { ...env, ...config.vars, ORIGIN: undefined }
    for (const [method, path] of [
      ['POST', '/admin/demo/login'],
      ['GET', '/'],
    ] as const) {
      const response = await app.fetch(new Request(`${BASE}${path}`, { method }), topLevel)
      expect(response.status, path).toBe(404)
    }
  })
})
