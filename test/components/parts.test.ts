// Theming that works (SPEC §11): every part `<api-token-settings>` documents can be styled
// from the host page with `api-token-settings::part(<name>)`, through each nesting level
// (`exportparts`), and custom-elements.json lists exactly those parts.
import { expect, oneEvent, waitUntil } from '@open-wc/testing'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import { button, choose, deepQueryAll, field, maybeField, rowAction, shadowOf, textOf } from './dom'
import { FakeAdminApi, usageDays } from './fake-admin-api'

// The dialogs and the edit view load on first need: load them all, so every part is there.
before(() => loadTollgateElements())

const DAY = 86_400_000
/** What the host's rule sets; no part has this colour of its own. */
const MARK = 'rgb(1, 2, 3)'

/** A section on the page for a whole `describe` (open-wc's `fixture` lasts one test). */
interface Scene {
  api: FakeAdminApi
  element: ApiTokenSettings
}

async function mount(api: FakeAdminApi): Promise<Scene> {
  const element = document.createElement('api-token-settings')
  element.apiBase = api.base
  element.getAuthToken = () => 'jwt'
  document.body.append(element)
  await waitUntil(
    () =>
      textOf(shadowOf(element)).includes('API Tokens') ||
      element.shadowRoot?.querySelector('[part=notice]'),
    'the section never showed',
  )
  return { api, element }
}

const root = ({ element }: Scene) => shadowOf(element)

/** The operator's list: owners, a disabled Custom token expiring in 3 days, the dialogs. */
async function operatorList(): Promise<Scene> {
  const api = new FakeAdminApi().install()
  api.adminOwner = null
  api.add({
    name: 'Website',
    owner: 'acme',
    type: 'custom',
    permissions: ['api::article.article.find'],
    enabled: false,
    expiresAt: new Date(Date.now() + 3 * DAY).toISOString(),
    allowedIps: ['10.0.0.0/8'],
    rateLimit: 'standard',
  })
  api.add({
    name: 'CI',
    owner: null,
    type: 'full-access',
    legacy: 'strapi',
    credits: { remaining: 40, refill: null },
  })
  const scene = await mount(api)
  await waitUntil(() => deepQueryAll(root(scene), '[part~="row"]').length === 2, 'no rows')
  // The row menu, open.
  button(root(scene), 'Actions for CI').click()
  await waitUntil(() => deepQueryAll(root(scene), '[part~="menuitem"]').length, 'no menu')
  return scene
}

/** A list that could not be loaded. */
async function listError(): Promise<Scene> {
  const api = new FakeAdminApi().install()
  api.failNext = {
    method: 'GET',
    path: /^\/admin\/api-tokens$/,
    response: () =>
      Response.json(
        {
          data: null,
          error: { status: 500, name: 'ApplicationError', message: 'down', details: {} },
        },
        { status: 500 },
      ),
  }
  const scene = await mount(api)
  await waitUntil(() => deepQueryAll(root(scene), '[part~="error"]').length, 'no error state')
  return scene
}

/** A list with nothing in it. */
async function emptyList(): Promise<Scene> {
  const scene = await mount(new FakeAdminApi().install())
  await waitUntil(() => deepQueryAll(root(scene), '[part~="empty"]').length, 'no empty state')
  return scene
}

/**
 * An operator's edit view with everything in it: a key just regenerated with a grace
 * period (so the previous key line shows), usage, activity with changes, the picker,
 * and the toast of a save.
 */
async function editView(): Promise<Scene> {
  const api = new FakeAdminApi().install()
  api.adminOwner = null
  const token = api.add({
    name: 'Website',
    owner: 'acme',
    type: 'custom',
    permissions: ['api::article.article.find'],
  })
  api.usage.set(
    token.id,
    usageDays(30, (i) => ({ requests: i, refused: i % 2 })),
  )
  api.record(token, 'created', { at: new Date(Date.now() - 2 * DAY).toISOString() })
  api.record(token, 'updated', { changes: { name: ['Site', 'Website'] } })
  const scene = await mount(api)
  await waitUntil(() => maybeButton(scene, 'Actions for Website'), 'no Edit button')
  await rowAction(root(scene), 'Edit Website')
  await waitUntil(() => maybeField(root(scene), 'Name')?.value === 'Website', 'no edit view')
  const dialog = root(scene).querySelector('api-token-regenerate-dialog')
  if (!dialog) throw new Error('no regenerate dialog in the section')
  button(root(scene), 'Regenerate').click()
  await waitUntil(() => dialog.open, 'the regenerate dialog never opened')
  choose(field<HTMLSelectElement>(shadowOf(dialog), 'Keep the current key working for'), '1 hour')
  setTimeout(() => button(shadowOf(dialog), 'Regenerate').click())
  await oneEvent(scene.element, 'api-token-regenerated')
  setTimeout(() => button(root(scene), 'Save').click())
  await oneEvent(scene.element, 'api-token-updated')
  await waitUntil(
    () =>
      ['key', 'previous-key', 'toast', 'chart', 'changes', 'group'].every(
        (name) => deepQueryAll(root(scene), `[part~="${name}"]`).length,
      ),
    'the edit view never showed all its parts',
  )
  return scene
}

