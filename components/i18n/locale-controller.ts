import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { builtInStrings, format, languageOf, loadStrings } from './locale'
import { en, type StringOverrides, type Strings } from './strings-en'

/** What an element offers to choose its language and strings. */
export interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  /** A BCP 47 tag that wins over `lang` (e.g. `fr-CA`). */
  locale?: string
  /** Host overrides of any string, by key. */
  strings?: StringOverrides
}

/**
 * The element's language and strings: `locale` if set, else `lang` (its own or the
 * nearest ancestor's, across shadow roots), with the host's `strings` over the
 * built-in table. Re-renders the element when its or the document's `lang` changes.
 *
 * @example
 * private i18n = new LocaleController(this)
 * render() { return html`<h1>${this.i18n.t('heading')}</h1>` }
 */
export class LocaleController implements ReactiveController {
  private observer?: MutationObserver
  /** The locale of the last render (`undefined` before the first). */
  private rendered?: string

  constructor(private readonly host: LocalizedHost) {
    host.addController(this)
  }

  /** The locale in use, for `Intl`. */
  get locale(): string {
    return this.host.locale || languageOf(this.host)
  }

  /** A string in the element's language, placeholders filled. */
  readonly t = (key: keyof Strings, values?: Record<string, string | number>): string => {
    const template = this.host.strings?.[key] ?? (builtInStrings(this.locale) ?? en)[key]
    return format(template, values)
  }

  /** Before each render: a language not loaded yet loads, then the element renders again. */
  hostUpdate(): void {
    const { locale } = this
    this.rendered = locale
    if (builtInStrings(locale)) return
    loadStrings(locale).then(
      () => this.host.requestUpdate(),
      (error: unknown) => console.error('[tollgate] no strings for', locale, error),
    )
  }

  /**
   * Watches `lang` on the element and the document; and, since a move (or a stay outside
   * the document) may have changed which ancestor's `lang` applies, renders again when
   * the language is no longer the one last rendered.
   */
  hostConnected(): void {
    this.observer = new MutationObserver(() => this.host.requestUpdate())
    const options = { attributes: true, attributeFilter: ['lang'] }
    this.observer.observe(this.host, options)
    this.observer.observe(document.documentElement, options)
    if (this.rendered !== undefined && this.rendered !== this.locale) this.host.requestUpdate()
  }

  /**
   * Stops watching. A `lang` changed just before (a move disconnects the element at once)
   * has a record not delivered yet, which `disconnect()` would drop: it is read first.
   */
  hostDisconnected(): void {
    if (this.observer?.takeRecords().length) this.host.requestUpdate()
    this.observer?.disconnect()
    this.observer = undefined
  }
}
