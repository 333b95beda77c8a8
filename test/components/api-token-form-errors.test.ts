// The form's field errors in the admin's language (issue #21): the worker's machine codes
// (SPEC §2) shown from the form's tables under the right field, never with a field id;
// and the name and description counted, never cut.
import { expect, fixture, html } from '@open-wc/testing'
import type { FieldErrorCode } from '../../contract/api-tokens'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenForm } from '../../components/api-token-form/api-token-form'
import type { FieldError, RateLimitTier, Token } from '../../components/types'
import { button, textOf, type } from './dom'
import { CATALOG, ROUTES, makeToken } from './fake-admin-api'

before(() => loadTollgateElements())

const TIERS: RateLimitTier[] = [{ name: 'standard', label: '600 requests a minute' }]

async function form(locale: string, token: Token | null = makeToken({ name: 'Website' })) {
  return fixture<ApiTokenForm>(
    html`<api-token-form
      .token=${token}
      .catalog=${CATALOG}
      .routes=${ROUTES}
      .tiers=${TIERS}
      locale=${locale}
      show-owner
    ></api-token-form>`,
  )
}

function control(element: ApiTokenForm, id: string): HTMLElement {
  const found = element.shadowRoot!.getElementById(id)
  if (!found) throw new Error(`no #${id} in <api-token-form>`)
  return found
}

/** The error text under a field: the `#<field>-error` its control points at. */
function errorUnder(element: ApiTokenForm, field: string): string | undefined {
  const describedBy = control(element, field).getAttribute('aria-describedby') ?? ''
  if (!describedBy.split(' ').includes(`${field}-error`)) return undefined
  return element.shadowRoot!.getElementById(`${field}-error`)?.textContent?.trim()
}

const error = (field: string, code: FieldErrorCode, message: string): FieldError => ({
  path: [field],
  name: 'ValidationError',
  message,
  code,
})

/** Each code on its field, with the server's English and what French and German say. */
const CASES: { field: string; code: FieldErrorCode; message: string; fr: string; de: string }[] = [
  {
    field: 'name',
    code: 'name_taken',
    message: 'Name already taken',
    fr: 'Un autre jeton porte déjà ce nom',
    de: 'Ein anderes Token hat bereits diesen Namen',
  },
  {
    field: 'name',
    code: 'too_long',
    message: 'name must be at most 100 characters',
    fr: '100 caractères au plus (7 saisis)',
    de: 'Höchstens 100 Zeichen (7 eingegeben)',
  },
  {
    field: 'name',
    code: 'invisible_characters',
    message: 'name must not contain control or invisible characters',
    fr: 'Retirez les caractères invisibles ou de contrôle',
    de: 'Entfernen Sie unsichtbare oder Steuerzeichen',
  },
  {
    field: 'description',
    code: 'too_long',
    message: 'description must be at most 256 characters',
    fr: '256 caractères au plus (0 saisis)',
    de: 'Höchstens 256 Zeichen (0 eingegeben)',
  },
  {
    field: 'lifespan',
    code: 'invalid_lifespan',
    message: 'lifespan must be one of the following values: …',
    fr: 'Choisissez l’une des durées',
    de: 'Wählen Sie eine der Laufzeiten',
  },
  {
    field: 'type',
    code: 'invalid_type',
    message: 'type must be one of the following values: …',
    fr: 'Choisissez l’un des types de jeton',
    de: 'Wählen Sie einen der Token-Typen',
  },
  {
    field: 'allowedIps',
    code: 'ip_invalid',
    message: 'allowedIps: "x" is not an IP address or CIDR range',
    fr: 'Une entrée n’est ni une adresse IP ni une plage CIDR',
    de: 'Ein Eintrag ist weder eine IP-Adresse noch ein CIDR-Bereich',
  },
  {
    field: 'allowedIps',
    code: 'ip_host_bits',
    message: 'allowedIps: "10.0.0.1/8" has bits set past its prefix',
    fr: 'Une plage a des bits au-delà de son préfixe',
    de: 'Ein Bereich hat Bits nach seinem Präfix gesetzt',
  },
  {
    field: 'allowedIps',
    code: 'too_many_ips',
    message: 'allowedIps may hold at most 20 entries',
    fr: 'Saisissez au plus 20 adresses ou plages (0 saisies)',
    de: 'Höchstens 20 Adressen oder Bereiche angeben (0 angegeben)',
  },
  {
    field: 'rateLimit',
    code: 'unknown_tier',
    message: 'rateLimit must be null or one of …',
    fr: 'Cette limite de débit n’existe plus : choisissez-en une autre',
    de: 'Diese Ratenbegrenzung gibt es nicht mehr: Wählen Sie eine andere',
  },
  {
    field: 'permissions',
    code: 'permissions_missing',
    message: 'Missing permissions attribute for custom token',
    fr: 'Choisissez au moins une autorisation pour un jeton personnalisé',
    de: 'Wählen Sie mindestens eine Berechtigung für ein benutzerdefiniertes Token',
  },
  {
    field: 'permissions',
    code: 'unknown_permissions',
    message: 'Unknown permissions provided: a.b',
    fr: 'Certaines autorisations n’existent plus : décochez-les',
    de: 'Einige Berechtigungen gibt es nicht mehr: Entfernen Sie die Haken',
  },
]

