import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import app from '../../worker/index'
import { BASE, call } from './helpers'

describe('the demo page', () => {
  it('serves the demo admin panel at / in demo mode, embedding the components', async () => {
    const response = await call('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toContain('text/html')
    const page = await response.text()
    expect(page).toContain('<script type="module" src="/components/tollgate.js"></script>')
    expect(page).toContain('<api-token-settings></api-token-settings>')
    expect(page).toContain('Settings › Global settings › API Tokens')
    expect(page).toContain("fetch('/admin/demo/login'")
  })

  it('offers a Workspace switcher: Operator view (default), Acme, Globex, remembered per tab', async () => {
    const page = await (await call('/')).text()
    expect(page).toMatch(/<label class="workspace">\s*Workspace\s*<select id="workspace"/)
    const options = [...page.matchAll(/<option value="([^"]*)">([^<]+)<\/option>/g)].map(
      ([, value, label]) => [value, label],
    )
    expect(options).toEqual([
      ['', 'Operator view'],
      ['acme', 'Acme'],
      ['globex', 'Globex'],
    ])
    expect(page).toContain('JSON.stringify({ owner })')
    expect(page).toContain("sessionStorage.setItem('tollgate-demo-workspace'")
    expect(page).toContain("sessionStorage.getItem('tollgate-demo-workspace')")
  })

  it('does not exist outside demo mode', async () => {
    const response = await app.fetch(new Request(`${BASE}/`), { ...env, DEMO: false })
    expect(response.status).toBe(404)
    expect(((await response.json()) as { error: { name: string } }).error.name).toBe(
      'NotFoundError',
    )
  })
})
