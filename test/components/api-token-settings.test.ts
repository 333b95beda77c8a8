import { assert, aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { loadTollgateElements } from '../../components/index'
import type { LitElement } from 'lit'
import type { ApiTokenPermissions } from '../../components/api-token-permissions/api-token-permissions'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import type { AdminAction } from '../../components/types'
import {
  button,
  choose,
  deepActiveElement,
  deepQueryAll,
  describeElement,
  field,
  hasButton,
  maybeField,
  rowAction,
  shadowOf,
  shownText,
  tabTo,
  textOf,
  type,
  untilShown,
} from './dom'
import { ALL_ACTIONS, FakeAdminApi } from './fake-admin-api'

// The dialogs and the edit view's elements load when first needed: here, all at the start.
before(() => loadTollgateElements())

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
  await waitUntil(
    () =>
      shadowOf(element).querySelector('h1')?.textContent === 'API Tokens' ||
      shadowOf(element).querySelector('[part=notice]'),
    'the list heading "API Tokens" never showed',
  )
  return element
}

const root = (element: ApiTokenSettings) => shadowOf(element)
const text = shownText

/** The key shown once, read inside `<api-token-key>`'s shadow root, or `undefined`. */
function shownKey(element: ApiTokenSettings): string | undefined {
  const part = deepQueryAll(root(element), 'api-token-key')[0]
  return part ? shadowOf(part).querySelector('code')?.textContent?.trim() : undefined
}

/** Whether `key` appears anywhere in the section, shadow roots included. */
function showsKey(element: ApiTokenSettings, key: string): boolean {
  return text(element).includes(key) || shownKey(element) === key
}

/** The section's open confirmation dialogs (delete, regenerate, leave). */
function openDialogs(element: ApiTokenSettings): HTMLElement[] {
  return deepQueryAll(
    root(element),
    'api-token-delete-dialog, api-token-regenerate-dialog, api-token-confirm-dialog',
  ).filter((d) => shadowOf(d).querySelector('dialog')?.open)
}

/** The one open confirmation dialog, or a descriptive error. */
function openDialog(element: ApiTokenSettings): HTMLElement {
  const open = openDialogs(element)
  if (open.length !== 1) throw new Error(`expected one open dialog, found ${open.length}`)
  return open[0]!
}

const until = untilShown

