import { expect, fixture, html, oneEvent } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenForm } from '../../components/api-token-form/api-token-form'
import type { ApiTokenPermissions } from '../../components/api-token-permissions/api-token-permissions'
import type { RateLimitTier, Token } from '../../components/types'
import { button, choose, deepActiveElement, textOf, type } from './dom'
import { control } from './form-controls'
import { CATALOG, ROUTES, makeToken } from './fake-admin-api'

// The dialogs and the edit view's elements load when first needed: here, all at the start.
before(() => loadTollgateElements())

/** The focused element, followed through open shadow roots. */

/** What the focused control is, the way a user would say it: its role and its label. */
function focusedControl(): string {
  const active = deepActiveElement()
  if (!active || active === document.body) return 'nothing'
  const text = (node: Node | null | undefined) =>
    (node?.textContent ?? '').replace(/\s+/g, ' ').trim()
  if (active instanceof HTMLInputElement && active.type === 'checkbox') {
    return `checkbox ${text(active.closest('label'))}`
  }
  if (active.id) {
    const label = (active.getRootNode() as ShadowRoot).querySelector(`label[for="${active.id}"]`)
    if (label) return `${active.localName} ${text(label)}`
  }
  return `${active.localName} ${text(active)}`
}

const TIERS: RateLimitTier[] = [
  { name: 'standard', label: '600 requests a minute' },
  { name: 'burst', label: '60 requests a second' },
]

async function form(token: Token | null = null, tiers: RateLimitTier[] = []) {
  return fixture<ApiTokenForm>(
    html`<api-token-form .token=${token} .catalog=${CATALOG} .routes=${ROUTES} .tiers=${tiers}>
      <h1 slot="heading">Edit token</h1>
    </api-token-form>`,
  )
}

async function tab(shift = false) {
  await sendKeys({ press: shift ? 'Shift+Tab' : 'Tab' })
  return focusedControl()
}

