// The docs' HTML, CSS, JavaScript and Vue blocks, run in Chromium: each block whose cover
// comment says `tested-by: test/components/docs.test.ts#<id>` is put in a page as a host
// would, with the built bundle (`npm run build`) where the block loads
// https://gate.example.com/components/tollgate.js, and a stand-in for the worker's admin
// API at https://gate.example.com that records what the section sends.
import { expect, waitUntil } from '@open-wc/testing'
import type { Token } from '../../contract/api-tokens'
import { deepQueryAll, shadowOf } from './dom'

const GATE = 'https://gate.example.com'
const BUNDLE = '/dist/assets/components/tollgate.js'

/** The code of the block marked for this file as `<doc>#<id>`. */
async function docBlock(name: string): Promise<string> {
  const [doc, id] = name.split('#')
  const after = (await (await fetch(`/${doc}`)).text()).split(`components/docs.test.ts#${id} -->`)
  const code = /^\s*```[\w-]*\n([\s\S]*?)\n```/.exec(after[1] ?? '')?.[1]
  if (!code) throw new Error(`no block marked ${name}`)
  return code.replaceAll(`${GATE}/components/tollgate.js`, BUNDLE)
}

const website: Token = {
  id: 1,
  name: 'Website',
  description: 'Public site',
  type: 'read-only',
  lifespan: null,
  expiresAt: null,
  lastUsedAt: null,
  createdAt: '2026-11-30T07:00:00.000Z',
  updatedAt: '2026-11-30T07:00:00.000Z',
  permissions: [],
  keyHint: 'tg_4fQz…9aB1',
  allowedIps: [],
  rateLimit: null,
  enabled: true,
  previousKey: null,
  owner: null,
  disabledReason: null,
  legacy: null,
  meta: {},
  credits: null,
}

/** The `Authorization` of every request the section sent to the worker. */
let sent: string[] = []
const realFetch = window.fetch.bind(window)

/** Answers the section's admin API calls (and a host's token endpoint) in this page. */
function standIn(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href)
  if (url.pathname === '/admin/tollgate-token') {
    return Promise.resolve(Response.json({ token: 'jwt-from-the-endpoint' }))
  }
  if (url.origin !== GATE) return realFetch(input, init)
  sent.push(new Headers(init?.headers).get('Authorization') ?? '')
  const answers: Record<string, unknown> = {
    '/admin/users/me/permissions': {
      data: ['read', 'create', 'update'].map((action) => ({
        action: `admin::api-tokens.${action}`,
      })),
      meta: { owner: null },
    },
    '/admin/api-tokens': {
      data: [website],
      meta: { pagination: { page: 1, pageSize: 25, total: 1 } },
    },
    '/admin/rate-limit-tiers': { data: [] },
  }
  return Promise.resolve(Response.json(answers[url.pathname] ?? { data: {} }))
}

let host: HTMLElement

beforeEach(() => {
  sent = []
  window.fetch = standIn
  host = document.createElement('div')
  document.body.append(host)
})

afterEach(() => {
  host.remove()
  window.fetch = realFetch
})

/** Puts `html` in the page as a host page would have it: its scripts run. */
function place(html: string) {
  host.append(document.createRange().createContextualFragment(html))
}

/** The section in the page, once it shows its list. */
async function shownSection(): Promise<HTMLElement> {
  await customElements.whenDefined('api-token-settings')
  const section = host.querySelector<HTMLElement>('api-token-settings')
  if (!section) throw new Error('no <api-token-settings> in the page')
  await waitUntil(
    () => shadowOf(section).querySelector('h1')?.textContent?.trim() && sent.length > 1,
    'the section never showed its list',
  )
  return section
}

const heading = (section: HTMLElement) => shadowOf(section).querySelector('h1')?.textContent?.trim()
const createButton = (section: HTMLElement) => {
  const found = shadowOf(section).querySelector<HTMLButtonElement>('button.primary')
  if (!found) throw new Error('no create button in the section')
  return found
}

describe('the docs, embedding the section', () => {
  for (const name of ['README.md#readme-embed', 'docs/components.md#embed']) {
    it(`${name}: the section asks getAuthToken for the JWT it sends`, async () => {
      Object.assign(window, { myAdminJwt: () => 'jwt-from-the-host' })
      place(await docBlock(name))
      const section = await shownSection()
      expect(heading(section)).to.equal('API Tokens')
      expect(sent).to.satisfy((all: string[]) => all.every((h) => h === 'Bearer jwt-from-the-host'))
    })
  }

  it('docs/components.md#auth-endpoint: the JWT comes from the host’s endpoint', async () => {
    place(await docBlock('docs/components.md#auth-endpoint'))
    await shownSection()
    expect(sent).to.satisfy((all: string[]) =>
      all.every((h) => h === 'Bearer jwt-from-the-endpoint'),
    )
  })

  it('docs/components.md#vue: Vue 3 sets getAuthToken as a property and listens', async () => {
    place(`<script type="module" src="${BUNDLE}"></script>`)
    const vueBuild = '/node_modules/vue/dist/vue.esm-browser.js'
    const { createApp } = (await import(/* @vite-ignore */ vueBuild)) as typeof import('vue')
    const template = /<template>([\s\S]*)<\/template>/.exec(
      await docBlock('docs/components.md#vue'),
    )
    const getJwt = () => Promise.resolve('jwt-from-vue')
    const app = createApp({ template: template?.[1], setup: () => ({ getJwt }) })
    // What the block's comment tells vite.config to say:
    app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('api-token-')
    const mount = host.appendChild(document.createElement('div'))
    app.mount(mount)
    const section = await shownSection()
    expect(sent).to.satisfy((all: string[]) => all.every((h) => h === 'Bearer jwt-from-vue'))
    const logged: unknown[][] = []
    const log = console.log
    console.log = (...args: unknown[]) => logged.push(args)
    try {
      section.dispatchEvent(new CustomEvent('api-token-created', { detail: { token: website } }))
    } finally {
      console.log = log
    }
    expect(logged).to.deep.equal([['created', 'Website']])
    app.unmount()
  })
})

describe('the docs, theming and strings', () => {
  async function section(): Promise<HTMLElement> {
    place(
      `<script type="module" src="${BUNDLE}"></script>
      <api-token-settings api-base="${GATE}"></api-token-settings>`,
    )
    await customElements.whenDefined('api-token-settings')
    const element = host.querySelector<HTMLElement & { getAuthToken?: () => string }>(
      'api-token-settings',
    )
    if (!element) throw new Error('no <api-token-settings> in the page')
    element.getAuthToken = () => 'jwt'
    return shownSection()
  }

  it('docs/components.md#theme: the host’s custom properties reach the section', async () => {
    const style = document.createElement('style')
    style.textContent = await docBlock('docs/components.md#theme')
    host.append(style)
    const element = await section()
    const button = getComputedStyle(createButton(element))
    expect([button.backgroundColor, button.borderRadius]).to.deep.equal(['rgb(11, 95, 255)', '8px'])
    element.setAttribute('theme', 'dark')
    await waitUntil(() => deepQueryAll(shadowOf(element), 'input').length > 0, 'no search field')
    const [search] = deepQueryAll(shadowOf(element), 'input')
    expect(getComputedStyle(search!).backgroundColor).to.equal('rgb(17, 24, 39)')
  })

  it('docs/components.md#strings: the host’s strings replace the section’s', async () => {
    const element = await section()
    new Function('section', await docBlock('docs/components.md#strings'))(element)
    await waitUntil(() => heading(element) === 'Access keys', 'the heading never changed')
    expect(createButton(element).textContent?.trim()).to.equal('New key')
  })
})
