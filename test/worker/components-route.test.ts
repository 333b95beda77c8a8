import { describe, expect, it } from 'vitest'
import { call } from './helpers'

describe('GET /components/tollgate.js', () => {
  it('serves the component bundle to any origin with an ETag', async () => {
    const response = await call('/components/tollgate.js', {
      headers: { Origin: 'https://host.example' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(response.headers.get('Content-Type')).toContain('javascript')
    const etag = response.headers.get('ETag')
    expect(etag).toBeTruthy()
    const body = await response.text()
    expect(body).toContain('api-token-settings')

    const again = await call('/components/tollgate.js', { headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)
  })

  it('serves the chunks the bundle imports (the translations)', async () => {
    // tollgate.js imports its shared chunks; the one with the languages imports French.
    const bundle = await (await call('/components/tollgate.js')).text()
    const imported = [...bundle.matchAll(/chunks\/chunk-[\w-]+\.js/g)].map(([path]) => path)
    expect(imported.length).toBeGreaterThan(0)
    let chunk: string | undefined
    for (const path of imported) {
      const response = await call(`/components/${path}`)
      expect(response.status).toBe(200)
      const french = /strings-fr-[\w-]+\.js/.exec(await response.text())?.[0]
      if (french) chunk = `chunks/${french}`
    }
    expect(chunk).toBeDefined()
    const response = await call(`/components/${chunk}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(await response.text()).toContain('Jetons')
  })

  it('serves nothing else from the assets', async () => {
    expect((await call('/components/other.js')).status).toBe(404)
  })
})
