// SPEC §7 in the section: the Enabled switch and Disabled badge, Custom date, the grace
// period of a regenerate and the previous key, and the token's Activity — through the
// fake admin API, asserted inside the shadow roots.
import { assert, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import '../../components/index'
import type { ApiTokenActivity } from '../../components/api-token-activity/api-token-activity'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import type { TokenEvent } from '../../components/types'
import { endOfLocalDay, localDateOf } from '../../components/internal/token-draft'
import {
  button,
  choose,
  deepActiveElement,
  deepQueryAll,
  field,
  maybeField,
  rowAction,
  shadowOf,
  tabTo,
  textOf,
  untilShown,
} from './dom'
import { FakeAdminApi } from './fake-admin-api'

const DAY = 86_400_000
let api: FakeAdminApi

beforeEach(() => {
  api = new FakeAdminApi().install()
})
afterEach(() => api.restore())

async function settings() {
  const element = await fixture<ApiTokenSettings>(
    html`<api-token-settings
      api-base=${api.base}
      .getAuthToken=${() => 'jwt'}
    ></api-token-settings>`,
  )
  await waitUntil(() => shadowOf(element).querySelector('h1')?.textContent === 'API Tokens')
  return element
}

const root = (element: ApiTokenSettings) => shadowOf(element)

const until = untilShown

async function openEdit(element: ApiTokenSettings, name: string) {
  await until(element, name)
  await rowAction(root(element), `Edit ${name}`)
  await waitUntil(() => maybeField(root(element), 'Name')?.value === name)
}

/** The form's Enabled switch. */
const enabledSwitch = (element: ApiTokenSettings) =>
  field<HTMLButtonElement>(root(element), 'Enabled')

/** The badges named "Disabled" under `scope`, through shadow roots. */
const disabledBadges = (scope: ParentNode) =>
  deepQueryAll(scope, '[part~="disabled"]').filter((badge) => badge.textContent === 'Disabled')

/** The Activity list's items. */
const activityItems = (element: ApiTokenSettings) => deepQueryAll(root(element), '[part="event"]')

async function save(element: ApiTokenSettings) {
  setTimeout(() => button(root(element), 'Save').click())
  return oneEvent(element, 'api-token-updated')
}

describe('enable and disable', () => {
  it('toggles the Enabled switch and saves enabled: false with the form, then shows Disabled', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    expect(disabledBadges(root(element))).to.have.length(0)
    await openEdit(element, 'Website')
    const toggle = enabledSwitch(element)
    expect(toggle.getAttribute('role')).to.equal('switch')
    expect(toggle.getAttribute('aria-checked')).to.equal('true')
    toggle.click()
    await waitUntil(() => enabledSwitch(element).getAttribute('aria-checked') === 'false')
    const updated = await save(element)
    expect(api.callsTo('PUT', /^\/admin\/api-tokens\/1$/)[0]!.body).to.deep.include({
      enabled: false,
    })
    expect(updated.detail.token.enabled).to.equal(false)
    await waitUntil(() => disabledBadges(root(element)).length === 1, 'no Disabled badge')
    expect(disabledBadges(root(element))[0]!.closest('[part="info"]')).not.to.equal(null)
  })

  it('shows a Disabled badge in the table beside the expiry badge, and in the edit view', async () => {
    api.add({
      name: 'Off',
      enabled: false,
      expiresAt: new Date(Date.now() + 20 * DAY).toISOString(),
    })
    api.add({ name: 'On' })
    const element = await settings()
    await until(element, 'Off')
    const table = root(element).querySelector('api-token-table')!
    const rows = [...shadowOf(table).querySelectorAll('tbody tr')]
    const off = rows.find((row) => row.textContent?.includes('Off'))!
    const on = rows.find((row) => row.textContent?.includes('On'))!
    expect(disabledBadges(off)).to.have.length(1)
    expect(disabledBadges(on)).to.have.length(0)
    expect(off.querySelector('[part~="expiry"]')?.textContent).to.match(/Expires in 20 days/)
    await openEdit(element, 'Off')
    expect(enabledSwitch(element).getAttribute('aria-checked')).to.equal('false')
    expect(disabledBadges(root(element))).to.have.length(1)
  })

  it('shows the switch disabled in the read-only view', async () => {
    api.add({ name: 'Website', enabled: false })
    api.actions = ['admin::api-tokens.access', 'admin::api-tokens.read']
    const element = await settings()
    await until(element, 'Website')
    await rowAction(root(element), 'View Website')
    await waitUntil(() => maybeField(root(element), 'Enabled'))
    expect(enabledSwitch(element).disabled).to.equal(true)
    expect(enabledSwitch(element).getAttribute('aria-checked')).to.equal('false')
  })

  it('reaches the switch with Tab and toggles it with Space', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await openEdit(element, 'Website')
    field(root(element), 'Name').focus()
    await tabTo((active) => active.id === 'enabled', 'the Enabled switch')
    await sendKeys({ press: 'Space' })
    await waitUntil(() => enabledSwitch(element).getAttribute('aria-checked') === 'false')
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => enabledSwitch(element).getAttribute('aria-checked') === 'true')
  })
})

