// The form under a grant policy (SPEC §13): a scoped admin's `grantable` list decides the
// token types and the actions offered, `MAX_LIFESPAN_DAYS` the durations and the latest
// date; an operator without the claim sees everything; a 403 `notGrantable` is said on the
// field that holds the refused rights.
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import {
  button,
  choose,
  deepActiveElement,
  deepQueryAll,
  field,
  hasButton,
  maybeField,
  rowAction,
  shadowOf,
  tabTo,
  textOf,
  type,
} from './dom'
import { FakeAdminApi } from './fake-admin-api'
import { longDate } from '../../components/internal/long-date'
import { DARK } from '../../components/internal/styles'

const FIND = 'api::article.article.find'
const FIND_ONE = 'api::article.article.findOne'
const DELETE = 'api::article.article.delete'
const DAY = 86_400_000

/** `#rrggbb` as the browser computes it. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  return `rgb(${r}, ${g}, ${b})`
}

let api: FakeAdminApi

beforeEach(() => {
  api = new FakeAdminApi().install()
})
afterEach(() => api.restore())

/** The section for an admin scoped to `acme` with this policy (`grantable` `null`: all). */
async function section(
  grantable: string[] | null,
  maxLifespanDays: number | null = null,
  lang = 'en',
  theme = 'light',
) {
  api.adminOwner = grantable === null ? null : 'acme'
  api.policy = { grantable, maxLifespanDays }
  const element = await fixture<ApiTokenSettings>(
    html`<api-token-settings
      lang=${lang}
      theme=${theme}
      api-base=${api.base}
      .getAuthToken=${() => 'jwt-1'}
    ></api-token-settings>`,
  )
  await waitUntil(() => api.callsTo('GET', /^\/admin\/api-tokens$/).length > 0, 'no list loaded')
  return element
}

async function openCreate(element: ApiTokenSettings, label = 'Create new API Token') {
  await waitUntil(() => button(shadowOf(element), label), 'no create button')
  button(shadowOf(element), label).click()
  await waitUntil(() => pickerRoot(element), 'the create form never opened', {
    timeout: 5000,
  })
}

/** The shadow root of the form's permission picker, once it shows the catalog. */
function pickerRoot(element: ApiTokenSettings): ShadowRoot | undefined {
  const picker = deepQueryAll(shadowOf(element), 'api-token-permissions')[0]
  return picker?.shadowRoot?.querySelector('details') ? picker.shadowRoot : undefined
}

const optionsOf = (select: HTMLSelectElement) =>
  [...select.options].map((option) => option.textContent?.trim())

/** Each listed group's name and its actions' labels, as the picker shows them. */
function listed(element: ApiTokenSettings) {
  const root = pickerRoot(element)
  if (!root) throw new Error('the picker shows no groups')
  return [...root.querySelectorAll('details')].map((group) => [
    textOf(group.querySelector('summary')!).replace(/ \d+\/\d+$/, ''),
    [...group.querySelectorAll('.actions label')].map((label) =>
      textOf(label).replace(/ (Article|Category)/, ''),
    ),
  ])
}

/** The picker's checkbox for `action` in the Article group. */
function checkbox(element: ApiTokenSettings, name: string): HTMLInputElement {
  const label = [...(pickerRoot(element)?.querySelectorAll('.actions label') ?? [])].find(
    (candidate) => textOf(candidate).startsWith(`${name} `),
  )
  const input = label?.querySelector('input')
  if (!input) throw new Error(`no checkbox for ${name}`)
  return input
}

const typeSelect = (element: ApiTokenSettings) =>
  field<HTMLSelectElement>(shadowOf(element), 'Token type')

