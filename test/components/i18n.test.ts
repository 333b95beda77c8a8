import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { LitElement } from 'lit'
import { LocaleController } from '../../components/i18n/locale-controller'
import {
  builtInLanguage,
  builtInStrings,
  format,
  formatDate,
  languageOf,
  loadStrings,
  LOCALE_LOADERS,
} from '../../components/i18n/locale'
import { en, type Strings } from '../../components/i18n/strings-en'
// The whole English table: the list view's strings and, added by this, the other views'.
import '../../components/i18n/english-views'

class LocalizedProbe extends LitElement {
  static override properties = { locale: {}, strings: { attribute: false } }
  declare locale?: string
  declare strings?: Partial<Strings>
  i18n = new LocaleController(this)
  override render() {
    return html`<h1>${this.i18n.t('heading')}</h1>
      <p>${this.i18n.t('deleteQuestion', { name: 'CI' })}</p>`
  }
}
customElements.define('localized-probe', LocalizedProbe)

const textOf = (el: Element, selector: string) =>
  el.shadowRoot!.querySelector(selector)!.textContent!.trim()

describe('languages', () => {
  const tables = () =>
    Promise.all(
      Object.keys(LOCALE_LOADERS).map(
        async (locale) => [locale, await loadStrings(locale)] as const,
      ),
    )

  it('every built-in table has every English key, none empty', async () => {
    for (const [locale, table] of await tables()) {
      expect(Object.keys(table).sort(), locale).to.deep.equal(Object.keys(en).sort())
      for (const [key, value] of Object.entries(table))
        expect(value, `${locale}.${key}`).to.not.equal('')
    }
  })

  it('keeps the placeholders of every English string in each translation', async () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()
    for (const [locale, table] of await tables()) {
      for (const key of Object.keys(en) as (keyof Strings)[]) {
        expect(placeholders(table[key]), `${locale}.${key}`).to.deep.equal(placeholders(en[key]))
      }
    }
  })

  it('finds the language on the element, then its ancestors across shadow roots', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="de"><span></span></div>`)
    const span = outer.querySelector('span')!
    expect(languageOf(span)).to.equal('de')
    const root = span.attachShadow({ mode: 'open' })
    const inner = document.createElement('b')
    root.append(inner)
    expect(languageOf(inner)).to.equal('de')
    inner.setAttribute('lang', 'es')
    expect(languageOf(inner)).to.equal('es')
  })

  it('falls back from a region to its language, and to English; loads each language once', async () => {
    expect(builtInLanguage('fr-CA')).to.equal('fr')
    expect(builtInLanguage('pt-BR')).to.equal('en')
    const first = loadStrings('fr-CA')
    expect(loadStrings('fr')).to.equal(first)
    expect((await first).heading).to.equal('Jetons d’API')
    expect(builtInStrings('fr-CA')!.heading).to.equal('Jetons d’API')
    expect(builtInStrings('pt-BR')!.heading).to.equal('API Tokens')
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Delete “{name}”?', { name: 'CI' })).to.equal('Delete “CI”?')
    expect(format('{a} and {b}', { a: 1 })).to.equal('1 and {b}')
  })

  it('formats dates in the locale', () => {
    const date = '2026-11-30T12:00:00Z'
    expect(formatDate(date, 'fr')).to.equal(
      new Intl.DateTimeFormat('fr', { dateStyle: 'medium' }).format(new Date(date)),
    )
    expect(formatDate(date, 'fr')).to.not.equal(formatDate(date, 'en'))
  })
})

describe('LocaleController', () => {
  it('renders in the lang of an ancestor, and follows a change of it', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="fr"><localized-probe></localized-probe></div>`,
    )
    const probe = wrapper.querySelector<LocalizedProbe>('localized-probe')!
    await waitUntil(() => textOf(probe, 'h1') === 'Jetons d’API', 'French never loaded')
    expect(textOf(probe, 'p')).to.equal('Voulez-vous vraiment supprimer « CI » ?')
    probe.setAttribute('lang', 'es')
    await waitUntil(() => textOf(probe, 'h1') === 'Tokens de API', 'Spanish never showed')
  })

  it('lets locale win over lang, and the host override any string', async () => {
    const probe = await fixture<LocalizedProbe>(
      html`<localized-probe lang="fr" locale="de"></localized-probe>`,
    )
    await waitUntil(() => textOf(probe, 'h1') === 'API-Tokens', 'German never showed')
    probe.strings = { heading: 'Clés' }
    await probe.updateComplete
    expect(textOf(probe, 'h1')).to.equal('Clés')
    expect(textOf(probe, 'p')).to.equal('Möchten Sie „CI“ wirklich löschen?')
  })

  it('shows a lang changed just before a move in that language after the move', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <section><localized-probe lang="fr"></localized-probe></section>
        <aside></aside>
      </div>`,
    )
    const probe = wrapper.querySelector<LocalizedProbe>('localized-probe')!
    await waitUntil(() => textOf(probe, 'h1') === 'Jetons d’API', 'French never loaded')
    await loadStrings('es')
    // The attribute's mutation record is still pending when the move disconnects the element.
    probe.setAttribute('lang', 'es')
    wrapper.querySelector('aside')!.append(probe)
    await waitUntil(
      () => textOf(probe, 'h1') === 'Tokens de API',
      `still "${textOf(probe, 'h1')}" after the move`,
    )
  })

  it('speaks the language of its new ancestors after a move', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <section lang="fr"><localized-probe></localized-probe></section>
        <aside lang="de"></aside>
      </div>`,
    )
    const probe = wrapper.querySelector<LocalizedProbe>('localized-probe')!
    await waitUntil(() => textOf(probe, 'h1') === 'Jetons d’API', 'French never loaded')
    wrapper.querySelector('aside')!.append(probe)
    await waitUntil(
      () => textOf(probe, 'h1') === 'API-Tokens',
      `still "${textOf(probe, 'h1')}" after the move`,
    )
  })
})