describe('custom expiry date', () => {
  const inDays = (days: number) => localDateOf(new Date(Date.now() + days * DAY).toISOString())

  function pickDate(element: ApiTokenSettings, date: string) {
    const input = field(root(element), 'Expiration date')
    input.value = date
    input.dispatchEvent(new Event('change', { bubbles: true }))
  }

  it('creates a token with a custom date: expiresAt at the end of that local day, no lifespan', async () => {
    const element = await settings()
    button(root(element), 'Create new API Token').click()
    await waitUntil(() => maybeField(root(element), 'Name'))
    expect(maybeField(root(element), 'Expiration date')).to.equal(undefined)
    choose(field<HTMLSelectElement>(root(element), 'Token duration'), 'Custom date')
    await waitUntil(() => maybeField(root(element), 'Expiration date'))
    const input = field(root(element), 'Expiration date')
    expect(input.type).to.equal('date')
    expect(input.min).to.equal(inDays(1))
    expect(input.max > inDays(3650 - 3) && input.max <= inDays(3653)).to.equal(true)
    const date = inDays(45)
    pickDate(element, date)
    const name = field(root(element), 'Name')
    name.value = 'Dated'
    name.dispatchEvent(new InputEvent('input'))
    setTimeout(() => button(root(element), 'Save').click())
    const created = await oneEvent(element, 'api-token-created')
    const body = api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body as Record<string, unknown>
    expect(body).not.to.have.property('lifespan')
    expect(body.expiresAt).to.equal(endOfLocalDay(date))
    expect(new Date(body.expiresAt as string).getHours()).to.equal(23)
    expect(created.detail.token.lifespan).to.equal(null)
  })

  it('asks for a date before saving Custom date without one', async () => {
    const element = await settings()
    button(root(element), 'Create new API Token').click()
    await waitUntil(() => maybeField(root(element), 'Name'))
    choose(field<HTMLSelectElement>(root(element), 'Token duration'), 'Custom date')
    const name = field(root(element), 'Name')
    name.value = 'Dated'
    name.dispatchEvent(new InputEvent('input'))
    button(root(element), 'Save').click()
    await until(element, 'Choose an expiration date')
    expect(api.callsTo('POST', /^\/admin\/api-tokens$/)).to.have.length(0)
  })

  it('opens a custom-date token on Custom date with its date', async () => {
    const expiresAt = endOfLocalDay(inDays(100))
    api.add({ name: 'Dated', lifespan: null, expiresAt })
    const element = await settings()
    await openEdit(element, 'Dated')
    const duration = field<HTMLSelectElement>(root(element), 'Token duration')
    expect(duration.selectedOptions[0]!.textContent?.trim()).to.equal('Custom date')
    expect(field(root(element), 'Expiration date').value).to.equal(inDays(100))
    // Saving another change keeps the date as it was.
    const description = field<HTMLTextAreaElement>(root(element), 'Description')
    description.value = 'still dated'
    description.dispatchEvent(new InputEvent('input'))
    await save(element)
    const body = api.callsTo('PUT', /^\/admin\/api-tokens\/1$/)[0]!.body as Record<string, unknown>
    expect(body.expiresAt).to.equal(expiresAt)
    expect(body).not.to.have.property('lifespan')
  })

  it('sends lifespan: null when a custom-date token is switched to Unlimited', async () => {
    api.add({ name: 'Dated', lifespan: null, expiresAt: endOfLocalDay(inDays(100)) })
    const element = await settings()
    await openEdit(element, 'Dated')
    choose(field<HTMLSelectElement>(root(element), 'Token duration'), 'Unlimited')
    await waitUntil(() => !maybeField(root(element), 'Expiration date'))
    const updated = await save(element)
    const body = api.callsTo('PUT', /^\/admin\/api-tokens\/1$/)[0]!.body as Record<string, unknown>
    expect(body.lifespan).to.equal(null)
    expect(body).not.to.have.property('expiresAt')
    expect(updated.detail.token.expiresAt).to.equal(null)
  })

  it('shows the server’s expiresAt error on the date field', async () => {
    api.add({ name: 'Website', lifespan: 604800000 })
    const element = await settings()
    await openEdit(element, 'Website')
    choose(field<HTMLSelectElement>(root(element), 'Token duration'), 'Custom date')
    await waitUntil(() => maybeField(root(element), 'Expiration date'))
    // Past the `min` (a date typed by hand): the server refuses it.
    pickDate(element, inDays(-2))
    button(root(element), 'Save').click()
    await until(element, 'Choose a date in the future')
    const input = field(root(element), 'Expiration date')
    expect(input.getAttribute('aria-invalid')).to.equal('true')
    const error = input.getRootNode() as ShadowRoot
    expect(error.getElementById(input.getAttribute('aria-describedby')!)?.textContent).to.equal(
      'Choose a date in the future',
    )
    expect(deepActiveElement()).to.equal(input)
  })
})