describe('a scoped admin with a grantable list', () => {
  it('is offered only the grantable types, and only the grantable actions for Custom', async () => {
    const element = await section(['read-only', FIND, FIND_ONE])
    await openCreate(element)
    expect(optionsOf(typeSelect(element))).to.deep.equal(['Read-only', 'Custom'])
    expect(typeSelect(element).value).to.equal('read-only')

    choose(typeSelect(element), 'Custom')
    await waitUntil(() => listed(element).length === 1, 'the picker still lists other groups')
    // Category holds nothing grantable: hidden. Article lists only find and findOne, which
    // Read-only implied and Custom starts from.
    expect(listed(element)).to.deep.equal([['Article', ['find', 'findOne']]])
    expect(checkbox(element, 'find').checked).to.equal(true)
    expect(checkbox(element, 'findOne').checked).to.equal(true)

    // Select all, off and on again: the grantable actions only.
    const selectAll = pickerRoot(element)!.querySelector<HTMLInputElement>('details > label input')!
    selectAll.click()
    selectAll.click()
    type(field(shadowOf(element), 'Name'), 'Acme reader')
    button(shadowOf(element), 'Save').click()
    await waitUntil(() => api.callsTo('POST', /^\/admin\/api-tokens$/).length === 1, 'no create')
    const body = api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body as Record<string, unknown>
    expect(body.type).to.equal('custom')
    expect(body.permissions).to.deep.equal([FIND, FIND_ONE])
  })

  it('starts a new token as Custom when only actions are grantable', async () => {
    const element = await section(['api::category.category.find'])
    await openCreate(element)
    expect(optionsOf(typeSelect(element))).to.deep.equal(['Custom'])
    expect(typeSelect(element).value).to.equal('custom')
    expect(listed(element)).to.deep.equal([['Category', ['find']]])
  })

  it('shows an edited token’s right it may not grant, ticked and marked; keeps it on an unrelated edit, refuses to add beside it', async () => {
    const token = api.add({
      name: 'Acme legacy',
      owner: 'acme',
      type: 'custom',
      permissions: [DELETE, FIND],
    })
    const element = await section(['read-only', FIND, FIND_ONE])
    await waitUntil(() => textOf(shadowOf(element)).includes('Acme legacy'), 'no row')
    await rowAction(shadowOf(element), 'Edit Acme legacy')
    await waitUntil(() => pickerRoot(element), 'the edit form never opened', { timeout: 5000 })
    expect(listed(element)).to.deep.equal([
      ['Article', ['find', 'findOne', 'delete not yours to grant']],
    ])
    expect(checkbox(element, 'delete').checked).to.equal(true)
    expect(optionsOf(typeSelect(element)), 'the token’s own type stays an option').to.deep.equal([
      'Read-only',
      'Custom',
    ])

    // Description only: the rights stay as they are, and the worker lets that pass.
    type(field(shadowOf(element), 'Description'), 'Kept as it was')
    button(shadowOf(element), 'Save').click()
    await waitUntil(() => api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/).length === 1, 'no PUT')
    await waitUntil(() => !button(shadowOf(element), /Sav/).textContent?.includes('Saving'))

    // Adding findOne beside delete would grant delete anew: refused before the round trip.
    checkbox(element, 'findOne').click()
    button(shadowOf(element), 'Save').click()
    await waitUntil(
      () => textOf(shadowOf(element)).includes(`Not yours to grant: ${DELETE}`),
      'the form never said delete is not grantable',
    )
    expect(api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/)).to.have.length(1)
    const focused = deepActiveElement()?.getRootNode() as ShadowRoot | undefined
    expect(focused?.host.localName, 'focus goes to the picker').to.equal('api-token-permissions')

    // Unticking delete clears the error; the save then passes.
    checkbox(element, 'delete').click()
    await waitUntil(
      () => !textOf(shadowOf(element)).includes('Not yours to grant:'),
      'the error outlived the change',
    )
    button(shadowOf(element), 'Save').click()
    await waitUntil(() => api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/).length === 2, 'no PUT')
    await waitUntil(() => token.permissions.join() === [FIND, FIND_ONE].join(), 'not saved')
  })

  it('reaches the offered types and actions with the keyboard', async () => {
    const element = await section(['read-only', FIND, FIND_ONE])
    await openCreate(element)
    const select = await tabTo((active) => active === typeSelect(element), 'Token type')
    await sendKeys({ press: 'ArrowDown' })
    await waitUntil(() => typeSelect(element).value === 'custom', 'ArrowDown never chose Custom')
    expect(deepActiveElement()).to.equal(select)
    await tabTo((active) => active === checkbox(element, 'find'), 'the find checkbox')
    await sendKeys({ press: 'Tab' })
    expect(deepActiveElement()).to.equal(checkbox(element, 'findOne'))
    await sendKeys({ press: 'Space' })
    expect(checkbox(element, 'findOne').checked).to.equal(false)
  })
})

