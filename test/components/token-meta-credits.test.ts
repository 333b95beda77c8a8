// Metadata rows and credits in the form (SPEC §13): the rows' keyboard and focus, the
// form's own checks, what create and edit send (credits only when changed: sending them
// replaces the live balance), the view screen's words, French, and the dark theme.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenForm } from '../../components/api-token-form/api-token-form'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import { DARK } from '../../components/internal/styles/palette'
import { bodyOf, type TokenDraft } from '../../components/internal/token-draft'
import type { Token } from '../../components/types'
import {
  button,
  choose,
  deepActiveElement,
  field,
  hasButton,
  maybeField,
  rowAction,
  shadowOf,
  textOf,
  type,
} from './dom'
import { control, save } from './form-controls'
import { ALL_ACTIONS, CATALOG, FakeAdminApi, ROUTES, makeToken } from './fake-admin-api'

before(() => loadTollgateElements())

async function form(token: Token | null = null) {
  return fixture<ApiTokenForm>(
    html`<api-token-form .token=${token} .catalog=${CATALOG} .routes=${ROUTES}>
      <h1 slot="heading">Token</h1>
    </api-token-form>`,
  )
}

/** The metadata rows as the fields show them: `[key, value]` each. */
function rows(element: ApiTokenForm): [string, string][] {
  return [...shadowOf(element).querySelectorAll('.meta-row:not(.meta-head)')].map((row) => {
    const [key, value] = row.querySelectorAll('input')
    return [key!.value, value!.value]
  })
}

/** Saves, expecting the form to emit its draft. */
async function drafted(element: ApiTokenForm): Promise<TokenDraft> {
  const draft = await save(element)
  if (!draft) throw new Error('Save emitted nothing: ' + textOf(shadowOf(element)))
  return draft
}

