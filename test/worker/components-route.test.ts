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
    const bundle = await (await call('/components/tollgate.js')).text()
    const chunk = /chunks\/strings-fr-[\w-]+\.js/.exec(bundle)?.[0]
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