describe('<api-token-form> keyboard', () => {
  it('reaches every field, group and checkbox with Tab in visual order', async () => {
    await form(makeToken({ name: 'Website', type: 'custom', permissions: [] }), TIERS)
    // Essentials, then the Restrictions group, then the permissions, then Save: reading order.
    expect(await tab()).to.equal('input Name')
    expect(await tab()).to.equal('textarea Description')
    expect(await tab()).to.equal('select Token duration')
    expect(await tab()).to.equal('select Token type')
    expect(await tab()).to.equal('button Enabled')
    expect(await tab()).to.equal('textarea Allowed IP addresses')
    expect(await tab()).to.equal('select Rate limit')
    expect(await tab()).to.equal('select Credits')
    expect(await tab()).to.equal('button Add row')
    expect(await tab()).to.match(/^summary Article/)
    expect(await tab()).to.match(/^summary Category/)
    expect(await tab()).to.equal('button Save')
    expect(await tab()).to.equal('nothing')
  })

  it('has no Enabled switch on create, and groups the restrictions under a legend', async () => {
    const element = await form(null, TIERS)
    expect(element.shadowRoot!.querySelector('#enabled')).to.equal(null)
    const legend = element.shadowRoot!.querySelector('fieldset.restrictions > legend')
    expect(textOf(legend!)).to.equal('Restrictions')
    const grouped = [...element.shadowRoot!.querySelectorAll('fieldset.restrictions [id]')]
    expect(grouped.map((control) => control.id)).to.include.members(['allowedIps', 'rateLimit'])
    expect(await tab()).to.equal('input Name')
    expect(await tab()).to.equal('textarea Description')
    expect(await tab()).to.equal('select Token duration')
    expect(await tab()).to.equal('select Token type')
    expect(await tab()).to.equal('textarea Allowed IP addresses')
  })

  it('previews the chosen duration as a date, and on edit only a changed one', async () => {
    const element = await form(null)
    const preview = () => element.shadowRoot!.querySelector('#lifespan-preview')
    const inDays = (days: number) =>
      new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(Date.now() + days * 86_400_000)
    expect(textOf(preview()!)).to.equal(`Expires on ${inDays(30)}`)
    choose(control<HTMLSelectElement>(element, 'lifespan'), '90 days')
    await element.updateComplete
    expect(textOf(preview()!)).to.equal(`Expires on ${inDays(90)}`)
    choose(control<HTMLSelectElement>(element, 'lifespan'), 'Unlimited')
    await element.updateComplete
    expect(textOf(preview()!)).to.equal('Never expires')

    element.token = makeToken({ name: 'Website', lifespan: 2_592_000_000 })
    await element.updateComplete
    expect(preview()).to.equal(null)
    choose(control<HTMLSelectElement>(element, 'lifespan'), '7 days')
    await element.updateComplete
    expect(textOf(preview()!)).to.equal(`Expires on ${inDays(7)}`)
  })

  it('says Loading where the permissions will appear while the catalog is on its way', async () => {
    const element = await form(null)
    const pending = () => element.shadowRoot!.querySelector('[role="status"].pending')
    expect(pending()).to.equal(null)
    element.loading = true
    await element.updateComplete
    expect(textOf(pending()!)).to.equal('Loading permissions…')
    element.loading = false
    await element.updateComplete
    expect(pending()).to.equal(null)
  })

  it('opens a group with Space and toggles its checkboxes with Space', async () => {
    const element = await form(makeToken({ name: 'Website', type: 'custom', permissions: [] }))
    ;(element.shadowRoot!.querySelector('#meta-add') as HTMLButtonElement).focus()
    expect(await tab()).to.match(/^summary Article/)
    await sendKeys({ press: 'Space' })
    expect(await tab()).to.equal('checkbox Select all Article permissions')
    for (const action of ['find', 'findOne', 'create', 'update', 'delete']) {
      expect(await tab()).to.equal(`checkbox ${action} Article`)
    }
    expect(await tab()).to.match(/^summary Category/)
    expect(await tab(true)).to.equal('checkbox delete Article')
    await sendKeys({ press: 'Space' })
    await element.updateComplete
    expect(element.value.permissions).to.deep.equal(['api::article.article.delete'])
    expect(element.value.type).to.equal('custom')
    await sendKeys({ press: 'Space' })
    await element.updateComplete
    expect(element.value.permissions).to.deep.equal([])
  })
})

function shadow(element: ApiTokenForm): ShadowRoot {
  if (!element.shadowRoot) throw new Error('<api-token-form> has no shadow root')
  return element.shadowRoot
}

/** The text a control's aria-describedby points at, or undefined. */
function description(control: HTMLElement): string | undefined {
  const ids = control.getAttribute('aria-describedby')
  if (!ids) return undefined
  const root = control.getRootNode() as ShadowRoot
  return ids
    .split(/\s+/)
    .map((id) => root.getElementById(id)?.textContent?.trim() ?? `(missing #${id})`)
    .join(' ')
}

function info(element: ApiTokenForm): string {
  return textOf(shadow(element).querySelector('[part="info"]') ?? document.createElement('p'))
}