describe('metadata rows', () => {
  it('adds, edits and removes rows; Save sends them as one object, blank rows dropped', async () => {
    const element = await form()
    type(control(element, 'name'), 'Website')
    button(shadowOf(element), 'Add row').click()
    await element.updateComplete
    type(control(element, 'meta-key-0'), ' plan ')
    type(control(element, 'meta-value-0'), 'pro')
    button(shadowOf(element), 'Add row').click()
    await element.updateComplete
    type(control(element, 'meta-key-1'), 'region')
    type(control(element, 'meta-value-1'), 'eu')
    button(shadowOf(element), 'Add row').click()
    await element.updateComplete
    type(control(element, 'meta-key-2'), 'gone')
    button(shadowOf(element), 'Add row').click()
    await element.updateComplete
    expect(rows(element)).to.deep.equal([
      [' plan ', 'pro'],
      ['region', 'eu'],
      ['gone', ''],
      ['', ''],
    ])
    button(shadowOf(element), 'Remove row 3').click()
    await element.updateComplete
    expect(rows(element)).to.deep.equal([
      [' plan ', 'pro'],
      ['region', 'eu'],
      ['', ''],
    ])
    const draft = await drafted(element)
    expect(bodyOf(draft).meta).to.deep.equal({ plan: 'pro', region: 'eu' })
  })

  it('shows a stored value that is not text as its JSON and keeps it unless edited', async () => {
    const meta = { plan: 'pro', seats: 5, beta: true, limits: { rps: 10 } }
    const element = await form(makeToken({ name: 'Website', meta }))
    expect(rows(element)).to.deep.equal([
      ['plan', 'pro'],
      ['seats', '5'],
      ['beta', 'true'],
      ['limits', '{"rps":10}'],
    ])
    // JSON values read as such: in monospace, unlike text.
    const font = (id: string) => getComputedStyle(control(element, id)).fontFamily
    expect(font('meta-value-1')).not.to.equal(font('meta-value-0'))
    expect(element.dirty).to.equal(false)
    const kept = await drafted(element)
    expect(bodyOf(kept).meta).to.deep.equal(meta)
    // Edited, the text typed over a JSON value is read as JSON: a number stays a number.
    type(control(element, 'meta-value-1'), '6')
    type(control(element, 'meta-value-2'), 'false')
    expect(element.dirty).to.equal(true)
    const edited = await drafted(element)
    expect(bodyOf(edited).meta).to.deep.equal({ ...meta, seats: 6, beta: false })
    // Typed back to what it was, nothing changed.
    type(control(element, 'meta-value-1'), '5')
    type(control(element, 'meta-value-2'), 'true')
    expect(element.dirty, 'dirty although the values read as before').to.equal(false)
    expect(bodyOf(await drafted(element)).meta).to.deep.equal(meta)
  })

  it('refuses text over a JSON value that does not parse, on its row', async () => {
    const element = await form(makeToken({ name: 'Website', meta: { seats: 5 } }))
    type(control(element, 'meta-value-0'), 'five')
    expect(await save(element)).to.equal(undefined)
    const value = control(element, 'meta-value-0')
    expect(value.getAttribute('aria-invalid')).to.equal('true')
    expect(textOf(control(element, 'meta-0-error'))).to.equal('This value is not valid')
    expect(deepActiveElement()).to.equal(value)
    type(value, '"five"')
    expect(bodyOf(await drafted(element)).meta).to.deep.equal({ seats: 'five' })
  })

  it('keeps stored keys as stored; trims only the keys typed', async () => {
    const meta = { ' plan': 'pro', 'tier ': 'gold' }
    const element = await form(makeToken({ name: 'Website', meta }))
    type(control(element, 'description'), 'changed')
    expect(bodyOf(await drafted(element)).meta).to.deep.equal(meta)
    // A stored key retyped is a typed key: trimmed.
    type(control(element, 'meta-key-1'), ' tier2 ')
    expect(bodyOf(await drafted(element)).meta).to.deep.equal({ ' plan': 'pro', tier2: 'gold' })
  })

  it('focuses the new key after Add row, and a neighbour after a remove', async () => {
    const element = await form(makeToken({ name: 'Website', meta: { a: '1', b: '2' } }))
    button(shadowOf(element), 'Add row').click()
    await element.updateComplete
    expect(deepActiveElement()).to.equal(control(element, 'meta-key-2'))
    // Removing a row with one below: that row's key, now in its place.
    button(shadowOf(element), 'Remove row 1').click()
    await element.updateComplete
    expect(deepActiveElement()).to.equal(control(element, 'meta-key-0'))
    expect(control(element, 'meta-key-0').value).to.equal('b')
    // Removing the last row: Add row.
    button(shadowOf(element), 'Remove row 2').click()
    await element.updateComplete
    expect(deepActiveElement()).to.equal(control(element, 'meta-add'))
    button(shadowOf(element), 'Remove row 1').click()
    await element.updateComplete
    expect(deepActiveElement()).to.equal(control(element, 'meta-add'))
    expect(rows(element)).to.deep.equal([])
  })

  it('moves on with Enter instead of submitting: key → value → a new row, never a blank one', async () => {
    const element = await form(makeToken({ name: 'Website' }))
    let saved = 0
    element.addEventListener('api-token-save', () => (saved += 1))
    button(shadowOf(element), 'Add row').click()
    await element.updateComplete
    await sendKeys({ type: 'plan' })
    await sendKeys({ press: 'Enter' })
    await element.updateComplete
    expect(deepActiveElement()).to.equal(control(element, 'meta-value-0'))
    await sendKeys({ type: 'pro' })
    await sendKeys({ press: 'Enter' })
    await element.updateComplete
    expect(deepActiveElement()).to.equal(control(element, 'meta-key-1'))
    // Enter through the new, empty row adds nothing more.
    await sendKeys({ press: 'Enter' })
    await sendKeys({ press: 'Enter' })
    await element.updateComplete
    expect(deepActiveElement()).to.equal(control(element, 'meta-value-1'))
    expect(rows(element)).to.deep.equal([
      ['plan', 'pro'],
      ['', ''],
    ])
    expect(saved, 'Enter in a row submitted the form').to.equal(0)
  })

  it('refuses a repeated key and an empty key on their rows, and focuses the first', async () => {
    const element = await form(makeToken({ name: 'Website', meta: { plan: 'pro' } }))
    button(shadowOf(element), 'Add row').click()
    await element.updateComplete
    type(control(element, 'meta-key-1'), 'plan ')
    type(control(element, 'meta-value-1'), 'free')
    button(shadowOf(element), 'Add row').click()
    await element.updateComplete
    type(control(element, 'meta-value-2'), 'orphan')
    expect(await save(element)).to.equal(undefined)
    const key = control(element, 'meta-key-1')
    expect(key.getAttribute('aria-invalid')).to.equal('true')
    expect(control(element, 'meta-key-0').getAttribute('aria-invalid')).to.equal('false')
    const error = shadowOf(element).getElementById(key.getAttribute('aria-describedby')!)
    expect(textOf(error!)).to.equal('The key “plan” is used twice')
    expect(textOf(control(element, 'meta-2-error'))).to.equal('This field is required')
    expect(deepActiveElement()).to.equal(key)
    // Fixing a row clears the errors.
    type(key, 'tier')
    await element.updateComplete
    expect(key.getAttribute('aria-invalid')).to.equal('false')
  })

  it('refuses more than 1 KB before sending, with the server’s too_long text, on the group', async () => {
    const element = await form(makeToken({ name: 'Website', meta: { notes: 'x'.repeat(1100) } }))
    expect(await save(element)).to.equal(undefined)
    expect(textOf(control(element, 'meta-error'))).to.equal('At most 1024 bytes (1112 entered)')
    const group = shadowOf(element).querySelector('fieldset.meta')!
    expect(group.getAttribute('aria-describedby')).to.equal('meta-error')
    expect(deepActiveElement()).to.equal(control(element, 'meta-key-0'))
  })

  it('counts the 1 KB in UTF-8 bytes and says bytes, in each language', async () => {
    const meta = { notes: 'é'.repeat(600) } // 600 characters, twice as many bytes
    const count = new TextEncoder().encode(JSON.stringify(meta)).byteLength
    const said: Record<string, string> = {}
    for (const locale of ['en', 'fr', 'de', 'es']) {
      const element = await fixture<ApiTokenForm>(
        html`<api-token-form
          .token=${makeToken({ name: 'Website', meta })}
          .catalog=${CATALOG}
          .routes=${ROUTES}
          locale=${locale}
        ></api-token-form>`,
      )
      shadowOf(element).querySelector<HTMLButtonElement>('button[type="submit"]')!.click()
      await element.updateComplete
      said[locale] = textOf(control(element, 'meta-error'))
    }
    expect(said).to.deep.equal({
      en: `At most 1024 bytes (${count} entered)`,
      fr: `1024 octets au plus (${count} saisis)`,
      de: `Höchstens 1024 Byte (${count} eingegeben)`,
      es: `Como máximo 1024 bytes (${count} escritos)`,
    })
  })

  it('shows the server’s field error on meta on the group', async () => {
    const element = await form(makeToken({ name: 'Website' }))
    element.errors = [
      { path: ['meta'], name: 'ValidationError', message: 'meta too big', code: 'too_long' },
    ]
    await element.updateComplete
    expect(textOf(control(element, 'meta-error'))).to.match(/^At most 1024 bytes/)
    element.focusFirstError()
    expect(deepActiveElement()).to.equal(control(element, 'meta-add'))
  })
})

