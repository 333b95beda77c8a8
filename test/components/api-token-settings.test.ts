import { assert, aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import '../../components/index'
import type { ApiTokenPermissions } from '../../components/api-token-permissions'
import type { ApiTokenSettings } from '../../components/api-token-settings'
import type { AdminAction } from '../../components/types'
import {
  button,
  choose,
  deepQueryAll,
  field,
  hasButton,
  maybeField,
  shadowOf,
  textOf,
  type,
} from './dom'
import { ALL_ACTIONS, FakeAdminApi } from './fake-admin-api'

let api: FakeAdminApi

beforeEach(() => {
  api = new FakeAdminApi().install()
})
afterEach(() => api.restore())

async function settings(
  options: { actions?: AdminAction[]; jwt?: () => string | Promise<string> } = {},
) {
  if (options.actions) api.actions = options.actions
  const element = await fixture<ApiTokenSettings>(
    html`<api-token-settings
      api-base=${api.base}
      .getAuthToken=${options.jwt ?? (() => 'jwt-1')}
    ></api-token-settings>`,
  )
  await waitUntil(() => !textOf(shadowOf(element)).includes('Loading'), 'settings did not load')
  return element
}

const root = (element: ApiTokenSettings) => shadowOf(element)
const text = (element: ApiTokenSettings) => textOf(shadowOf(element))

async function until(element: ApiTokenSettings, what: string) {
  await waitUntil(
    () => text(element).includes(what),
    `never showed "${what}"; showing: ${text(element)}`,
  )
}

describe('<api-token-settings> list', () => {
  it('lists the tokens by name under the "API Tokens" heading', async () => {
    api.add({ name: 'Website' })
    api.add({ name: 'Backoffice' })
    const element = await settings()
    await until(element, 'Website')
    expect(root(element).querySelector('h1')?.textContent).to.equal('API Tokens')
    const table = root(element).querySelector('api-token-table')!
    const names = [...shadowOf(table).querySelectorAll('tbody th')].map((th) => th.textContent)
    expect(names).to.deep.equal(['Backoffice', 'Website'])
    expect(api.callsTo('GET', /^\/admin\/api-tokens$/)[0]!.search.get('sort')).to.equal('name:asc')
  })

  it('shows the empty state', async () => {
    const element = await settings()
    await until(element, 'Add your first API Token')
  })

  it('shows loading while the list is on its way, then an error state if it fails', async () => {
    const release = api.hold(/^\/admin\/api-tokens$/)
    const element = await fixture<ApiTokenSettings>(
      html`<api-token-settings
        api-base=${api.base}
        .getAuthToken=${() => 'jwt'}
      ></api-token-settings>`,
    )
    await waitUntil(() => api.callsTo('GET', /^\/admin\/api-tokens$/).length === 1)
    const table = root(element).querySelector('api-token-table')!
    await waitUntil(() => textOf(shadowOf(table)).includes('Loading API Tokens'))
    release()
    await until(element, 'Add your first API Token')

    api.failNext = {
      method: 'GET',
      path: /^\/admin\/api-tokens$/,
      response: () =>
        Response.json(
          {
            data: null,
            error: {
              status: 503,
              name: 'ApplicationError',
              message: 'Token store unavailable',
              details: {},
            },
          },
          { status: 503 },
        ),
    }
    button(root(element), 'Create new API Token').click()
    await element.updateComplete
    button(root(element), '← Back to API Tokens').click()
    await until(element, 'Token store unavailable')
  })

  it('sorts and searches through the API', async () => {
    api.add({ name: 'alpha' })
    api.add({ name: 'beta' })
    const element = await settings()
    await until(element, 'beta')
    const table = root(element).querySelector('api-token-table')!
    button(shadowOf(table), /^Name/).click()
    await waitUntil(() => api.callsTo('GET', /^\/admin\/api-tokens$/).length === 2)
    expect(api.callsTo('GET', /^\/admin\/api-tokens$/)[1]!.search.get('sort')).to.equal('name:desc')
    await waitUntil(() => shadowOf(table).querySelector('tbody th')?.textContent === 'beta')
  })
})

describe('<api-token-settings> permissions', () => {
  it('without read shows only the notice and never asks for tokens', async () => {
    const element = await settings({ actions: ['admin::api-tokens.create'] })
    await until(element, "You don't have the permissions to access that content")
    expect(api.callsTo('GET', /^\/admin\/api-tokens/)).to.have.length(0)
    expect(hasButton(root(element), 'Create new API Token')).to.equal(false)
  })

  it('without create has no create button', async () => {
    const element = await settings({ actions: ['admin::api-tokens.read'] })
    await until(element, 'API Tokens')
    expect(hasButton(root(element), 'Create new API Token')).to.equal(false)
  })

  it('without update offers View, a read-only form, and no Save', async () => {
    api.add({ name: 'Website' })
    const element = await settings({ actions: ['admin::api-tokens.read'] })
    await until(element, 'Website')
    expect(hasButton(root(element), 'Edit Website')).to.equal(false)
    expect(hasButton(root(element), 'Delete Website')).to.equal(false)
    button(root(element), 'View Website').click()
    await until(element, 'Token duration')
    expect(field(root(element), 'Name').disabled).to.equal(true)
    expect(hasButton(root(element), 'Save')).to.equal(false)
    expect(hasButton(root(element), 'Regenerate')).to.equal(false)
  })

  it('with update but not regenerate has no Regenerate button', async () => {
    api.add({ name: 'Website' })
    const element = await settings({
      actions: ['admin::api-tokens.read', 'admin::api-tokens.update'],
    })
    await until(element, 'Website')
    button(root(element), 'Edit Website').click()
    await until(element, 'Token duration')
    expect(hasButton(root(element), 'Save')).to.equal(true)
    expect(hasButton(root(element), 'Regenerate')).to.equal(false)
  })
})

async function openCreate(element: ApiTokenSettings) {
  button(root(element), 'Create new API Token').click()
  await until(element, 'Token type')
  await waitUntil(() => text(element).includes('Article'), 'catalog not loaded')
}

describe('<api-token-settings> create', () => {
  for (const [typeLabel, durationLabel, typeValue, lifespan] of [
    ['Read-only', '7 days', 'read-only', 604800000],
    ['Full access', '90 days', 'full-access', 7776000000],
    ['Read-only', 'Unlimited', 'read-only', null],
  ] as const) {
    it(`creates a ${typeLabel} token for ${durationLabel}, shows the key once and fires api-token-created`, async () => {
      const element = await settings()
      await openCreate(element)
      expect(
        field<HTMLSelectElement>(
          root(element),
          'Token duration',
        ).selectedOptions[0]!.textContent?.trim(),
      ).to.equal('30 days')
      expect(
        field<HTMLSelectElement>(
          root(element),
          'Token type',
        ).selectedOptions[0]!.textContent?.trim(),
      ).to.equal('Read-only')
      type(field(root(element), 'Name'), ' Website ')
      type(field<HTMLTextAreaElement>(root(element), 'Description'), 'Public site')
      choose(field<HTMLSelectElement>(root(element), 'Token duration'), durationLabel)
      choose(field<HTMLSelectElement>(root(element), 'Token type'), typeLabel)
      setTimeout(() => button(root(element), 'Save').click())
      const created = await oneEvent(element, 'api-token-created')
      expect(api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body).to.deep.equal({
        name: 'Website',
        description: 'Public site',
        type: typeValue,
        lifespan,
        permissions: [],
      })
      expect(created.detail.token.name).to.equal('Website')
      expect(created.detail.accessKey).to.match(/^tg_created/)
      expect(created.bubbles && created.composed).to.equal(true)
      await until(element, 'API Token successfully created')
      const key = root(element).querySelector('[part=key] code')!
      expect(key.textContent).to.equal(created.detail.accessKey)
      expect(text(element)).to.contain("won't be able to see it again")
      expect(hasButton(root(element), 'Regenerate')).to.equal(true)
    })
  }

  it('copies the key with the Clipboard API and confirms it', async () => {
    const written: string[] = []
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (value: string) => void written.push(value) },
    })
    try {
      const element = await settings()
      await openCreate(element)
      type(field(root(element), 'Name'), 'Copy me')
      setTimeout(() => button(root(element), 'Save').click())
      const { detail } = await oneEvent(element, 'api-token-created')
      await element.updateComplete
      button(root(element), 'Copy').click()
      await until(element, 'Copied to the clipboard')
      expect(written).to.deep.equal([detail.accessKey])
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original)
    }
  })

  it('hides the key for good after going back, and after a reload', async () => {
    const element = await settings()
    await openCreate(element)
    type(field(root(element), 'Name'), 'Once')
    setTimeout(() => button(root(element), 'Save').click())
    const { detail } = await oneEvent(element, 'api-token-created')
    await until(element, detail.accessKey)
    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => hasButton(root(element), 'Edit Once'), 'the list never showed Once')
    expect(text(element)).not.to.contain(detail.accessKey)
    button(root(element), 'Edit Once').click()
    await until(element, 'Token duration')
    expect(text(element)).not.to.contain(detail.accessKey)

    const reloaded = await settings()
    await until(reloaded, 'Once')
    expect(text(reloaded)).not.to.contain(detail.accessKey)
    expect(document.body.innerHTML).not.to.contain(detail.accessKey)
  })

  it('shows server validation errors on their field', async () => {
    api.add({ name: 'Taken' })
    const element = await settings()
    await openCreate(element)
    type(field(root(element), 'Name'), 'Taken')
    button(root(element), 'Save').click()
    await until(element, 'Name already taken')
    const name = field(root(element), 'Name')
    expect(name.getAttribute('aria-invalid')).to.equal('true')
    const described = name.getAttribute('aria-describedby')!
    expect((name.getRootNode() as ShadowRoot).getElementById(described)?.textContent).to.equal(
      'Name already taken',
    )
    expect(text(element)).not.to.contain('API Token successfully created')
  })

  it('creates a Custom token from picked permissions, with select-all', async () => {
    const element = await settings()
    await openCreate(element)
    type(field(root(element), 'Name'), 'Picker')
    const picker = deepQueryAll<ApiTokenPermissions>(root(element), 'api-token-permissions')[0]!
    const groups = shadowOf(picker).querySelectorAll('details')
    groups[0]!.open = true
    groups[1]!.open = true
    const checkboxes = (group: Element) => [
      ...group.querySelectorAll<HTMLInputElement>('.actions input'),
    ]
    checkboxes(groups[0]!)[0]!.click() // Article › find
    await element.updateComplete
    expect(field<HTMLSelectElement>(root(element), 'Token type').value).to.equal('custom')
    const selectAllCategory = groups[1]!.querySelector<HTMLInputElement>('label > input')!
    const selectAllArticle = groups[0]!.querySelector<HTMLInputElement>('label > input')!
    await picker.updateComplete
    expect(selectAllArticle.indeterminate).to.equal(true)
    selectAllCategory.click()
    await picker.updateComplete
    expect(selectAllCategory.checked).to.equal(true)
    expect(selectAllCategory.indeterminate).to.equal(false)
    checkboxes(groups[0]!)[1]!.focus()
    await picker.updateComplete
    expect(textOf(shadowOf(picker))).to.contain('GET /api/articles/:id')

    setTimeout(() => button(root(element), 'Save').click())
    await oneEvent(element, 'api-token-created')
    expect(api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body).to.deep.include({
      type: 'custom',
      permissions: [
        'api::article.article.find',
        'api::category.category.find',
        'api::category.category.findOne',
      ],
    })
  })
})