describe('<api-token-form> fields', () => {
  it('starts a new token at 30 days and Read-only, with no info line', async () => {
    const element = await form()
    expect(
      control<HTMLSelectElement>(element, 'lifespan').selectedOptions[0]?.textContent?.trim(),
    ).to.equal('30 days')
    expect(
      control<HTMLSelectElement>(element, 'type').selectedOptions[0]?.textContent?.trim(),
    ).to.equal('Read-only')
    expect(element.value).to.deep.equal({
      name: '',
      description: '',
      lifespan: 2592000000,
      type: 'read-only',
      permissions: [],
      allowedIps: [],
      rateLimit: null,
      enabled: true,
      meta: [],
      credits: null,
    })
    expect(shadow(element).querySelector('[part="info"]')).to.equal(null)
  })

  it('loads the token being edited into the fields', async () => {
    const element = await form(
      makeToken({
        name: 'Website',
        description: 'Public site',
        lifespan: 604800000,
        type: 'full-access',
      }),
    )
    expect(control(element, 'name').value).to.equal('Website')
    expect(control<HTMLTextAreaElement>(element, 'description').value).to.equal('Public site')
    expect(
      control<HTMLSelectElement>(element, 'lifespan').selectedOptions[0]?.textContent?.trim(),
    ).to.equal('7 days')
    expect(
      control<HTMLSelectElement>(element, 'type').selectedOptions[0]?.textContent?.trim(),
    ).to.equal('Full access')
  })

  it('marks server errors on their fields with aria-invalid and aria-describedby', async () => {
    const element = await form(makeToken({ name: 'Website' }))
    element.errors = [
      {
        path: ['name'],
        name: 'ValidationError',
        message: 'Name already taken',
        code: 'name_taken',
      },
      {
        path: ['lifespan'],
        name: 'ValidationError',
        message: 'lifespan must be 7, 30 or 90 days',
        code: 'invalid_lifespan',
      },
    ]
    await element.updateComplete
    const name = control(element, 'name')
    expect(name.getAttribute('aria-invalid')).to.equal('true')
    // The admin's language, from the code: never the server's English with its field ids.
    expect(description(name)).to.equal('Another token already has this name')
    const lifespan = control<HTMLSelectElement>(element, 'lifespan')
    expect(lifespan.getAttribute('aria-invalid')).to.equal('true')
    expect(description(lifespan)).to.equal('Choose one of the durations')
    const other = control<HTMLTextAreaElement>(element, 'description')
    expect(other.getAttribute('aria-invalid')).to.equal('false')
    expect(other.hasAttribute('aria-describedby')).to.equal(false)
    // Editing a field clears its error, and only its error.
    type(name, 'Website 2')
    await element.updateComplete
    expect(name.getAttribute('aria-invalid')).to.equal('false')
    expect(description(name)).to.equal(undefined)
    expect(lifespan.getAttribute('aria-invalid')).to.equal('true')
  })

  it('refuses to save without a name, focusing Name, and emits nothing', async () => {
    const element = await form()
    let saves = 0
    element.addEventListener('api-token-save', () => saves++)
    type(control(element, 'name'), '   ')
    button(shadow(element), 'Save').click()
    await element.updateComplete
    await element.updateComplete
    const name = control(element, 'name')
    expect(saves).to.equal(0)
    expect(name.getAttribute('aria-invalid')).to.equal('true')
    expect(description(name)).to.equal('Name is required')
    expect(shadow(element).activeElement).to.equal(name)
  })

  it('refuses a Custom token without permissions, describing the picker', async () => {
    const element = await form(makeToken({ name: 'Website', type: 'custom', permissions: [] }))
    button(shadow(element), 'Save').click()
    await element.updateComplete
    const picker = control(element, 'permissions')
    expect(description(picker)).to.equal('Choose at least one permission for a Custom token')
    await element.updateComplete
    expect(deepActiveElement()?.closest('details')?.textContent).to.contain('Article')
  })

  it('emits the trimmed values on Save, permissions only for Custom', async () => {
    const element = await form(
      makeToken({ name: 'Website', type: 'custom', permissions: ['api::article.article.find'] }),
    )
    type(control(element, 'name'), '  Website v2 ')
    choose(control<HTMLSelectElement>(element, 'type'), 'Full access')
    setTimeout(() => button(shadow(element), 'Save').click())
    const saved = await oneEvent(element, 'api-token-save')
    expect(saved.detail.draft).to.deep.equal({
      name: 'Website v2',
      description: '',
      lifespan: null,
      type: 'full-access',
      permissions: [],
      allowedIps: [],
      rateLimit: null,
      enabled: true,
      // Credits unchanged are not sent (sending them replaces the live balance).
      meta: [],
    })
  })
})