describe('credits in the form', () => {
  it('offers Unlimited and Metered; metered asks a whole balance and a refill', async () => {
    const element = await form()
    type(control(element, 'name'), 'Metered')
    const credits = field<HTMLSelectElement>(shadowOf(element), 'Credits')
    expect([...credits.options].map((o) => o.textContent?.trim())).to.deep.equal([
      'Unlimited',
      'Metered',
    ])
    expect(maybeField(shadowOf(element), 'Remaining credits')).to.equal(undefined)
    const unmetered = await drafted(element)
    expect(bodyOf(unmetered)).not.to.have.property('credits')
    choose(credits, 'Metered')
    await element.updateComplete
    // Nothing typed yet, and 1.5 later: a whole number is asked for.
    expect(await save(element)).to.equal(undefined)
    const remaining = field(shadowOf(element), 'Remaining credits')
    expect(remaining.getAttribute('aria-invalid')).to.equal('true')
    expect(textOf(control(element, 'creditsRemaining-error'))).to.equal(
      'Enter a whole number from 0 to 1,000,000,000,000',
    )
    expect(deepActiveElement()).to.equal(remaining)
    type(remaining, '1.5')
    expect(await save(element)).to.equal(undefined)
    type(remaining, '500')
    choose(field<HTMLSelectElement>(shadowOf(element), 'Refill'), 'Monthly')
    await element.updateComplete
    // The amount starts at the balance typed.
    expect(field(shadowOf(element), 'Refill to').value).to.equal('500')
    type(field(shadowOf(element), 'Refill to'), '1000')
    const metered = await drafted(element)
    expect(bodyOf(metered).credits).to.deep.equal({
      remaining: 500,
      refill: { amount: 1000, interval: 'month' },
    })
  })

  it('keeps focus on Credits and Token duration when a choice shows more fields', async () => {
    const element = await form()
    const credits = field<HTMLSelectElement>(shadowOf(element), 'Credits')
    credits.focus()
    choose(credits, 'Metered')
    await element.updateComplete
    expect(field(shadowOf(element), 'Credits')).to.equal(credits)
    expect(deepActiveElement()).to.equal(credits)
    const duration = field<HTMLSelectElement>(shadowOf(element), 'Token duration')
    duration.focus()
    choose(duration, 'Custom date')
    await element.updateComplete
    expect(maybeField(shadowOf(element), 'Expiration date')).not.to.equal(undefined)
    expect(deepActiveElement()).to.equal(duration)
  })

  it('refuses a balance or a refill above the maximum, saying it', async () => {
    const element = await form()
    type(control(element, 'name'), 'Metered')
    choose(field<HTMLSelectElement>(shadowOf(element), 'Credits'), 'Metered')
    await element.updateComplete
    type(field(shadowOf(element), 'Remaining credits'), '1000000000001')
    expect(await save(element)).to.equal(undefined)
    expect(textOf(control(element, 'creditsRemaining-error'))).to.equal(
      'Enter a whole number from 0 to 1,000,000,000,000',
    )
    type(field(shadowOf(element), 'Remaining credits'), '1000000000000')
    expect(bodyOf(await drafted(element)).credits).to.deep.equal({
      remaining: 1_000_000_000_000,
      refill: null,
    })
  })

  it('Daily → Monthly → Daily is no change: not dirty, no credits sent', async () => {
    const credits = { remaining: 40, refill: { amount: 100, interval: 'day' as const } }
    const element = await form(makeToken({ name: 'Website', credits }))
    choose(field<HTMLSelectElement>(shadowOf(element), 'Refill'), 'Monthly')
    await element.updateComplete
    expect(element.dirty).to.equal(true)
    choose(field<HTMLSelectElement>(shadowOf(element), 'Refill'), 'Daily')
    await element.updateComplete
    expect(element.dirty, 'dirty after returning to the same refill').to.equal(false)
    expect(await drafted(element)).not.to.have.property('credits')
  })

  it('on edit sends the balance only when it was edited; unmetered is null', async () => {
    const credits = { remaining: 40, refill: null }
    const element = await form(makeToken({ name: 'Website', credits }))
    choose(field<HTMLSelectElement>(shadowOf(element), 'Refill'), 'Monthly')
    await element.updateComplete
    type(field(shadowOf(element), 'Refill to'), '1000')
    // Only the refill: the worker keeps the live balance.
    expect(bodyOf(await drafted(element)).credits).to.deep.equal({
      refill: { amount: 1000, interval: 'month' },
    })
    type(field(shadowOf(element), 'Remaining credits'), '70')
    expect(bodyOf(await drafted(element)).credits).to.deep.equal({
      remaining: 70,
      refill: { amount: 1000, interval: 'month' },
    })
    choose(field<HTMLSelectElement>(shadowOf(element), 'Credits'), 'Unlimited')
    await element.updateComplete
    expect(bodyOf(await drafted(element)).credits).to.equal(null)
  })
})