describe('regenerate with a grace period', () => {
  const choices = [
    ['None', 0],
    ['1 hour', 3_600],
    ['24 hours', 86_400],
    ['7 days', 604_800],
  ] as const

  for (const [label, seconds] of choices) {
    it(`sends gracePeriod ${seconds} for “${label}”`, async () => {
      api.add({ name: 'Website' })
      const element = await settings()
      await openEdit(element, 'Website')
      button(root(element), 'Regenerate').click()
      const dialog = root(element).querySelector('api-token-regenerate-dialog')!
      await waitUntil(() => dialog.open)
      const select = field<HTMLSelectElement>(shadowOf(dialog), 'Keep the current key working for')
      expect(select.selectedOptions[0]!.textContent?.trim()).to.equal('None')
      choose(select, label)
      setTimeout(() => button(shadowOf(dialog), 'Regenerate').click())
      await oneEvent(element, 'api-token-regenerated')
      expect(api.callsTo('POST', /regenerate$/)[0]!.body).to.deep.equal({ gracePeriod: seconds })
      if (seconds === 0) {
        expect(deepQueryAll(root(element), '[part="previous-key"]')).to.have.length(0)
        return
      }
      await waitUntil(() => deepQueryAll(root(element), '[part="previous-key"]').length === 1)
      const line = deepQueryAll(root(element), '[part="previous-key"]')[0]!.textContent!
      const end = api.tokens[0]!.previousKey!.expiresAt
      expect(Date.parse(end) - Date.now()).to.be.closeTo(seconds * 1000, 60_000)
      const shown = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(
        new Date(end),
      )
      expect(line.replace(/\s+/g, ' ').trim()).to.equal(
        `The previous key tg_abcd…wxyz works until ${shown}`,
      )
    })
  }

  it('starts each opening at None', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await openEdit(element, 'Website')
    const dialog = root(element).querySelector('api-token-regenerate-dialog')!
    button(root(element), 'Regenerate').click()
    await waitUntil(() => dialog.open)
    choose(field<HTMLSelectElement>(shadowOf(dialog), 'Keep the current key working for'), '7 days')
    button(shadowOf(dialog), 'Cancel').click()
    await waitUntil(() => !dialog.open)
    button(root(element), 'Regenerate').click()
    await waitUntil(() => dialog.open)
    const select = field<HTMLSelectElement>(shadowOf(dialog), 'Keep the current key working for')
    expect(select.value).to.equal('0')
  })

  it('shows the previous key from Token.previousKey when the token is loaded again', async () => {
    const end = new Date(Date.now() + 3 * 3_600_000).toISOString()
    api.add({ name: 'Website', previousKey: { keyHint: 'tg_prev…ious', expiresAt: end } })
    const element = await settings()
    await openEdit(element, 'Website')
    await until(element, 'The previous key tg_prev…ious works until')
  })

  it('reaches the grace select with Tab inside the dialog', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await openEdit(element, 'Website')
    button(root(element), 'Regenerate').click()
    const dialog = root(element).querySelector('api-token-regenerate-dialog')!
    await waitUntil(() => dialog.open)
    await tabTo((active) => active.id === 'grace', 'the grace select', 4)
  })
})