describe('an operator without the claim', () => {
  it('is offered every type and every action', async () => {
    const element = await section(null)
    await openCreate(element)
    expect(optionsOf(typeSelect(element))).to.deep.equal(['Read-only', 'Full access', 'Custom'])
    choose(typeSelect(element), 'Custom')
    await waitUntil(() => listed(element).length === 2, 'not every group listed')
    expect(listed(element)).to.deep.equal([
      ['Article', ['find', 'findOne', 'create', 'update', 'delete']],
      ['Category', ['find', 'findOne']],
    ])
    expect(optionsOf(field<HTMLSelectElement>(shadowOf(element), 'Token duration'))).to.deep.equal([
      '7 days',
      '30 days',
      '90 days',
      'Unlimited',
      'Custom date',
    ])
  })

  it('says a 403 notGrantable on the field that holds the refused right, and focuses it', async () => {
    const element = await section(null)
    await openCreate(element)
    choose(typeSelect(element), 'Full access')
    type(field(shadowOf(element), 'Name'), 'Everything')
    api.failNext = {
      method: 'POST',
      path: /^\/admin\/api-tokens$/,
      response: () =>
        Response.json(
          {
            data: null,
            error: {
              status: 403,
              name: 'ForbiddenError',
              message: 'Not grantable by this admin: full-access',
              details: { notGrantable: ['full-access'] },
            },
          },
          { status: 403 },
        ),
    }
    button(shadowOf(element), 'Save').click()
    const error = () => shadowOf(element).querySelector('api-token-form')?.shadowRoot
    await waitUntil(
      () =>
        error()?.querySelector('#type-error')?.textContent === 'Not yours to grant: Full access',
      'the form never said Full access is not grantable',
    )
    expect(typeSelect(element).getAttribute('aria-describedby')).to.equal('type-error')
    expect(deepActiveElement()).to.equal(typeSelect(element))
    choose(typeSelect(element), 'Read-only')
    await waitUntil(() => !error()?.querySelector('#type-error'), 'the error outlived the change')
  })
})

describe('a lifetime cap (MAX_LIFESPAN_DAYS)', () => {
  it('hides Unlimited and the longer durations, starts at the longest allowed, and bounds the date', async () => {
    const element = await section(null, 30)
    await openCreate(element)
    const duration = field<HTMLSelectElement>(shadowOf(element), 'Token duration')
    expect(optionsOf(duration)).to.deep.equal(['7 days', '30 days', 'Custom date'])
    expect(duration.selectedOptions[0]?.textContent?.trim()).to.equal('30 days')

    choose(duration, 'Custom date')
    await waitUntil(() => maybeField(shadowOf(element), 'Expiration date'), 'no date field')
    const date = field(shadowOf(element), 'Expiration date')
    const last = new Date(Date.now() + 29 * DAY)
    const pad = (n: number) => String(n).padStart(2, '0')
    expect(date.max).to.equal(
      `${last.getFullYear()}-${pad(last.getMonth() + 1)}-${pad(last.getDate())}`,
    )

    // A date past the cap (typed, as a keyboard user may) is refused before the round trip.
    const late = new Date(Date.now() + 45 * DAY)
    date.value = `${late.getFullYear()}-${pad(late.getMonth() + 1)}-${pad(late.getDate())}`
    date.dispatchEvent(new Event('change', { bubbles: true, composed: true }))
    type(field(shadowOf(element), 'Name'), 'Too long')
    button(shadowOf(element), 'Save').click()
    await waitUntil(
      () => textOf(shadowOf(element)).includes('Longer than allowed here'),
      'no error for a date past the cap',
    )
    expect(date.getAttribute('aria-invalid')).to.equal('true')
    expect(api.callsTo('POST', /^\/admin\/api-tokens$/)).to.have.length(0)
  })

  it('saves a new token with the longest allowed duration by default', async () => {
    const element = await section(null, 10)
    await openCreate(element)
    const duration = field<HTMLSelectElement>(shadowOf(element), 'Token duration')
    expect(optionsOf(duration)).to.deep.equal(['7 days', 'Custom date'])
    type(field(shadowOf(element), 'Name'), 'Short-lived')
    button(shadowOf(element), 'Save').click()
    await waitUntil(() => api.callsTo('POST', /^\/admin\/api-tokens$/).length === 1, 'no create')
    const body = api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body as Record<string, unknown>
    expect(body.lifespan).to.equal(7 * DAY)
  })

  it('with a cap of one day still creates a token: today is the date to pick', async () => {
    const element = await section(null, 1)
    await openCreate(element)
    const duration = field<HTMLSelectElement>(shadowOf(element), 'Token duration')
    expect(optionsOf(duration)).to.deep.equal(['Custom date'])
    const date = field(shadowOf(element), 'Expiration date')
    const now = new Date()
    const pad = (n: number) => String(n).padStart(2, '0')
    const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
    expect({ min: date.min, max: date.max }).to.deep.equal({ min: today, max: today })
    date.value = date.min
    date.dispatchEvent(new Event('change', { bubbles: true, composed: true }))
    type(field(shadowOf(element), 'Name'), 'One day')
    button(shadowOf(element), 'Save').click()
    await waitUntil(() => api.callsTo('POST', /^\/admin\/api-tokens$/).length === 1, 'no create')
    const body = api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body as Record<string, unknown>
    const end = Date.parse(String(body.expiresAt))
    expect(end > Date.now() && end <= Date.now() + DAY, 'the end is within the day').to.equal(true)
    await waitUntil(() => api.tokens.some((token) => token.name === 'One day'), 'not created')
  })
})