describe('<api-token-form> dirty', () => {
  it('is false as loaded, true after an edit, false again when the edit is undone', async () => {
    const element = await form(makeToken({ name: 'Website', lifespan: 604800000 }))
    expect(element.dirty).to.equal(false)
    choose(control<HTMLSelectElement>(element, 'lifespan'), '90 days')
    expect(element.dirty).to.equal(true)
    choose(control<HTMLSelectElement>(element, 'lifespan'), '7 days')
    expect(element.dirty).to.equal(false)
    type(control(element, 'name'), 'Website ')
    expect(element.dirty, 'a trailing space is not a change Save would send').to.equal(false)
    type(control<HTMLTextAreaElement>(element, 'description'), 'New')
    expect(element.dirty).to.equal(true)
  })

  it('tracks permission changes of a Custom token, and resets when a new token is loaded', async () => {
    const element = await form(
      makeToken({ name: 'Website', type: 'custom', permissions: ['api::article.article.find'] }),
    )
    const picker = control<ApiTokenPermissions>(element, 'permissions')
    const findOne = [...picker.shadowRoot!.querySelectorAll<HTMLInputElement>('.actions input')][1]!
    findOne.click()
    await element.updateComplete
    expect(element.dirty).to.equal(true)
    findOne.click()
    await element.updateComplete
    expect(element.dirty).to.equal(false)
    type(control(element, 'name'), 'Changed')
    expect(element.dirty).to.equal(true)
    element.token = makeToken({ name: 'Other' })
    await element.updateComplete
    expect(element.dirty).to.equal(false)
    expect(control(element, 'name').value).to.equal('Other')
  })

  it('compares a new token with the defaults', async () => {
    const element = await form()
    expect(element.dirty).to.equal(false)
    type(control(element, 'name'), 'Website')
    expect(element.dirty).to.equal(true)
  })
})

describe('<api-token-form> key and expiry line', () => {
  const noon = '2030-03-12T12:00:00.000Z'

  it('shows the key hint in monospace and the exact expiry date in English by default', async () => {
    const element = await form(
      makeToken({ name: 'Website', keyHint: 'tg_4fQz…9aB1', expiresAt: noon }),
    )
    const hint = shadow(element).querySelector('[part="key-hint"]')!
    expect(hint.textContent).to.equal('tg_4fQz…9aB1')
    expect(getComputedStyle(hint).fontFamily).to.match(/monospace/)
    expect(info(element)).to.match(/^Key tg_4fQz…9aB1 Expires on March 12, 2030 at \d{1,2}:\d{2}/)
    expect(shadow(element).querySelector('time')?.getAttribute('datetime')).to.equal(noon)
  })

  it('says Expired on for a date past and Never expires without one', async () => {
    const element = await form(makeToken({ name: 'Old', expiresAt: '2020-01-05T12:00:00.000Z' }))
    expect(info(element)).to.match(/Expired on January 5, 2020/)
    element.token = makeToken({ name: 'Forever', expiresAt: null })
    await element.updateComplete
    expect(info(element)).to.match(/Never expires$/)
  })

  it("writes the date in the nearest ancestor's language, or the locale property", async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div lang="fr">
        <api-token-form .token=${makeToken({ name: 'Website', expiresAt: noon })}></api-token-form>
      </div>`,
    )
    const element = host.querySelector('api-token-form')!
    expect(info(element)).to.contain('12 mars 2030')
    element.locale = 'de'
    await element.updateComplete
    expect(info(element)).to.contain('12. März 2030')
  })

  it('finds the language across shadow roots, as in the section', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="es"></div>`)
    const element = document.createElement('api-token-form')
    element.token = makeToken({ name: 'Website', expiresAt: noon })
    host.attachShadow({ mode: 'open' }).append(element)
    await element.updateComplete
    expect(info(element)).to.contain('12 de marzo de 2030')
  })

  it('falls back to English for a language Intl does not accept', async () => {
    const element = await fixture<ApiTokenForm>(
      html`<api-token-form
        lang="not a tag!"
        .token=${makeToken({ name: 'W', expiresAt: noon })}
      ></api-token-form>`,
    )
    expect(info(element)).to.contain('March 12, 2030')
  })
})