describe('activity', () => {
  it('lists the token’s events newest first, with actor, action, time and changes', async () => {
    const token = api.add({ name: 'Website' })
    const hour = 3_600_000
    api.record(token, 'created', { at: new Date(Date.now() - 5 * hour).toISOString() })
    api.record(token, 'updated', {
      at: new Date(Date.now() - 2 * hour).toISOString(),
      actor: { sub: 'u-2', email: 'ops@example.com' },
      changes: { name: ['Site', 'Website'], enabled: [true, false], lifespan: [604800000, null] },
    })
    api.record(token, 'expiring', { at: new Date(Date.now() - hour).toISOString() })
    const element = await settings()
    await openEdit(element, 'Website')
    await waitUntil(() => activityItems(element).length === 3, 'the activity never showed')
    expect(api.callsTo('GET', /^\/admin\/api-tokens\/1\/events$/)[0]!.search.toString()).to.equal(
      'page=1&pageSize=10',
    )
    const lines = activityItems(element).map((item) => textOf(item))
    expect(lines[0]).to.equal('Scheduled job Expiring soon 1 hour ago')
    expect(lines[1]).to.equal(
      'ops@example.com Edited 2 hours ago Name: Site → Website Enabled: Yes → No Token duration: 7 days → Unlimited',
    )
    expect(lines[2]).to.equal('Demo admin Created 5 hours ago')
    const time = activityItems(element)[2]!.querySelector('time')!
    expect(time.title).to.match(/\d{4}/)
  })

  it('pages through the events', async () => {
    const token = api.add({ name: 'Website' })
    for (let i = 0; i < 12; i += 1) {
      api.record(token, 'updated', {
        at: new Date(Date.now() - (12 - i) * 60_000).toISOString(),
        changes: { description: [`d${i}`, `d${i + 1}`] },
      })
    }
    const element = await settings()
    await openEdit(element, 'Website')
    await waitUntil(() => activityItems(element).length === 10)
    expect(textOf(activityItems(element)[0]!)).to.contain('d11 → d12')
    const activity = root(element).querySelector('api-token-activity')!
    button(shadowOf(activity), 'Next page').click()
    await waitUntil(() => activityItems(element).length === 2, 'page 2 never showed')
    expect(textOf(activityItems(element)[1]!)).to.contain('d0 → d1')
    expect(textOf(shadowOf(activity))).to.contain('Page 2 of 2')
    button(shadowOf(activity), 'Previous page').click()
    await waitUntil(() => activityItems(element).length === 10)
  })

  it('says when there is no activity, and shows a failed load', async () => {
    api.add({ name: 'Quiet' })
    api.add({ name: 'Broken' })
    const element = await settings()
    await openEdit(element, 'Quiet')
    await until(element, 'No activity yet')
    button(root(element), '← Back to API Tokens').click()
    api.failNext = {
      method: 'GET',
      path: /\/events$/,
      response: () =>
        Response.json(
          {
            data: null,
            error: { status: 500, name: 'InternalError', message: 'Boom', details: {} },
          },
          { status: 500 },
        ),
    }
    await openEdit(element, 'Broken')
    const activity = root(element).querySelector('api-token-activity')!
    await waitUntil(
      () => shadowOf(activity).querySelector('[role="alert"]')?.textContent === 'Boom',
    )
  })

  it('reloads after a save and after a regenerate', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await openEdit(element, 'Website')
    await until(element, 'No activity yet')
    enabledSwitch(element).click()
    await save(element)
    await waitUntil(() => activityItems(element).length === 1, 'no event after the save')
    expect(textOf(activityItems(element)[0]!)).to.match(/^Demo admin Disabled/)
    button(root(element), 'Regenerate').click()
    const dialog = root(element).querySelector('api-token-regenerate-dialog')!
    await waitUntil(() => dialog.open)
    setTimeout(() => button(shadowOf(dialog), 'Regenerate').click())
    await oneEvent(element, 'api-token-regenerated')
    await waitUntil(() => activityItems(element).length === 2, 'no event after the regenerate')
    expect(textOf(activityItems(element)[0]!)).to.match(/^Demo admin Regenerated/)
  })
})