describe('<api-token-settings> list', () => {
  it('lists the tokens by name under the "API Tokens" heading', async () => {
    api.add({ name: 'Website' })
    api.add({ name: 'Backoffice' })
    const element = await settings()
    await until(element, 'Website')
    expect(root(element).querySelector('h1')?.textContent).to.equal('API Tokens')
    const table = root(element).querySelector('api-token-table')!
    const names = [...shadowOf(table).querySelectorAll('tbody th .name')].map((th) =>
      th.textContent?.trim(),
    )
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
    await waitUntil(
      () => shadowOf(table).querySelector('tbody th .name')?.textContent?.trim() === 'beta',
    )
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
    await rowAction(root(element), 'View Website')
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
    await rowAction(root(element), 'Edit Website')
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
        allowedIps: [],
        rateLimit: null,
        enabled: true,
        meta: {},
      })
      expect(created.detail.token.name).to.equal('Website')
      expect(created.detail.accessKey).to.match(/^tg_created/)
      expect(created.bubbles && created.composed).to.equal(true)
      await until(element, 'API Token successfully created')
      await waitUntil(() => shownKey(element) === created.detail.accessKey, 'the key never showed')
      expect(text(element)).to.contain("it won't be shown again")
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
      expect(hasButton(root(element), 'Copied')).to.equal(true)
      expect(hasButton(root(element), 'Copy')).to.equal(false)
      expect(written).to.deep.equal([detail.accessKey])
      // Copied: leaving asks nothing.
      button(root(element), '← Back to API Tokens').click()
      await waitUntil(
        () => hasButton(root(element), 'Actions for Copy me'),
        'Back did not go to the list',
      )
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original)
    }
  })

  it('asks before leaving a key never copied, then hides it for good, also after a reload', async () => {
    const element = await settings()
    await openCreate(element)
    type(field(root(element), 'Name'), 'Once')
    setTimeout(() => button(root(element), 'Save').click())
    const { detail } = await oneEvent(element, 'api-token-created')
    await waitUntil(() => shownKey(element) === detail.accessKey, 'the key never showed')

    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => openDialogs(element).length === 1, 'Back did not ask')
    const dialog = openDialog(element)
    expect(textOf(shadowOf(dialog))).to.contain('Leave without copying the key?')
    button(shadowOf(dialog), 'Cancel').click()
    await waitUntil(() => !shadowOf(dialog).querySelector('dialog')!.open)
    expect(shownKey(element), 'Cancel keeps the key').to.equal(detail.accessKey)

    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => shadowOf(dialog).querySelector('dialog')!.open)
    button(shadowOf(dialog), 'Leave').click()
    await waitUntil(
      () => hasButton(root(element), 'Actions for Once'),
      'the list never showed Once',
    )
    expect(showsKey(element, detail.accessKey)).to.equal(false)
    expect(deepQueryAll(root(element), 'api-token-key')).to.have.length(0)
    await rowAction(root(element), 'Edit Once')
    await until(element, 'Token duration')
    expect(showsKey(element, detail.accessKey)).to.equal(false)

    const reloaded = await settings()
    await until(reloaded, 'Once')
    expect(showsKey(reloaded, detail.accessKey)).to.equal(false)
    expect(deepQueryAll(root(reloaded), 'api-token-key')).to.have.length(0)
  })

  it('shows server validation errors on their field', async () => {
    api.add({ name: 'Taken' })
    const element = await settings()
    await openCreate(element)
    type(field(root(element), 'Name'), 'Taken')
    button(root(element), 'Save').click()
    // The worker's code `name_taken`, said from the section's tables, not its English.
    await until(element, 'Another token already has this name')
    const name = field(root(element), 'Name')
    expect(name.getAttribute('aria-invalid')).to.equal('true')
    const described = name.getAttribute('aria-describedby')!
    expect((name.getRootNode() as ShadowRoot).getElementById(described)?.textContent).to.equal(
      'Another token already has this name',
    )
    expect(text(element)).not.to.contain('API Token successfully created')
  })

  it('creates a Custom token from picked permissions, with select-all', async () => {
    const element = await settings()
    await openCreate(element)
    type(field(root(element), 'Name'), 'Picker')
    choose(field<HTMLSelectElement>(root(element), 'Token type'), 'Custom')
    await element.updateComplete
    const picker = deepQueryAll<ApiTokenPermissions>(root(element), 'api-token-permissions')[0]!
    await picker.updateComplete
    const groups = shadowOf(picker).querySelectorAll('details')
    groups[0]!.open = true
    groups[1]!.open = true
    const checkboxes = (group: Element) => [
      ...group.querySelectorAll<HTMLInputElement>('.actions input'),
    ]
    checkboxes(groups[0]!)[1]!.click() // Article › findOne, ticked by Read-only: now off
    await element.updateComplete
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
    await rowAction(root(element), 'Edit Website')
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
    await rowAction(root(element), 'Edit Website')
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
    await waitUntil(() => shownKey(element) === 'tg_regenerated1key', 'the new key never showed')
  })

  it('closes the dialog with Escape without regenerating', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    await rowAction(root(element), 'Edit Website')
    await until(element, 'Token duration')
    button(root(element), 'Regenerate').click()
    const dialog = root(element).querySelector('api-token-regenerate-dialog')!
    await waitUntil(() => dialog.open)
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !dialog.open, 'Escape did not close the dialog')
    expect(api.callsTo('POST', /regenerate$/)).to.have.length(0)
  })

  it('deletes only after confirming, fires api-token-deleted and puts focus on the list heading', async () => {
    api.add({ name: 'Website' })
    api.add({ name: 'Other' })
    const element = await settings()
    await until(element, 'Website')
    const dialog = root(element).querySelector('api-token-delete-dialog')!
    await rowAction(root(element), 'Delete Website')
    await waitUntil(() => dialog.open)
    const said = textOf(shadowOf(dialog))
    expect(said).to.contain('Are you sure you want to delete “Website”?')
    expect(said).to.contain('Apps using its key will be refused')
    expect(button(shadowOf(dialog), 'Delete').classList.contains('danger')).to.equal(true)
    expect(shadowOf(dialog).querySelector('dialog')!.matches(':modal')).to.equal(true)
    await assert.isAccessible(dialog)
    button(shadowOf(dialog), 'Cancel').click()
    await waitUntil(() => !dialog.open)
    expect(api.callsTo('DELETE', /./)).to.have.length(0)

    // Cancel gave focus back to the row's Actions button, not to <body>.
    expect(deepActiveElement()).to.equal(button(root(element), 'Actions for Website'))
    await rowAction(root(element), 'Delete Website')
    await waitUntil(() => dialog.open)
    await sendKeys({ press: 'Tab' })
    expect(deepActiveElement()?.textContent?.trim()).to.equal('Delete')
    const deletedEvent = oneEvent(element, 'api-token-deleted')
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => !dialog.open, 'Enter did not close the dialog')
    await waitUntil(() => api.callsTo('DELETE', /./).length === 1, 'no DELETE sent')
    const deleted = await deletedEvent
    expect(deleted.detail.token.name).to.equal('Website')
    expect(api.callsTo('DELETE', /^\/admin\/api-tokens\/1$/)).to.have.length(1)
    await until(element, 'API Token deleted')
    await waitUntil(() => !hasButton(root(element), 'Actions for Website'))
    expect(text(element)).to.contain('Other')
    const active = deepActiveElement()
    expect(active?.localName, `focus is on ${describeElement(active)}`).to.equal('h1')
    expect(active?.textContent).to.equal('API Tokens')
  })

  it('never shows a late regenerated key on another token (the regenerate race)', async () => {
    api.add({ name: 'Alpha' })
    api.add({ name: 'Beta' })
    const regenerated: string[] = []
    const element = await settings()
    element.addEventListener('api-token-regenerated', (e) => regenerated.push(e.detail.accessKey))
    await until(element, 'Alpha')
    await rowAction(root(element), 'Edit Alpha')
    await until(element, 'Token duration')
    const release = api.hold(/^\/admin\/api-tokens\/1\/regenerate$/)
    button(root(element), 'Regenerate').click()
    const dialog = root(element).querySelector('api-token-regenerate-dialog')!
    await waitUntil(() => dialog.open)
    button(shadowOf(dialog), 'Regenerate').click()
    await waitUntil(() => api.callsTo('POST', /regenerate$/).length === 1)

    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => hasButton(root(element), 'Actions for Beta'))
    await rowAction(root(element), 'Edit Beta')
    await waitUntil(() => root(element).querySelector('h1')?.textContent === 'Beta')
    release()
    await waitUntil(() => regenerated.length === 1, 'the regenerate never finished')
    await element.updateComplete
    await aTimeout(20)
    expect(regenerated).to.deep.equal(['tg_regenerated1key'])
    expect(root(element).querySelector('h1')?.textContent).to.equal('Beta')
    expect(deepQueryAll(root(element), 'api-token-key')).to.have.length(0)
    expect(showsKey(element, 'tg_regenerated1key')).to.equal(false)
  })

  it('drops a late token reload that answers after another token was opened', async () => {
    api.add({ name: 'Alpha' })
    api.add({ name: 'Beta' })
    const element = await settings()
    await until(element, 'Alpha')
    const release = api.hold(/^\/admin\/api-tokens\/1$/, 'GET')
    await rowAction(root(element), 'Edit Alpha')
    await waitUntil(() => api.callsTo('GET', /^\/admin\/api-tokens\/1$/).length === 1)
    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => hasButton(root(element), 'Actions for Beta'))
    await rowAction(root(element), 'Edit Beta')
    await waitUntil(() => maybeField(root(element), 'Name')?.value === 'Beta')
    release()
    await aTimeout(50)
    expect(root(element).querySelector('h1')?.textContent).to.equal('Beta')
    expect(field(root(element), 'Name').value).to.equal('Beta')
  })

  it('asks before Back drops unsaved edits, and keeps them on Cancel', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    await rowAction(root(element), 'Edit Website')
    await waitUntil(() => maybeField(root(element), 'Name')?.value === 'Website')
    type(field(root(element), 'Name'), 'Renamed')
    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => openDialogs(element).length === 1, 'Back did not ask')
    const dialog = openDialog(element)
    expect(textOf(shadowOf(dialog))).to.contain('Discard unsaved changes?')
    button(shadowOf(dialog), 'Cancel').click()
    await waitUntil(() => !shadowOf(dialog).querySelector('dialog')!.open)
    expect(field(root(element), 'Name').value).to.equal('Renamed')

    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => shadowOf(dialog).querySelector('dialog')!.open)
    button(shadowOf(dialog), 'Discard').click()
    await waitUntil(
      () => hasButton(root(element), 'Actions for Website'),
      'Discard did not go back',
    )
    expect(api.callsTo('PUT', /./)).to.have.length(0)
  })

  it('goes back without asking when nothing changed', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    await rowAction(root(element), 'Edit Website')
    await waitUntil(() => maybeField(root(element), 'Name')?.value === 'Website')
    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => hasButton(root(element), 'Actions for Website'), 'Back asked for nothing')
    await openCreate(element)
    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => hasButton(root(element), 'Actions for Website'), 'Back from create asked')
  })

  it('says on Regenerate that unsaved edits will be lost', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    await rowAction(root(element), 'Edit Website')
    await waitUntil(() => maybeField(root(element), 'Name')?.value === 'Website')
    const dialog = root(element).querySelector('api-token-regenerate-dialog')!
    button(root(element), 'Regenerate').click()
    await waitUntil(() => dialog.open)
    expect(textOf(shadowOf(dialog))).not.to.contain('unsaved changes')
    button(shadowOf(dialog), 'Cancel').click()
    await waitUntil(() => !dialog.open)
    type(field<HTMLTextAreaElement>(root(element), 'Description'), 'Edited')
    button(root(element), 'Regenerate').click()
    await waitUntil(() => dialog.open)
    expect(textOf(shadowOf(dialog))).to.contain('Unsaved changes will be lost too.')
    button(shadowOf(dialog), 'Cancel').click()
    await waitUntil(() => !dialog.open)
    expect(field<HTMLTextAreaElement>(root(element), 'Description').value).to.equal('Edited')
    expect(api.callsTo('POST', /regenerate$/)).to.have.length(0)
  })
})