describe('<api-token-form> focus and accessibility', () => {
  it('focusHeading focuses the slotted heading without putting it in the Tab order', async () => {
    const element = await form(makeToken({ name: 'Website' }))
    const heading = element.querySelector('h1')!
    expect(element.focusHeading()).to.equal(true)
    expect(document.activeElement).to.equal(heading)
    expect(heading.tabIndex).to.equal(-1)
    const bare = await fixture<ApiTokenForm>(html`<api-token-form></api-token-form>`)
    expect(bare.focusHeading()).to.equal(false)
  })

  it('focusFirstField focuses Name', async () => {
    const element = await form(makeToken({ name: 'Website' }))
    element.focusFirstField()
    expect(deepActiveElement()).to.equal(control(element, 'name'))
  })

  it('has no axe violations, creating, editing with errors, and read-only', async () => {
    const element = await form()
    await expect(element).to.be.accessible()
    element.token = makeToken({
      name: 'Website',
      type: 'custom',
      permissions: ['api::article.article.find'],
      expiresAt: '2030-03-12T12:00:00.000Z',
    })
    element.errors = [
      {
        path: ['name'],
        name: 'ValidationError',
        message: 'Name already taken',
        code: 'name_taken',
      },
    ]
    await element.updateComplete
    await expect(element).to.be.accessible()
    element.readonly = true
    await element.updateComplete
    await expect(element).to.be.accessible()
  })
})

describe('<api-token-form> permissions by token type', () => {
  function picker(element: ApiTokenForm): ApiTokenPermissions {
    return control<ApiTokenPermissions>(element, 'permissions')
  }

  /** Each Article action as `name:state`, state one of on, off, on-locked, off-locked. */
  function articleStates(element: ApiTokenForm): string[] {
    const details = picker(element).shadowRoot?.querySelector('details')
    if (!details) throw new Error('the picker shows no group')
    return [...details.querySelectorAll<HTMLInputElement>('.actions input')].map(
      (input) =>
        `${textOf(input.closest('label')!).split(' ')[0]}:${input.checked ? 'on' : 'off'}${input.disabled ? '-locked' : ''}`,
    )
  }

  it('shows what Read-only implies, ticked and locked, on a new token', async () => {
    const element = await form()
    await picker(element).updateComplete
    expect(articleStates(element)).to.deep.equal([
      'find:on-locked',
      'findOne:on-locked',
      'create:off-locked',
      'update:off-locked',
      'delete:off-locked',
    ])
  })

  it('locks every action for Full access', async () => {
    const element = await form()
    choose(control<HTMLSelectElement>(element, 'type'), 'Full access')
    await element.updateComplete
    await picker(element).updateComplete
    expect(articleStates(element).every((state) => state.endsWith(':on-locked'))).to.equal(true)
  })

  it('starts Custom from what the previous type granted, editable', async () => {
    const element = await form()
    choose(control<HTMLSelectElement>(element, 'type'), 'Custom')
    await element.updateComplete
    await picker(element).updateComplete
    expect(articleStates(element)).to.deep.equal([
      'find:on',
      'findOne:on',
      'create:off',
      'update:off',
      'delete:off',
    ])
    expect(element.value.permissions).to.deep.equal([
      'api::article.article.find',
      'api::article.article.findOne',
      'api::category.category.find',
    ])
  })

  it('keeps a Custom selection across a change of type and back', async () => {
    const element = await form(
      makeToken({ name: 'W', type: 'custom', permissions: ['api::article.article.delete'] }),
    )
    choose(control<HTMLSelectElement>(element, 'type'), 'Full access')
    await element.updateComplete
    choose(control<HTMLSelectElement>(element, 'type'), 'Custom')
    await element.updateComplete
    await picker(element).updateComplete
    expect(element.value.permissions).to.deep.equal(['api::article.article.delete'])
    expect(articleStates(element)).to.include('delete:on').and.include('find:off')
    expect(element.dirty).to.equal(false)
  })
})