describe('<api-token-form> errors in the admin’s language', () => {
  for (const locale of ['fr', 'de'] as const) {
    it(`shows each code in ${locale} under its field, without field ids or the server’s English`, async () => {
      const element = await form(locale)
      for (const c of CASES) {
        element.errors = [error(c.field, c.code, c.message)]
        await element.updateComplete
        const shown = errorUnder(element, c.field)
        expect(shown, `${c.code} on ${c.field}`).to.equal(c[locale])
        expect(shown).not.to.match(new RegExp(`\\b${c.field}\\b`))
        expect(textOf(element.shadowRoot!)).not.to.contain(c.message)
      }
    })
  }

  it('shows an owner error under Owner on create, in Spanish', async () => {
    const element = await form('es', null)
    element.errors = [
      error('owner', 'owner_invalid', 'owner must be 1–128 visible ASCII characters'),
    ]
    await element.updateComplete
    expect(errorUnder(element, 'owner')).to.equal(
      'Use de 1 a 128 caracteres ASCII visibles, sin espacios',
    )
  })

  it('shows the host’s own text for a code, the legend and the counter (strings)', async () => {
    const element = await form('fr')
    element.strings = {
      name_taken: 'Ce nom est pris chez nous',
      restrictions: 'Limites',
      charactersLeft: 'Encore {count}',
    }
    element.errors = [error('name', 'name_taken', 'Name already taken')]
    await element.updateComplete
    expect(errorUnder(element, 'name')).to.equal('Ce nom est pris chez nous')
    const legend = element.shadowRoot!.querySelector('fieldset.restrictions > legend')
    expect(textOf(legend!)).to.equal('Limites')
    type(control(element, 'name') as HTMLInputElement, 'x'.repeat(95))
    await element.updateComplete
    expect(textOf(element.shadowRoot!.querySelector('#name-count [aria-live]')!)).to.equal(
      'Encore 5',
    )
  })

  it('falls back to a generic message for the field when the code is unknown', async () => {
    const element = await form('fr')
    const unknown = { ...error('name', 'required', 'name: something new'), code: 'new_rule' }
    element.errors = [unknown as unknown as FieldError]
    await element.updateComplete
    expect(errorUnder(element, 'name')).to.equal('Cette valeur a été refusée')
  })
})

describe('<api-token-form> lengths', () => {
  it('counts the name as typed, lets it run past 100, and refuses it on Save', async () => {
    const element = await form('en', null)
    let saves = 0
    element.addEventListener('api-token-save', () => saves++)
    const name = control(element, 'name') as HTMLInputElement
    expect(name.hasAttribute('maxlength')).to.equal(false)
    const counter = element.shadowRoot!.getElementById('name-count')!
    type(name, 'n'.repeat(85))
    await element.updateComplete
    expect(counter.querySelector('[aria-hidden]')!.textContent).to.equal('85 / 100')
    const live = counter.querySelector('[aria-live="polite"]')!
    expect(live.textContent).to.equal('')
    type(name, 'n'.repeat(95))
    await element.updateComplete
    expect(live.textContent).to.equal('5 characters left')
    type(name, 'n'.repeat(117))
    await element.updateComplete
    expect(name.value).to.have.length(117)
    expect(counter.querySelector('[aria-hidden]')!.textContent).to.equal('117 / 100')
    expect(live.textContent).to.equal('17 characters too many')
    expect(counter.classList.contains('over')).to.equal(true)
    button(element.shadowRoot!, 'Save').click()
    await element.updateComplete
    expect(saves).to.equal(0)
    expect(errorUnder(element, 'name')).to.equal('At most 100 characters (117 entered)')
  })

  it('counts the description against the worker’s 256', async () => {
    const element = await form('de', null)
    const field = control(element, 'description') as HTMLTextAreaElement
    expect(field.hasAttribute('maxlength')).to.equal(false)
    type(field, 'd'.repeat(250))
    await element.updateComplete
    const counter = element.shadowRoot!.getElementById('description-count')!
    expect(counter.querySelector('[aria-hidden]')!.textContent).to.equal('250 / 256')
    expect(counter.querySelector('[aria-live]')!.textContent).to.equal('Noch 6 Zeichen')
  })
})