describe('the held right’s mark', () => {
  it('is muted in the dark theme, and the form has no axe violations with it and its error', async () => {
    api.add({ name: 'Acme', owner: 'acme', type: 'custom', permissions: [DELETE] })
    const element = await section([FIND], null, 'en', 'dark')
    await waitUntil(() => textOf(shadowOf(element)).includes('Acme'), 'no row')
    await rowAction(shadowOf(element), 'Edit Acme')
    await waitUntil(() => pickerRoot(element), 'the edit form never opened', { timeout: 5000 })
    const mark = checkbox(element, 'delete').parentElement?.querySelector('.not-grantable')
    if (!mark) throw new Error('no mark beside delete')
    expect(mark.textContent?.trim()).to.equal('not yours to grant')
    expect(getComputedStyle(mark).color).to.equal(rgb(DARK.muted))
    checkbox(element, 'find').click()
    button(shadowOf(element), 'Save').click()
    await waitUntil(() => textOf(shadowOf(element)).includes('Not yours to grant:'), 'no error')
    const form = shadowOf(element).querySelector('api-token-form')
    if (!form) throw new Error('no form')
    await expect(form).to.be.accessible()
  })
})

describe('regenerating under a cap', () => {
  it('says the new key of an unlimited token gets the longest duration within the cap', async () => {
    api.add({ name: 'Forever', owner: null, lifespan: null, expiresAt: null })
    const element = await section(null, 60)
    await waitUntil(() => textOf(shadowOf(element)).includes('Forever'), 'no row')
    await rowAction(shadowOf(element), 'Edit Forever')
    await waitUntil(() => maybeField(shadowOf(element), 'Token duration'), 'no edit form')
    // The token's own Unlimited stays an option of its edit form; 90 days does not.
    expect(optionsOf(field<HTMLSelectElement>(shadowOf(element), 'Token duration'))).to.deep.equal([
      '7 days',
      '30 days',
      'Unlimited',
      'Custom date',
    ])
    button(shadowOf(element), 'Regenerate').click()
    const dialog = () => deepQueryAll(shadowOf(element), 'api-token-regenerate-dialog')[0]
    const expiry = () => dialog()?.shadowRoot?.querySelector('#new-expiry')?.textContent?.trim()
    await waitUntil(() => expiry(), 'the dialog never said when the new key expires')
    expect(expiry()).to.equal(`The new key expires on ${longDate(Date.now() + 30 * DAY, 'en')}.`)
  })
})

describe('the grant policy in French', () => {
  it('marks a held right and says a refused one in French', async () => {
    api.add({ name: 'Acme', owner: 'acme', type: 'custom', permissions: [DELETE] })
    const element = await section([FIND], null, 'fr')
    await waitUntil(() => textOf(shadowOf(element)).includes('Jetons d’API'), 'no French')
    await rowAction(shadowOf(element), 'Modifier Acme', 'Actions pour Acme')
    await waitUntil(() => pickerRoot(element), 'the edit form never opened', { timeout: 5000 })
    expect(listed(element)).to.deep.equal([['Article', ['find', 'delete hors de vos droits']]])
    checkbox(element, 'find').click()
    button(shadowOf(element), 'Enregistrer').click()
    await waitUntil(
      () => textOf(shadowOf(element)).includes(`Vous ne pouvez pas accorder : ${DELETE}`),
      'no French refusal',
    )
  })
})

describe('the grant policy in German and Spanish', () => {
  const languages = [
    { lang: 'de', edit: 'Acme bearbeiten', menu: 'Aktionen für Acme', save: 'Speichern' },
    { lang: 'es', edit: 'Editar Acme', menu: 'Acciones para Acme', save: 'Guardar' },
  ]
  const expected = {
    de: {
      mark: 'delete nicht von Ihnen vergebbar',
      refusal: `Dürfen Sie nicht vergeben: ${DELETE}`,
    },
    // Spanish speaks to the admin with tú, as the rest of the section does.
    es: { mark: 'delete fuera de tus permisos', refusal: `No puedes conceder: ${DELETE}` },
  }
  for (const { lang, edit, menu, save } of languages) {
    it(`marks a held right and says a refused one (${lang})`, async () => {
      api.add({ name: 'Acme', owner: 'acme', type: 'custom', permissions: [DELETE] })
      const element = await section([FIND], null, lang)
      await waitUntil(() => hasButton(shadowOf(element), menu), `no ${menu}`)
      await rowAction(shadowOf(element), edit, menu)
      await waitUntil(() => pickerRoot(element), 'the edit form never opened', { timeout: 5000 })
      const { mark, refusal } = expected[lang as keyof typeof expected]
      expect(listed(element)).to.deep.equal([['Article', ['find', mark]]])
      checkbox(element, 'find').click()
      button(shadowOf(element), save).click()
      await waitUntil(() => textOf(shadowOf(element)).includes(refusal), `no refusal: ${refusal}`)
    })
  }
})