describe('metadata and credits, accessibly', () => {
  it('names each row’s key and value fields by their row; the header has its own string', async () => {
    const meta = { plan: 'pro', seats: 5 }
    const element = await fixture<ApiTokenForm>(
      html`<api-token-form
        .token=${makeToken({ name: 'Website', meta })}
        .catalog=${CATALOG}
        .routes=${ROUTES}
        .strings=${{ keyHint: 'Key hint (overridden)', metaKey: 'Field' }}
      ></api-token-form>`,
    )
    const names = ['meta-key-0', 'meta-value-0', 'meta-key-1', 'meta-value-1'].map((id) =>
      control(element, id).getAttribute('aria-label'),
    )
    expect(names).to.deep.equal(['Key, row 1', 'Value, row 1', 'Key, row 2', 'Value, row 2'])
    expect(textOf(shadowOf(element).querySelector('.meta-head')!)).to.equal('Field Value')
    element.locale = 'de'
    await element.updateComplete
    expect(control(element, 'meta-value-1').getAttribute('aria-label')).to.equal('Wert, Zeile 2')
  })

  it('has no axe violations with rows, a metered balance, a refill and errors shown', async () => {
    const credits = { remaining: 5, refill: { amount: 10, interval: 'day' as const } }
    const element = await form(makeToken({ name: 'Website', meta: { a: '1', b: 2 }, credits }))
    type(control(element, 'meta-key-1'), 'a')
    type(control(element, 'creditsRemaining'), '')
    await save(element)
    expect(control(element, 'meta-key-1').getAttribute('aria-invalid')).to.equal('true')
    await expect(element).to.be.accessible()
    element.readonly = true
    await element.updateComplete
    await expect(element).to.be.accessible()
  })
})

