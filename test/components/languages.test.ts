// The parts speak the element's language: the form, the picker, the key and the dialogs,
// each on its own (locale or lang) and through the section (locale and strings passed down).
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenDeleteDialog } from '../../components/api-token-delete-dialog/api-token-delete-dialog'
import type { ApiTokenForm } from '../../components/api-token-form/api-token-form'
import type { ApiTokenKey } from '../../components/api-token-key/api-token-key'
import type { ApiTokenPermissions } from '../../components/api-token-permissions/api-token-permissions'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import type { ApiTokenUsage } from '../../components/api-token-usage/api-token-usage'
import { button, deepQueryAll, field, hasButton, rowAction, shadowOf, textOf, type } from './dom'
import { CATALOG, FakeAdminApi, ROUTES, makeToken } from './fake-admin-api'

// The dialogs and the edit view's elements load when first needed: here, all at the start.
before(() => loadTollgateElements())

const optionsOf = (select: HTMLSelectElement) =>
  [...select.options].map((option) => option.textContent!.trim())

describe('the form in French', () => {
  it('labels its fields, options, hint, key line and Save in French, and validates in French', async () => {
    const element = await fixture<ApiTokenForm>(
      html`<api-token-form
        locale="fr"
        .catalog=${CATALOG}
        .routes=${ROUTES}
        .token=${makeToken({ name: 'Website', expiresAt: '2030-03-12T12:00:00.000Z' })}
      ></api-token-form>`,
    )
    const root = shadowOf(element)
    await waitUntil(() => textOf(root).includes('Durée du jeton'), 'French never showed')
    for (const label of ['Nom', 'Description', 'Durée du jeton', 'Type de jeton']) {
      expect(field(root, label).localName, label).to.match(/^(input|textarea|select)$/)
    }
    expect(textOf(root)).not.to.contain('Token duration')
    expect(optionsOf(field<HTMLSelectElement>(root, 'Durée du jeton'))).to.deep.equal([
      '7 jours',
      '30 jours',
      '90 jours',
      'Illimité',
      'Date personnalisée',
    ])
    expect(optionsOf(field<HTMLSelectElement>(root, 'Type de jeton'))).to.deep.equal([
      'Lecture seule',
      'Accès complet',
      'Personnalisé',
    ])
    expect(textOf(root.querySelector('[part="info"]')!)).to.match(/^Clé .+ Expire le 12 mars 2030/)
    expect(root.querySelector('h2')!.textContent).to.equal('Permissions')
    type(field(root, 'Nom'), ' ')
    button(root, 'Enregistrer').click()
    await element.updateComplete
    expect(textOf(root.querySelector('#name-error')!)).to.equal('Le nom est obligatoire')
  })

  it('passes its language on to the picker', async () => {
    const element = await fixture<ApiTokenForm>(
      html`<api-token-form
        locale="fr"
        .catalog=${CATALOG}
        .routes=${ROUTES}
        .token=${makeToken({ name: 'W', type: 'custom', permissions: [] })}
      ></api-token-form>`,
    )
    const picker = shadowOf(element).querySelector('api-token-permissions')!
    await waitUntil(
      () => textOf(shadowOf(picker)).includes('Tout sélectionner'),
      'the picker never spoke French',
    )
  })
})

describe('the picker in German', () => {
  it('says Alle auswählen, the route hint and its group name in German', async () => {
    const element = await fixture<ApiTokenPermissions>(
      html`<api-token-permissions
        locale="de"
        .catalog=${CATALOG}
        .routes=${ROUTES}
        type="custom"
      ></api-token-permissions>`,
    )
    const root = shadowOf(element)
    await waitUntil(() => textOf(root).includes('Alle auswählen'), 'German never showed')
    expect(textOf(root)).not.to.contain('Select all')
    expect(textOf(root)).to.contain('Fokussieren Sie eine Berechtigung, um ihre Route zu sehen.')
    expect(root.querySelector('[role="group"]')!.getAttribute('aria-label')).to.equal(
      'Berechtigungen',
    )
    root.querySelector('details')!.open = true
    root.querySelector<HTMLInputElement>('.actions input')!.focus()
    await element.updateComplete
    expect(textOf(root.querySelector('[part="route"]')!)).to.match(/^Zugehörige Route/)
  })
})

describe('the key in Spanish', () => {
  it('offers Copiar, then says Copiado once copied', async () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async () => {} },
    })
    try {
      const element = await fixture<ApiTokenKey>(
        html`<api-token-key lang="es" value="tg_secret"></api-token-key>`,
      )
      const root = shadowOf(element)
      await waitUntil(() => hasButton(root, 'Copiar'), 'Spanish never showed')
      expect(root.querySelector('h2')!.textContent).to.equal('Copia tu nuevo token de API')
      button(root, 'Copiar').click()
      await waitUntil(() => hasButton(root, 'Copiado'), 'never said Copiado')
      expect(textOf(root.querySelector('[role="status"]')!)).to.equal('Copiado al portapapeles')
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original)
    }
  })
})

describe('the delete dialog in French', () => {
  it('names the token in a French question, with Annuler and Supprimer', async () => {
    const element = await fixture<ApiTokenDeleteDialog>(
      html`<api-token-delete-dialog lang="fr" token-name="Website"></api-token-delete-dialog>`,
    )
    void element.show()
    await waitUntil(
      () => textOf(shadowOf(element)).startsWith('Supprimer le jeton'),
      'French never showed',
    )
    expect(textOf(shadowOf(element))).to.equal(
      'Supprimer le jeton Voulez-vous vraiment supprimer « Website » ? Les applications utilisant sa clé seront refusées. C’est irréversible. Annuler Supprimer',
    )
  })
})