describe('<api-token-settings> focus', () => {
  it('moves focus to each view’s heading (create, the list on Back, an opened token) and to Copy after Save', async () => {
    const element = await settings()
    const heading = () => {
      const active = deepActiveElement()
      return active?.localName === 'h1' ? active.textContent : describeElement(active)
    }
    const focusedOn = (name: string) =>
      waitUntil(() => heading() === name).catch(() => {
        throw new Error(`focus should be on the heading "${name}", is on ${heading()}`)
      })
    button(root(element), 'Create new API Token').click()
    await focusedOn('Create API Token')
    type(field(root(element), 'Name'), 'Focus')
    button(root(element), 'Save').click()
    await waitUntil(() => shownKey(element), 'no key')
    await waitUntil(() => deepActiveElement()?.textContent?.trim() === 'Copy').catch(() => {
      throw new Error(`focus should be on Copy, is on ${describeElement(deepActiveElement())}`)
    })
    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => openDialogs(element).length === 1)
    button(shadowOf(openDialog(element)), 'Leave').click()
    await focusedOn('API Tokens')
    await rowAction(root(element), 'Edit Focus')
    await focusedOn('Focus')
  })

  it('does not take focus when the section first loads', async () => {
    const outside = document.createElement('button')
    outside.textContent = 'host button'
    document.body.append(outside)
    outside.focus()
    try {
      await settings()
      await aTimeout(20)
      expect(document.activeElement).to.equal(outside)
    } finally {
      outside.remove()
    }
  })
})