describe('§7 controls in both themes', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in the ${theme} theme: switch, badge, date, previous key, activity, grace select`, async () => {
      const token = api.add({
        name: 'Website',
        enabled: false,
        lifespan: null,
        expiresAt: new Date(Date.now() + 40 * DAY).toISOString(),
        previousKey: {
          keyHint: 'tg_prev…ious',
          expiresAt: new Date(Date.now() + DAY).toISOString(),
        },
      })
      api.record(token, 'updated', { changes: { enabled: [true, false] } })
      const element = await settings()
      element.theme = theme
      await until(element, 'Website')
      await assert.isAccessible(element)
      await openEdit(element, 'Website')
      await waitUntil(() => activityItems(element).length === 1)
      await until(element, 'The previous key')
      await assert.isAccessible(element)
      button(root(element), 'Regenerate').click()
      const dialog = root(element).querySelector('api-token-regenerate-dialog')!
      await waitUntil(() => dialog.open)
      choose(
        field<HTMLSelectElement>(shadowOf(dialog), 'Keep the current key working for'),
        '1 hour',
      )
      await assert.isAccessible(dialog)
    })
  }
})

describe('<api-token-activity> on its own', () => {
  const event = (fields: Partial<TokenEvent>): TokenEvent => ({
    id: 1,
    at: new Date(Date.now() - 60_000).toISOString(),
    action: 'updated',
    tokenId: 1,
    tokenName: 'Website',
    owner: null,
    actor: null,
    ip: null,
    ...fields,
  })

  it('names the actor by name, else email, else sub, else Tollgate, and asks for pages by event', async () => {
    const element = await fixture<ApiTokenActivity>(
      html`<api-token-activity
        .events=${[
          event({ id: 4, actor: { sub: 'demo-admin', name: 'Demo admin', email: 'a@b.c' } }),
          event({ id: 3, actor: { sub: 'u-3', email: 'ops@example.com' } }),
          event({ id: 2, actor: { sub: 'u-2' }, action: 'deleted' }),
          event({ id: 1, action: 'disabled' }),
        ]}
        .page=${1}
        .pageCount=${2}
      ></api-token-activity>`,
    )
    const actors = [...shadowOf(element).querySelectorAll('[part="actor"]')].map(
      (actor) => actor.textContent,
    )
    expect(actors).to.deep.equal(['Demo admin', 'ops@example.com', 'u-2', 'Tollgate'])
    setTimeout(() => button(shadowOf(element), 'Next page').click())
    const asked = await oneEvent(element, 'api-token-activity-page')
    expect(asked.detail.page).to.equal(2)
    expect(button(shadowOf(element), 'Previous page').disabled).to.equal(true)
  })

  it('speaks French: heading, actions, changes and the Enabled switch', async () => {
    const element = await fixture<ApiTokenActivity>(
      html`<api-token-activity
        locale="fr"
        .events=${[event({ action: 'expired' }), event({ id: 2, changes: { enabled: [true, false] } })]}
      ></api-token-activity>`,
    )
    await waitUntil(() => textOf(shadowOf(element)).startsWith('Activité'), 'French never showed')
    const text = textOf(shadowOf(element))
    expect(text).to.contain('Tâche planifiée Expiré')
    expect(text).to.contain('Modifié')
    expect(text).to.contain('Activé : Oui → Non')
  })
})