describe('the section passes its language and strings down', () => {
  let api: FakeAdminApi
  beforeEach(() => {
    api = new FakeAdminApi().install()
  })
  afterEach(() => api.restore())

  async function section(locale?: string) {
    const element = await fixture<ApiTokenSettings>(
      html`<api-token-settings
        api-base=${api.base}
        locale=${locale ?? ''}
        .getAuthToken=${() => 'jwt-1'}
      ></api-token-settings>`,
    )
    await waitUntil(() => shadowOf(element).querySelector('h1'), 'the section never rendered')
    return element
  }

  it("reaches the form and the picker with the host's strings", async () => {
    const element = await section()
    element.strings = { selectAll: 'Tick them all', save: 'Keep it', name: 'Label' }
    await waitUntil(() => hasButton(shadowOf(element), 'Create new API Token'))
    button(shadowOf(element), 'Create new API Token').click()
    await waitUntil(
      () => textOf(shadowOf(element)).includes('Article'),
      'the form and catalog never showed',
    )
    const form = shadowOf(element).querySelector('api-token-form')!
    expect(hasButton(shadowOf(form), 'Keep it')).to.equal(true)
    expect(field(shadowOf(form), 'Label').id).to.equal('name')
    const picker = deepQueryAll(shadowOf(element), 'api-token-permissions')[0]!
    expect(textOf(shadowOf(picker))).to.contain('Tick them all')
    expect(textOf(shadowOf(picker))).not.to.contain('Select all')
  })

  it('asks before deleting in its own locale, naming the token', async () => {
    api.add({ name: 'Website' })
    const element = await section('fr')
    await waitUntil(
      () => hasButton(shadowOf(element), 'Actions pour Website'),
      `no French Actions; showing: ${textOf(shadowOf(element))}`,
    )
    await rowAction(shadowOf(element), 'Supprimer Website', 'Actions pour Website')
    const dialog = shadowOf(element).querySelector('api-token-delete-dialog')!
    await waitUntil(() => shadowOf(dialog).querySelector('dialog')?.open, 'no dialog')
    expect(textOf(shadowOf(dialog))).to.contain('Voulez-vous vraiment supprimer « Website » ?')
    button(shadowOf(dialog), 'Annuler').click()
  })
})

describe('allowed IP addresses, rate limit and usage in other languages', () => {
  const days = (passed: number, refused: number) => ({
    days: [{ date: '2026-11-30', requests: passed, refused }],
    total: { requests: passed, refused },
  })

  async function usageIn(locale: string, usage: ReturnType<typeof days>) {
    const element = await fixture<ApiTokenUsage>(
      html`<api-token-usage locale=${locale} .usage=${usage}></api-token-usage>`,
    )
    const root = shadowOf(element)
    await waitUntil(() => !textOf(root).includes('Usage'), `${locale} never showed`)
    return root
  }

  it('labels the new fields, the hint and "No limit" in French', async () => {
    const element = await fixture<ApiTokenForm>(
      html`<api-token-form
        locale="fr"
        .tiers=${[{ name: 'standard', label: '600 requests a minute' }]}
      ></api-token-form>`,
    )
    const root = shadowOf(element)
    await waitUntil(() => textOf(root).includes('Durée du jeton'), 'French never showed')
    expect(field<HTMLTextAreaElement>(root, 'Adresses IP autorisées').localName).to.equal(
      'textarea',
    )
    expect(textOf(root)).to.contain('Vide : toute adresse.')
    expect(optionsOf(field<HTMLSelectElement>(root, 'Limite de débit'))).to.deep.equal([
      'Aucune limite',
      '600 requests a minute',
    ])
  })

  it('sums up the usage with the right plural in French, German and Spanish', async () => {
    const cases: [string, ReturnType<typeof days>, string][] = [
      ['fr', days(1, 0), '1 requête acceptée, 0 refusée sur les 30 derniers jours'],
      ['fr', days(2, 3), '2 requêtes acceptées, 3 refusées sur les 30 derniers jours'],
      ['de', days(1, 1), '1 Anfrage zugelassen, 1 abgelehnt in den letzten 30 Tagen'],
      ['de', days(2, 0), '2 Anfragen zugelassen, 0 abgelehnt in den letzten 30 Tagen'],
      ['es', days(1, 2), '1 solicitud aceptada, 2 rechazadas en los últimos 30 días'],
      ['es', days(5, 1), '5 solicitudes aceptadas, 1 rechazada en los últimos 30 días'],
    ]
    for (const [locale, usage, expected] of cases) {
      const root = await usageIn(locale, usage)
      expect(textOf(root.querySelector('[part="summary"]')!), locale).to.equal(expected)
      expect(root.querySelector('svg')!.getAttribute('aria-label'), locale).to.equal(expected)
    }
  })

  it('writes numbers and days in the locale, and translates the table', async () => {
    const root = await usageIn('de', days(1234, 0))
    expect(textOf(root.querySelector('[part="summary"]')!)).to.match(/^1\.234 Anfragen zugelassen/)
    expect(textOf(root.querySelector('summary')!)).to.equal('Als Tabelle anzeigen')
    expect(
      [...root.querySelectorAll('thead th')].map((th) => th.textContent!.trim()),
    ).to.deep.equal(['Datum', 'Zugelassen', 'Abgelehnt'])
    expect(textOf(root.querySelector('tbody th')!)).to.equal('30.11.2026')
    expect(textOf(root.querySelector('h2')!)).to.equal('Nutzung')
  })

  it('says there was no request in Spanish', async () => {
    const root = await usageIn('es', days(0, 0))
    expect(textOf(root.querySelector('[part="summary"]')!)).to.equal(
      'Ninguna solicitud en los últimos 30 días',
    )
  })
})