describe('<api-token-settings> host contract', () => {
  it('sends nothing until getAuthToken or auth-endpoint is set, then starts', async () => {
    api.add({ name: 'Website' })
    const element = await fixture<ApiTokenSettings>(
      html`<api-token-settings api-base=${api.base}></api-token-settings>`,
    )
    await aTimeout(100)
    expect(api.calls, 'no request before the host wires the JWT').to.deep.equal([])
    expect(text(element)).not.to.contain('Your session has expired')
    element.getAuthToken = () => 'late-jwt'
    await until(element, 'Website')
    expect(api.calls[0]!.authorization).to.equal('Bearer late-jwt')
  })

  it('reflects the theme property to the theme attribute', async () => {
    const element = await settings()
    expect(element.hasAttribute('theme')).to.equal(false)
    element.theme = 'dark'
    await element.updateComplete
    expect(element.getAttribute('theme')).to.equal('dark')
    element.setAttribute('theme', 'light')
    expect(element.theme).to.equal('light')
  })

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
    const { ApiTokenSettings } =
      await import('../../components/api-token-settings/api-token-settings')
    customElements.define('api-token-settings-late', class extends ApiTokenSettings {})
    await waitUntil(() => api.calls.length > 0, 'late element never called the API')
    expect(api.calls[0]!.authorization).to.equal('Bearer early-jwt')
    host.remove()
  })
})