describe('<api-token-form> allowed IP addresses and rate limit', () => {
  const addresses = (element: ApiTokenForm) => control<HTMLTextAreaElement>(element, 'allowedIps')
  const optionLabels = (select: HTMLSelectElement) =>
    [...select.options].map((option) => option.textContent!.trim())

  it('sends the addresses as trimmed lines without blanks, and the chosen tier', async () => {
    const element = await form(null, TIERS)
    type(control(element, 'name'), 'Website')
    type(addresses(element), '  203.0.113.7 \n\n\t2001:db8::/32  \n \n10.0.0.0/8')
    choose(control<HTMLSelectElement>(element, 'rateLimit'), '60 requests a second')
    setTimeout(() => button(shadow(element), 'Save').click())
    const saved = await oneEvent(element, 'api-token-save')
    expect(saved.detail.draft).to.deep.include({
      allowedIps: ['203.0.113.7', '2001:db8::/32', '10.0.0.0/8'],
      rateLimit: 'burst',
    })
  })

  it('keeps what is typed, blank lines included, while editing', async () => {
    const element = await form(null, TIERS)
    type(addresses(element), '10.0.0.1\n')
    await element.updateComplete
    expect(addresses(element).value).to.equal('10.0.0.1\n')
    expect(element.dirty).to.equal(true)
  })

  it('fills both from the token on edit, and sends "No limit" as null', async () => {
    const token = makeToken({
      name: 'Website',
      allowedIps: ['10.0.0.0/8', '192.0.2.1'],
      rateLimit: 'standard',
    })
    const element = await form(token, TIERS)
    expect(addresses(element).value).to.equal('10.0.0.0/8\n192.0.2.1')
    const select = control<HTMLSelectElement>(element, 'rateLimit')
    expect(select.selectedOptions[0]?.textContent?.trim()).to.equal('600 requests a minute')
    expect(element.dirty).to.equal(false)
    choose(select, 'No limit')
    type(addresses(element), '')
    expect(element.dirty).to.equal(true)
    setTimeout(() => button(shadow(element), 'Save').click())
    const saved = await oneEvent(element, 'api-token-save')
    expect(saved.detail.draft).to.deep.include({ allowedIps: [], rateLimit: null })
  })

  it('opens a token from a worker without the fields as unrestricted and unlimited', async () => {
    const { allowedIps: _ips, rateLimit: _tier, ...older } = makeToken({ name: 'Website' })
    const element = await form(older as Token, TIERS)
    expect(addresses(element).value).to.equal('')
    expect(
      control<HTMLSelectElement>(element, 'rateLimit').selectedOptions[0]?.textContent?.trim(),
    ).to.equal('No limit')
    expect(element.dirty).to.equal(false)
  })

  it('says in its hint that one entry goes per line and that empty allows any address', async () => {
    const element = await form()
    expect(description(addresses(element))).to.equal(
      'One IP or CIDR range per line, at most 20 (e.g. 10.0.0.0/8). Empty: any address.',
    )
  })

  it('shows the server’s error for a bad entry on the field, with the hint', async () => {
    const element = await form(makeToken({ name: 'Website' }))
    const message = 'allowedIps: "10.0.0.300" is not an IP address or CIDR range'
    element.errors = [
      { path: ['allowedIps'], name: 'ValidationError', message, code: 'ip_invalid' },
    ]
    await element.updateComplete
    const field = addresses(element)
    expect(field.getAttribute('aria-invalid')).to.equal('true')
    const shown = 'An entry is not an IP address or CIDR range'
    expect(description(field)).to.match(/Empty: any address\. An entry is not an IP/)
    expect(textOf(shadow(element))).not.to.contain('allowedIps')
    element.focusFirstError()
    expect(deepActiveElement()).to.equal(field)
    type(field, '10.0.0.3')
    await element.updateComplete
    expect(field.getAttribute('aria-invalid')).to.equal('false')
    expect(textOf(shadow(element))).not.to.contain(shown)
  })

  it('refuses bad IP entries before sending, naming each, with the other errors at once', async () => {
    const element = await form()
    let saves = 0
    element.addEventListener('api-token-save', () => saves++)
    type(addresses(element), '192.0.2.1\n10.0.0.300\n\n10.0.0.5/24')
    button(shadow(element), 'Save').click()
    await element.updateComplete
    expect(saves).to.equal(0)
    expect(description(control(element, 'name'))).to.equal('Name is required')
    const field = addresses(element)
    expect(field.getAttribute('aria-invalid')).to.equal('true')
    expect(description(field)).to.contain(
      '“10.0.0.300” is not an IP address or CIDR range “10.0.0.5/24” has bits set past its prefix: did you mean 10.0.0.0/24?',
    )
    expect(shadow(element).activeElement).to.equal(control(element, 'name'))
  })

  it('refuses more than 20 entries before sending, focusing the field', async () => {
    const element = await form()
    let saves = 0
    element.addEventListener('api-token-save', () => saves++)
    type(control(element, 'name'), 'Website')
    const lines = Array.from({ length: 21 }, (_, i) => `10.0.0.${i}`)
    type(addresses(element), [...lines, '', '  '].join('\n'))
    button(shadow(element), 'Save').click()
    await element.updateComplete
    await element.updateComplete
    expect(saves).to.equal(0)
    expect(description(addresses(element))).to.contain(
      'Enter at most 20 addresses or ranges (21 entered)',
    )
    expect(deepActiveElement()).to.equal(addresses(element))
    // Twenty, blank lines aside, is allowed.
    type(addresses(element), [...lines.slice(1), '', ''].join('\n'))
    setTimeout(() => button(shadow(element), 'Save').click())
    const saved = await oneEvent(element, 'api-token-save')
    expect(saved.detail.draft.allowedIps).to.have.length(20)
  })

  it('has no Rate limit field without tiers, and "No limit" and the tiers with them', async () => {
    const element = await form(makeToken({ name: 'Website' }))
    expect(shadow(element).getElementById('rateLimit')).to.equal(null)
    expect(textOf(shadow(element))).not.to.contain('Rate limit')
    element.tiers = TIERS
    await element.updateComplete
    const select = control<HTMLSelectElement>(element, 'rateLimit')
    expect(optionLabels(select)).to.deep.equal([
      'No limit',
      '600 requests a minute',
      '60 requests a second',
    ])
    expect(select.selectedOptions[0]?.textContent?.trim()).to.equal('No limit')
  })

  it('keeps a tier no longer offered, so saving other edits does not drop it', async () => {
    const element = await form(makeToken({ name: 'Website', rateLimit: 'legacy' }), TIERS)
    const select = control<HTMLSelectElement>(element, 'rateLimit')
    expect(select.selectedOptions[0]?.textContent?.trim()).to.equal('legacy')
    type(control(element, 'name'), 'Website 2')
    setTimeout(() => button(shadow(element), 'Save').click())
    const saved = await oneEvent(element, 'api-token-save')
    expect(saved.detail.draft.rateLimit).to.equal('legacy')
  })

  it('shows a server error for the tier on the select', async () => {
    const element = await form(makeToken({ name: 'Website' }), TIERS)
    element.errors = [
      {
        path: ['rateLimit'],
        name: 'ValidationError',
        message: 'rateLimit: unknown tier',
        code: 'unknown_tier',
      },
    ]
    await element.updateComplete
    const select = control<HTMLSelectElement>(element, 'rateLimit')
    expect(select.getAttribute('aria-invalid')).to.equal('true')
    expect(description(select)).to.equal('This rate limit no longer exists: choose another')
  })

  it('disables both when read-only, and stays free of axe violations', async () => {
    const element = await form(
      makeToken({ name: 'Website', allowedIps: ['10.0.0.0/8'], rateLimit: 'standard' }),
      TIERS,
    )
    await expect(element).to.be.accessible()
    element.readonly = true
    await element.updateComplete
    expect(addresses(element).disabled).to.equal(true)
    expect(control<HTMLSelectElement>(element, 'rateLimit').disabled).to.equal(true)
    await expect(element).to.be.accessible()
  })
})