describe('<api-token-settings> edit, regenerate, delete', () => {
  it('edits name, type and duration and fires api-token-updated', async () => {
    api.add({ name: 'Website', lifespan: 604800000 })
    const element = await settings()
    await until(element, 'Website')
    const leaked: string[] = []
    const listen = (e: Event) => leaked.push(e.type)
    for (const type of ['api-token-row-action', 'api-token-save', 'api-token-query-change']) {
      document.addEventListener(type, listen)
    }
    button(root(element), 'Edit Website').click()
    await waitUntil(() => maybeField(root(element), 'Name')?.value === 'Website')
    expect(
      field<HTMLSelectElement>(
        root(element),
        'Token duration',
      ).selectedOptions[0]!.textContent?.trim(),
    ).to.equal('7 days')
    type(field(root(element), 'Name'), 'Site')
    choose(field<HTMLSelectElement>(root(element), 'Token duration'), '90 days')
    choose(field<HTMLSelectElement>(root(element), 'Token type'), 'Full access')
    setTimeout(() => button(root(element), 'Save').click())
    const updated = await oneEvent(element, 'api-token-updated')
    expect(api.callsTo('PUT', /^\/admin\/api-tokens\/1$/)[0]!.body).to.deep.include({
      name: 'Site',
      lifespan: 7776000000,
      type: 'full-access',
    })
    expect(updated.detail.token.name).to.equal('Site')
    await until(element, 'API Token successfully edited')
    expect(leaked, 'the parts’ own events stay inside the section').to.deep.equal([])
    for (const type of ['api-token-row-action', 'api-token-save', 'api-token-query-change']) {
      document.removeEventListener(type, listen)
    }
  })

  it('regenerates only after confirming, then shows the new key', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    button(root(element), 'Edit Website').click()
    await until(element, 'Token duration')
    const regenerate = button(root(element), 'Regenerate')
    regenerate.focus()
    regenerate.click()
    const dialog = root(element).querySelector('api-token-regenerate-dialog')!
    await waitUntil(() => dialog.open)
    expect(textOf(shadowOf(dialog))).to.contain('Are you sure you want to regenerate this token?')
    expect(shadowOf(dialog).querySelector('dialog')!.matches(':modal')).to.equal(true)
    await assert.isAccessible(dialog)
    button(shadowOf(dialog), 'Cancel').click()
    await waitUntil(() => !dialog.open)
    await aTimeout(0)
    expect(api.callsTo('POST', /regenerate$/)).to.have.length(0)
    let active: Element | null = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    expect(active).to.equal(regenerate)

    button(root(element), 'Regenerate').click()
    await waitUntil(() => dialog.open)
    setTimeout(() => button(shadowOf(dialog), 'Regenerate').click())
    const regenerated = await oneEvent(element, 'api-token-regenerated')
    expect(regenerated.detail.accessKey).to.equal('tg_regenerated1key')
    expect(regenerated.detail.token.keyHint).to.equal('tg_rege…n1')
    await until(element, 'tg_regenerated1key')
  })

  it('closes the dialog with Escape without regenerating', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    button(root(element), 'Edit Website').click()
    await until(element, 'Token duration')
    button(root(element), 'Regenerate').click()
    const dialog = root(element).querySelector('api-token-regenerate-dialog')!
    await waitUntil(() => dialog.open)
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !dialog.open, 'Escape did not close the dialog')
    expect(api.callsTo('POST', /regenerate$/)).to.have.length(0)
  })

  it('deletes only after confirming and fires api-token-deleted', async () => {
    api.add({ name: 'Website' })
    api.add({ name: 'Other' })
    const element = await settings()
    await until(element, 'Website')
    const dialog = root(element).querySelector('api-token-delete-dialog')!
    button(root(element), 'Delete Website').click()
    await waitUntil(() => dialog.open)
    expect(textOf(shadowOf(dialog))).to.contain('Are you sure?')
    button(shadowOf(dialog), 'Cancel').click()
    await waitUntil(() => !dialog.open)
    expect(api.callsTo('DELETE', /./)).to.have.length(0)

    button(root(element), 'Delete Website').click()
    await waitUntil(() => dialog.open)
    setTimeout(() => button(shadowOf(dialog), 'Confirm').click())
    const deleted = await oneEvent(element, 'api-token-deleted')
    expect(deleted.detail.token.name).to.equal('Website')
    await until(element, 'API Token deleted')
    await waitUntil(() => !text(element).includes('Edit Website'))
    expect(text(element)).to.contain('Other')
  })
})