describe('<api-token-settings> narrow hosts', () => {
  it('never overflows a 360 px host, in the list and in a Custom token’s form', async () => {
    api.add({ name: 'A token with a rather long name', description: 'And a long description too' })
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 360px; overflow: auto">
        <api-token-settings
          api-base=${api.base}
          .getAuthToken=${() => 'jwt-1'}
        ></api-token-settings>
      </div>`,
    )
    const element = wrapper.querySelector<ApiTokenSettings>('api-token-settings')!
    await until(element, 'A token with a rather long name')
    const fits = () => wrapper.scrollWidth <= wrapper.clientWidth
    expect(fits(), `list: ${wrapper.scrollWidth} > ${wrapper.clientWidth}`).to.equal(true)
    await openCreate(element)
    choose(field<HTMLSelectElement>(root(element), 'Token type'), 'Custom')
    await element.updateComplete
    expect(fits(), `form: ${wrapper.scrollWidth} > ${wrapper.clientWidth}`).to.equal(true)
  })
})

describe('<api-token-settings> languages', () => {
  it('speaks the lang of an ancestor: French headings, table, badges and dates', async () => {
    api.add({ name: 'Website', description: 'Public site', expiresAt: null })
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="fr">
        <api-token-settings
          api-base=${api.base}
          .getAuthToken=${() => 'jwt-1'}
        ></api-token-settings>
      </div>`,
    )
    const element = wrapper.querySelector<ApiTokenSettings>('api-token-settings')!
    await waitUntil(() => root(element).querySelector('h1')?.textContent === 'Jetons d’API')
    await until(element, 'Website')
    expect(hasButton(root(element), 'Créer un jeton d’API')).to.equal(true)
    const table = root(element).querySelector('api-token-table')!
    await (table as LitElement).updateComplete
    const tableText = textOf(table.shadowRoot!)
    expect(tableText).to.contain('Illimité')
    expect(tableText).to.contain('Dernière utilisation')
    expect(tableText).to.contain('Jamais')
    expect(
      table.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!.placeholder,
    ).to.equal('Rechercher des jetons')
  })

  it('lets the host override any string, and locale win over lang', async () => {
    const element = await settings()
    element.strings = { heading: 'Access keys', create: 'New key' }
    await element.updateComplete
    expect(root(element).querySelector('h1')!.textContent).to.equal('Access keys')
    expect(hasButton(root(element), 'New key')).to.equal(true)
    element.setAttribute('lang', 'fr')
    element.locale = 'de'
    element.strings = undefined
    await waitUntil(
      () => root(element).querySelector('h1')!.textContent === 'API-Tokens',
      'German never showed',
    )
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

  it('has no axe violations in the dark theme either, and its colours are dark', async () => {
    api.add({ name: 'Website', description: 'Public site' })
    const element = await settings()
    const light = getComputedStyle(element).colorScheme
    element.theme = 'dark'
    await element.updateComplete
    await until(element, 'Website')
    expect(light).to.not.equal('dark')
    expect(getComputedStyle(element).colorScheme).to.equal('dark')
    const table = root(element).querySelector('api-token-table')!
    const [r, g, b] = getComputedStyle(table.shadowRoot!.querySelector('table')!)
      .color.match(/\d+/g)!
      .map(Number)
    expect(r! + g! + b!, 'light text on a dark surface').to.be.greaterThan(3 * 160)
    await assert.isAccessible(element)
    await openCreate(element)
    await assert.isAccessible(element)
  })

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations on any view or dialog in the ${theme} theme`, async () => {
      api.add({
        name: 'Website',
        type: 'custom',
        permissions: ['api::article.article.find'],
        expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      })
      const element = await settings()
      element.theme = theme
      await until(element, 'Website')
      await assert.isAccessible(element) // the list, with its badges
      await rowAction(root(element), 'Edit Website')
      await until(element, 'Token duration')
      await assert.isAccessible(element) // a Custom token's edit view, its picker open
      button(root(element), 'Regenerate').click()
      const regenerate = root(element).querySelector('api-token-regenerate-dialog')!
      await waitUntil(() => regenerate.open)
      await assert.isAccessible(regenerate)
      setTimeout(() => button(shadowOf(regenerate), 'Regenerate').click())
      await oneEvent(element, 'api-token-regenerated')
      await waitUntil(() => shownKey(element) !== undefined, 'the new key never showed')
      await assert.isAccessible(element) // the key shown once
      button(root(element), '← Back to API Tokens').click()
      const leave = root(element).querySelector('api-token-confirm-dialog')!
      await waitUntil(() => leave.open, 'leaving an uncopied key did not ask')
      await assert.isAccessible(leave)
      button(shadowOf(leave), 'Leave').click()
      await until(element, 'Create new API Token')
      await rowAction(root(element), 'Delete Website')
      const remove = root(element).querySelector('api-token-delete-dialog')!
      await waitUntil(() => remove.open)
      await assert.isAccessible(remove)
    })
  }

  it('works with the keyboard alone: Tab to Create, fill the form, Space and Enter to save', async () => {
    const element = await settings({ actions: ALL_ACTIONS })
    const before = document.createElement('button')
    before.textContent = 'start'
    element.before(before)
    before.focus()
    /** Presses Tab until the focused element matches, or fails saying where focus went. */
    const named = (name: string) => (active: Element) => active.textContent?.trim() === name
    const labelled = (id: string) => (active: Element) => active.id === id

    await tabTo(named('Create new API Token'), 'Create new API Token')
    await sendKeys({ press: 'Enter' })
    await until(element, 'Token type')
    await tabTo(labelled('name'), 'the Name field')
    await sendKeys({ type: 'Keyboard' })
    await sendKeys({ press: 'Tab' })
    expect(deepActiveElement()?.id).to.equal('description')
    await sendKeys({ type: 'Typed by hand' })
    await sendKeys({ press: 'Tab' })
    expect(deepActiveElement()?.id).to.equal('lifespan')
    await sendKeys({ press: 'ArrowDown' })
    await sendKeys({ press: 'Tab' })
    expect(deepActiveElement()?.id).to.equal('type')
    // Read-only stays chosen here; the next test makes a Custom token by keyboard.
    await tabTo(named('Save'), 'Save')
    setTimeout(() => void sendKeys({ press: 'Space' }))
    const created = await oneEvent(element, 'api-token-created')
    expect(api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body).to.deep.equal({
      name: 'Keyboard',
      description: 'Typed by hand',
      type: 'read-only',
      lifespan: 7776000000,
      permissions: [],
      allowedIps: [],
      rateLimit: null,
      enabled: true,
      meta: {},
    })
    expect(created.detail.token.name).to.equal('Keyboard')
    before.remove()
  })

  it('creates a Custom token with the keyboard alone, permissions picked with Tab and Space', async () => {
    const element = await settings({ actions: ALL_ACTIONS })
    const before = document.createElement('button')
    before.textContent = 'start'
    element.before(before)
    before.focus()
    const labelText = (active: Element) => active.closest('label')?.textContent?.trim() ?? ''

    await tabTo((active) => active.textContent?.trim() === 'Create new API Token', 'Create')
    await sendKeys({ press: 'Enter' })
    await until(element, 'Token type')
    await tabTo((active) => active.id === 'name', 'the Name field')
    await sendKeys({ type: 'Keyboard custom' })
    await tabTo((active) => active.id === 'type', 'Token type')
    await sendKeys({ press: 'ArrowDown' })
    await sendKeys({ press: 'ArrowDown' })
    expect((deepActiveElement() as HTMLSelectElement).value).to.equal('custom')

    // The Article group: open it, clear what Read-only granted, then tick find alone.
    const summary = await tabTo(
      (active) => active.localName === 'summary' && active.textContent!.includes('Article'),
      'the Article group',
    )
    if (!summary.parentElement!.hasAttribute('open')) await sendKeys({ press: 'Space' })
    await tabTo((active) => labelText(active).startsWith('Select all'), 'Select all')
    const selectAll = deepActiveElement() as HTMLInputElement
    if (!selectAll.checked) await sendKeys({ press: 'Space' })
    await sendKeys({ press: 'Space' })
    expect(selectAll.checked).to.equal(false)
    await tabTo((active) => labelText(active).split(/\s+/)[0] === 'find', 'Article › find')
    await sendKeys({ press: 'Space' })
    expect((deepActiveElement() as HTMLInputElement).checked).to.equal(true)

    await tabTo((active) => active.textContent?.trim() === 'Save', 'Save')
    setTimeout(() => void sendKeys({ press: 'Enter' }))
    await oneEvent(element, 'api-token-created')
    const body = api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body as {
      type: string
      permissions: string[]
    }
    expect(body.type).to.equal('custom')
    expect(body.permissions.filter((action) => action.startsWith('api::article.'))).to.deep.equal([
      'api::article.article.find',
    ])
    before.remove()
  })
})
