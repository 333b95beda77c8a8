import type { ReactiveControllerHost } from 'lit'

/**
 * The elements that are not in tollgate.js itself (SPEC §11's budget: the list view loads
 * at most 25 KB), in three chunks imported the first time a view, an action or a page
 * needs one of their elements: the dialogs (dialog-elements.ts: a delete), the create and
 * edit views' (edit-elements.ts, dialogs included) and an opened token's panels
 * (panel-elements.ts, edit view included). A chunk registers all its elements when it
 * arrives, so the form's picker is defined with the form.
 */
const dialogs = () => import('./dialog-elements').then((m) => m.DIALOG_ELEMENTS)
/** The edit view's chunk, once it has arrived: it also holds the section's form views' template. */
let editViewChunk: typeof import('./edit-elements') | undefined
const editView = () =>
  import('./edit-elements').then((chunk) => {
    editViewChunk = chunk
    return chunk.EDIT_VIEW_ELEMENTS
  })
const panels = () => import('./panel-elements').then((m) => m.PANEL_ELEMENTS)

const CHUNK_OF = {
  'api-token-delete-dialog': dialogs,
  'api-token-regenerate-dialog': dialogs,
  'api-token-confirm-dialog': dialogs,
  'api-token-form': editView,
  'api-token-permissions': editView,
  'api-token-key': editView,
  'api-token-usage': panels,
  'api-token-activity': panels,
} satisfies Record<string, () => Promise<Record<string, CustomElementConstructor>>>

/** The tag of an element loaded when first needed. */
export type LazyTag = keyof typeof CHUNK_OF

export const LAZY_TAGS = Object.keys(CHUNK_OF) as LazyTag[]

/** What the section's create and edit views render only once defined. */
export const FORM_VIEW: readonly LazyTag[] = [
  'api-token-form',
  'api-token-key',
  'api-token-regenerate-dialog',
  'api-token-confirm-dialog',
]

/** What an opened token's view shows once they arrive (nothing before): usage and activity. */
export const TOKEN_PANELS: readonly LazyTag[] = ['api-token-usage', 'api-token-activity']

/**
 * The section's template of the create, edit and view views, from the edit view's chunk:
 * `undefined` until that chunk has loaded (when the `FORM_VIEW` elements are ready).
 */
export const loadedFormView = () => editViewChunk?.formView

/** The controllers the create, edit and view views read, from the same chunk: `undefined` until it has loaded. */
export const loadedEditControllers = () => editViewChunk?.editControllers

const loading = new Map<LazyTag, Promise<void>>()

/**
 * Imports the element's chunk and registers its elements (each once, and never twice: a
 * host that loads the bundle twice does not throw); resolves when the tag is defined. A
 * failed import is tried again on the next call.
 */
export function loadElement(tag: LazyTag): Promise<void> {
  let loaded = loading.get(tag)
  if (!loaded) {
    loaded = CHUNK_OF[tag]().then((elements) => {
      for (const [name, element] of Object.entries(elements)) {
        if (!customElements.get(name)) customElements.define(name, element)
      }
    })
    loading.set(tag, loaded)
    loaded.catch(() => loading.delete(tag))
  }
  return loaded
}

/**
 * Watches a document for lazily loaded elements used on their own (`<api-token-usage>`
 * in a host's page) and loads each the first time it appears. Elements inside shadow roots
 * are their renderer's to load: the section loads its own, a host calls `loadElement`.
 */
export function loadWhenUsed(document: Document): void {
  const selector = LAZY_TAGS.join(',')
  const load = (root: Element) => {
    for (const element of [root, ...root.querySelectorAll(selector)]) {
      const tag = element.localName as LazyTag
      if (tag in CHUNK_OF && !customElements.get(tag)) {
        loadElement(tag).catch((error: unknown) => {
          console.error(`[tollgate] could not load <${tag}>`, error)
        })
      }
    }
  }
  load(document.documentElement)
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) load(node)
    }
    if (LAZY_TAGS.every((tag) => customElements.get(tag))) observer.disconnect()
  })
  observer.observe(document, { childList: true, subtree: true })
}

/**
 * A view's lazily loaded elements, for the element that renders it: `status(tags, visit)`
 * is `ready` once every tag is defined; before that it starts loading them, answers
 * `loading` (render a placeholder, never the element), and the host renders again when they
 * arrive. If a load fails, `onFailed` is told once and the same visit answers `failed`
 * (no retry loop); a later visit tries again.
 *
 * @example
 * private readonly lazy = new LazyElementsController(this, () => this.toast('loadFailed'))
 * render() { return this.lazy.status(['api-token-form'], visit) === 'ready' ? form : loading }
 */
export class LazyElementsController {
  private failedVisit: number | undefined
  private readonly failedPreloads = new Set<LazyTag>()

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onFailed: (error: unknown) => void,
  ) {}

  status(tags: readonly LazyTag[], visit: number): 'ready' | 'loading' | 'failed' {
    const missing = tags.filter((tag) => !customElements.get(tag))
    if (missing.length === 0) return 'ready'
    if (this.failedVisit === visit) return 'failed'
    Promise.all(missing.map(loadElement)).then(
      () => this.host.requestUpdate(),
      (error: unknown) => {
        if (this.failedVisit === visit) return
        this.failedVisit = visit
        this.onFailed(error)
        this.host.requestUpdate()
      },
    )
    return 'loading'
  }

  /** Loads what an action needs (a dialog); resolves whether it is there (`onFailed` told if not). */
  async load(tags: readonly LazyTag[]): Promise<boolean> {
    try {
      await Promise.all(tags.map(loadElement))
      return true
    } catch (error) {
      this.onFailed(error)
      return false
    }
  }

  /**
   * Starts loading elements a view may render before they arrive (an undefined element shows
   * nothing, and keeps the properties set on it until it upgrades); a failed one is not
   * asked for again by this host.
   */
  preload(tags: readonly LazyTag[]): void {
    for (const tag of tags) {
      if (customElements.get(tag) || this.failedPreloads.has(tag)) continue
      loadElement(tag).catch((error: unknown) => {
        if (this.failedPreloads.has(tag)) return
        this.failedPreloads.add(tag)
        console.error(`[tollgate] could not load <${tag}>`, error)
      })
    }
  }
}