/** An admin without `read`: the notice. */
async function noPermission(): Promise<Scene> {
  const api = new FakeAdminApi().install()
  api.actions = []
  const scene = await mount(api)
  await waitUntil(() => root(scene).querySelector('[part~="notice"]'), 'no notice')
  return scene
}

function maybeButton(scene: Scene, name: string): boolean {
  try {
    button(root(scene), name)
    return true
  } catch {
    return false
  }
}

/** Each state of the section, and the parts it shows. */
const STATES: { name: string; setup: () => Promise<Scene>; parts: string[] }[] = [
  {
    name: "an operator's list",
    setup: operatorList,
    parts: [
      'header',
      'button',
      'table',
      'row',
      'search',
      'owner-filter',
      'owner',
      'scroller',
      'key-hint',
      'badge',
      'type',
      'expiry',
      'disabled',
      'dialog',
      'grace',
      'name',
      'actions',
      'menu',
      'menuitem',
      'restriction',
      'legacy',
      'filter',
      'result-count',
      'credits',
    ],
  },
  { name: 'an empty list', setup: emptyList, parts: ['empty'] },
  { name: 'a list error', setup: listError, parts: ['error'] },
  {
    name: 'the edit view',
    setup: editView,
    parts: [
      'toast',
      'key',
      'form',
      'field',
      'info',
      'previous-key',
      'switch',
      'group',
      'count',
      'route',
      'usage',
      'summary',
      'chart',
      'table-toggle',
      'day-table',
      'activity',
      'events',
      'event',
      'actor',
      'action',
      'changes',
    ],
  },
  { name: 'no permission', setup: noPermission, parts: ['notice'] },
]

const DOCUMENTED = STATES.flatMap((state) => state.parts)

/** The elements under the section, through every shadow root, that carry `part`. */
function withPart(scene: Scene, name: string): Element[] {
  return deepQueryAll<Element>(root(scene), '[part]').filter((element) =>
    element.part.contains(name),
  )
}

function describeElement(element: Element): string {
  const host = (element.getRootNode() as ShadowRoot).host
  return `<${element.localName} part="${element.getAttribute('part')}"> in <${host.localName}>`
}

for (const state of STATES) {
  describe(`::part() from the host page, ${state.name}`, () => {
    let scene: Scene

    before(async () => {
      scene = await state.setup()
    })
    after(() => {
      scene?.element.remove()
      scene?.api.restore()
    })

    for (const name of state.parts) {
      it(`styles every "${name}" part through api-token-settings::part(${name})`, () => {
        const style = document.createElement('style')
        style.textContent = `api-token-settings::part(${name}) { outline: 3px solid ${MARK}; }`
        document.head.append(style)
        try {
          const targets = withPart(scene, name)
          expect(targets.length, `no element with part "${name}"`).to.be.above(0)
          for (const target of targets) {
            expect(getComputedStyle(target).outlineColor, describeElement(target)).to.equal(MARK)
          }
        } finally {
          style.remove()
        }
      })
    }

    it('shows no part that api-token-settings does not document', () => {
      const shown = new Set(
        deepQueryAll<Element>(root(scene), '[part]').flatMap((element) => [...element.part]),
      )
      expect([...shown].filter((name) => !DOCUMENTED.includes(name))).to.deep.equal([])
    })
  })
}

describe('custom-elements.json', () => {
  it('lists exactly the parts that work on <api-token-settings>', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as {
      modules: { declarations?: { tagName?: string; cssParts?: { name: string }[] }[] }[]
    }
    const settings = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .find((declaration) => declaration.tagName === 'api-token-settings')
    const listed = (settings?.cssParts ?? []).map((part) => part.name)
    expect([...listed].sort()).to.deep.equal([...DOCUMENTED].sort())
  })
})