describe('<api-token-settings> host contract', () => {
  it('asks getAuthToken before every request, retries a 401 once, then says the session expired', async () => {
    api.validJwts = ['fresh']
    let asked = 0
    const element = await settings({ jwt: () => (++asked === 1 ? 'stale' : 'fresh') })
    await until(element, 'Add your first API Token')
    expect(asked).to.be.greaterThan(2)
    expect(api.calls[0]!.authorization).to.equal('Bearer stale')
    expect(api.calls[1]!.authorization).to.equal('Bearer fresh')

    api.validJwts = ['never']
    const errors: unknown[] = []
    const expired = await fixture<ApiTokenSettings>(
      html`<api-token-settings
        api-base=${api.base}
        .getAuthToken=${async () => 'old'}
        @api-token-error=${(e: CustomEvent) => errors.push(e.detail.error)}
      ></api-token-settings>`,
    )
    await until(expired, 'Your session has expired')
    expect(errors).to.deep.include({
      status: 401,
      name: 'UnauthorizedError',
      message: 'Missing or invalid credentials',
      details: {},
    })
  })

  it('uses a new getAuthToken without reloading, and reloads when api-base changes', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    button(root(element), 'Create new API Token').click()
    await until(element, 'Token type')
    const before = api.calls.length
    element.getAuthToken = () => 'jwt-2'
    await element.updateComplete
    expect(text(element)).to.contain('Token type')
    expect(api.calls.length).to.equal(before)
    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => api.calls.length > before)
    expect(api.calls.at(-1)!.authorization).to.equal('Bearer jwt-2')

    element.setAttribute('api-base', 'https://gate.test/')
    await waitUntil(
      () => api.callsTo('GET', /permissions$/).length === 2,
      'no reload on api-base change',
    )
  })

  it('fetches the JWT from auth-endpoint with credentials when no function is set', async () => {
    const seen: RequestInit[] = []
    const fakeFetch = window.fetch
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/host/session-token')) {
        seen.push(init ?? {})
        return Promise.resolve(Response.json({ token: 'from-endpoint' }))
      }
      return fakeFetch(input, init)
    }
    const element = await fixture<ApiTokenSettings>(
      html`<api-token-settings
        api-base=${api.base}
        auth-endpoint="/host/session-token"
      ></api-token-settings>`,
    )
    await until(element, 'Add your first API Token')
    expect(seen[0]!.credentials).to.equal('include')
    expect(api.calls[0]!.authorization).to.equal('Bearer from-endpoint')
  })

  it('keeps properties set before the element is defined', async () => {
    const host = document.createElement('div')
    host.innerHTML = `<api-token-settings-late></api-token-settings-late>`
    document.body.append(host)
    const early = host.firstElementChild as HTMLElement & {
      getAuthToken?: () => string
      apiBase?: string
    }
    early.getAuthToken = () => 'early-jwt'
    early.apiBase = api.base
    const { ApiTokenSettings } = await import('../../components/api-token-settings')
    customElements.define('api-token-settings-late', class extends ApiTokenSettings {})
    await waitUntil(() => api.calls.length > 0, 'late element never called the API')
    expect(api.calls[0]!.authorization).to.equal('Bearer early-jwt')
    host.remove()
  })
})

describe('<api-token-settings> accessibility', () => {
  it('has no axe violations in the list and the form', async () => {
    api.add({ name: 'Website', description: 'Public site' })
    const element = await settings()
    await until(element, 'Website')
    await assert.isAccessible(element)
    await openCreate(element)
    await assert.isAccessible(element)
  })

  it('works with the keyboard alone: Tab to Create, Enter, type a name, Enter to save', async () => {
    const element = await settings({ actions: ALL_ACTIONS })
    button(root(element), 'Create new API Token').focus()
    await sendKeys({ press: 'Enter' })
    await until(element, 'Token type')
    field(root(element), 'Name').focus()
    await sendKeys({ type: 'Keyboard' })
    setTimeout(() => void sendKeys({ press: 'Enter' }))
    const created = await oneEvent(element, 'api-token-created')
    expect(created.detail.token.name).to.equal('Keyboard')
  })
})