describe('metadata and credits in a 360 px host', () => {
  it('never overflow it: rows and credit fields fit, the inputs keep a usable width', async () => {
    const credits = {
      remaining: 1_000_000,
      refill: { amount: 1_000_000, interval: 'month' as const },
    }
    const meta = { 'a-rather-long-key-name': 'and a value that goes on and on and on', n: 1 }
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 360px; overflow: auto">
        <api-token-form .token=${makeToken({ name: 'Website', meta, credits })}></api-token-form>
      </div>`,
    )
    const element = wrapper.querySelector('api-token-form')!
    await element.updateComplete
    expect(wrapper.scrollWidth, 'the host scrolls sideways').to.be.at.most(wrapper.clientWidth)
    for (const id of ['meta-key-0', 'meta-value-0', 'creditsRemaining', 'refillAmount']) {
      const { width, right } = control(element, id).getBoundingClientRect()
      expect(width, `#${id} is too narrow`).to.be.at.least(60)
      expect(right, `#${id} sticks out`).to.be.at.most(wrapper.getBoundingClientRect().right)
    }
  })
})

describe('<api-token-settings> metadata and credits', () => {
  let api: FakeAdminApi
  beforeEach(() => {
    api = new FakeAdminApi().install()
  })
  afterEach(() => api.restore())

  async function settings(attributes: { lang?: string; theme?: string } = {}) {
    const element = await fixture<ApiTokenSettings>(
      html`<api-token-settings
        api-base=${api.base}
        lang=${attributes.lang ?? 'en'}
        theme=${attributes.theme ?? 'light'}
        .getAuthToken=${() => 'jwt'}
      ></api-token-settings>`,
    )
    await waitUntil(() => shadowOf(element).querySelector('h1'), 'the section never showed')
    return element
  }

  /** Opens a row's action once the list shows the row's menu (`menu`, in the list's language). */
  async function openRow(
    element: ApiTokenSettings,
    action: string,
    menu = `Actions for ${action.replace(/^\S+ /, '')}`,
  ): Promise<void> {
    await waitUntil(() => hasButton(shadowOf(element), menu), `no ${menu}`)
    await rowAction(shadowOf(element), action, menu)
  }

  /** The section's form, once its Name field shows `name`. */
  async function openedForm(
    element: ApiTokenSettings,
    name: string,
    label = 'Name',
  ): Promise<ApiTokenForm> {
    await waitUntil(() => maybeField(shadowOf(element), label)?.value === name, 'no form')
    return shadowOf(element).querySelector('api-token-form')!
  }

  it('creates a metered token with metadata: the body holds both', async () => {
    const element = await settings()
    button(shadowOf(element), 'Create new API Token').click()
    await waitUntil(() => maybeField(shadowOf(element), 'Name'), 'no create form')
    const root = shadowOf(element)
    type(field(root, 'Name'), 'Metered')
    button(root, 'Add row').click()
    const tollgateForm = root.querySelector('api-token-form')!
    await tollgateForm.updateComplete
    type(control(tollgateForm, 'meta-key-0'), 'customer')
    type(control(tollgateForm, 'meta-value-0'), 'acme')
    choose(field<HTMLSelectElement>(root, 'Credits'), 'Metered')
    await tollgateForm.updateComplete
    type(field(root, 'Remaining credits'), '100')
    choose(field<HTMLSelectElement>(root, 'Refill'), 'Daily')
    await tollgateForm.updateComplete
    setTimeout(() => button(root, 'Save').click())
    const { detail } = await oneEvent(element, 'api-token-created')
    const [create] = api.callsTo('POST', /^\/admin\/api-tokens$/)
    expect(create!.body).to.deep.include({
      meta: { customer: 'acme' },
      credits: { remaining: 100, refill: { amount: 100, interval: 'day' } },
    })
    expect(detail.token.credits).to.deep.equal({
      remaining: 100,
      refill: { amount: 100, interval: 'day' },
    })
  })

  it('on edit shows the live balance and sends credits only when they changed', async () => {
    const token = api.add({
      name: 'Website',
      credits: { remaining: 100, refill: null },
      meta: { plan: 'pro' },
    })
    const element = await settings()
    // Requests spent meanwhile: the edit view loads the token afresh.
    token.credits = { remaining: 37, refill: null }
    await openRow(element, 'Edit Website')
    const tollgateForm = await openedForm(element, 'Website')
    await waitUntil(
      () => maybeField(shadowOf(element), 'Remaining credits')?.value === '37',
      'the live balance never showed',
    )
    type(field(shadowOf(element), 'Description'), 'The website')
    // Spent while the admin types: the edit's answer carries the live balance, as the worker's.
    token.credits = { remaining: 30, refill: null }
    setTimeout(() => button(shadowOf(element), 'Save').click())
    const { detail } = await oneEvent(element, 'api-token-updated')
    await element.updateComplete
    await tollgateForm.updateComplete
    // The form shows the balance the answer carried; nothing to save now.
    expect(detail.token.credits).to.deep.equal({ remaining: 30, refill: null })
    expect(field(shadowOf(element), 'Remaining credits').value).to.equal('30')
    expect(tollgateForm.dirty).to.equal(false)
    const [first] = api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/)
    expect(first!.body).not.to.have.property('credits')
    expect(first!.body).to.deep.include({ meta: { plan: 'pro' }, description: 'The website' })
    // Spent again; then the admin sets a new balance: that replaces it.
    token.credits = { remaining: 12, refill: null }
    type(field(shadowOf(element), 'Remaining credits'), '500')
    await tollgateForm.updateComplete
    setTimeout(() => button(shadowOf(element), 'Save').click())
    await oneEvent(element, 'api-token-updated')
    const second = api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/)[1]
    expect(second!.body).to.deep.include({ credits: { remaining: 500, refill: null } })
    expect(api.tokens[0]!.credits).to.deep.equal({ remaining: 500, refill: null })
  })

  it('a refill-only change keeps the credits spent while the admin edited', async () => {
    const token = api.add({ name: 'Website', credits: { remaining: 100, refill: null } })
    const element = await settings()
    await openRow(element, 'Edit Website')
    const tollgateForm = await openedForm(element, 'Website')
    await waitUntil(() => maybeField(shadowOf(element), 'Remaining credits')?.value === '100')
    // The gate spends 60 while the admin edits.
    token.credits = { remaining: 40, refill: null }
    choose(field<HTMLSelectElement>(shadowOf(element), 'Refill'), 'Monthly')
    await tollgateForm.updateComplete
    type(field(shadowOf(element), 'Refill to'), '1000')
    setTimeout(() => button(shadowOf(element), 'Save').click())
    const { detail } = await oneEvent(element, 'api-token-updated')
    const [put] = api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/)
    expect(put!.body).to.deep.include({
      credits: { refill: { amount: 1000, interval: 'month' } },
    })
    const live = { remaining: 40, refill: { amount: 1000, interval: 'month' } }
    expect(api.tokens[0]!.credits, 'the 60 credits spent came back').to.deep.equal(live)
    expect(detail.token.credits).to.deep.equal(live)
  })

  it('says the credits and the refill in words on the view screen', async () => {
    api.actions = ALL_ACTIONS.filter((action) => action !== 'admin::api-tokens.update')
    api.add({
      name: 'Website',
      credits: { remaining: 1234, refill: { amount: 5000, interval: 'month' } },
      meta: { plan: 'pro' },
    })
    api.add({ name: 'Free' })
    const element = await settings()
    await openRow(element, 'View Website')
    const tollgateForm = await openedForm(element, 'Website')
    const credits = control(tollgateForm, 'credits')
    expect(textOf(credits)).to.equal('Remaining credits: 1,234 Refill: Monthly Refill to: 5,000')
    expect(maybeField(shadowOf(element), 'Remaining credits')).to.equal(undefined)
    expect(control(tollgateForm, 'meta-key-0').disabled).to.equal(true)
    expect(shadowOf(tollgateForm).querySelector('#meta-add')).to.equal(null)
    button(shadowOf(element), '← Back to API Tokens').click()
    await openRow(element, 'View Free')
    const free = await openedForm(element, 'Free')
    expect(textOf(control(free, 'credits'))).to.equal('Credits: Unlimited')
    expect(textOf(shadowOf(free).querySelector('fieldset.meta')!)).to.equal('Metadata None')
  })

  it('speaks French', async () => {
    api.add({ name: 'Site', credits: { remaining: 10, refill: { amount: 10, interval: 'day' } } })
    const element = await settings({ lang: 'fr' })
    // French loads on first use: the list speaks it once its strings are there.
    await openRow(element, 'Modifier Site', 'Actions pour Site')
    const tollgateForm = await openedForm(element, 'Site', 'Nom')
    const root = shadowOf(element)
    await waitUntil(() => maybeField(root, 'Crédits restants'), 'no French credits')
    expect(
      field<HTMLSelectElement>(root, 'Crédits').selectedOptions[0]?.textContent?.trim(),
    ).to.equal('Limité')
    expect(
      field<HTMLSelectElement>(root, 'Recharge').selectedOptions[0]?.textContent?.trim(),
    ).to.equal('Quotidienne')
    expect(field(root, 'Recharger jusqu’à').value).to.equal('10')
    button(root, 'Ajouter une ligne').click()
    await tollgateForm.updateComplete
    expect(textOf(shadowOf(tollgateForm).querySelector('fieldset.meta')!)).to.include(
      'Métadonnées Clé Valeur',
    )
    expect(button(root, 'Supprimer la ligne 1').title).to.equal('Supprimer la ligne 1')
  })

  it('follows the dark theme', async () => {
    api.add({ name: 'Website', meta: { plan: 'pro' } })
    const element = await settings({ theme: 'dark' })
    await openRow(element, 'Edit Website')
    const tollgateForm = await openedForm(element, 'Website')
    type(control(tollgateForm, 'meta-key-0'), '')
    await save(tollgateForm)
    const hex = (value: string) =>
      `rgb(${[1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)).join(', ')})`
    expect(getComputedStyle(control(tollgateForm, 'meta-0-error')).color).to.equal(hex(DARK.danger))
    expect(getComputedStyle(control(tollgateForm, 'meta-value-0')).backgroundColor).to.equal(
      hex(DARK.surface),
    )
  })
})
