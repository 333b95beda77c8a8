import { waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
/** The element's open shadow root, or a descriptive error. */
export function shadowOf(element: Element): ShadowRoot {
  if (!element.shadowRoot) throw new Error(`<${element.localName}> has no open shadow root`)
  return element.shadowRoot
}

/** Every element matching `selector` under `root`, through open shadow roots. */
export function deepQueryAll<T extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
): T[] {
  const found: T[] = []
  const visit = (node: ParentNode) => {
    found.push(...node.querySelectorAll<T>(selector))
    for (const element of node.querySelectorAll('*')) {
      if (element.shadowRoot) visit(element.shadowRoot)
    }
  }
  visit(root)
  return found
}

/** The accessible name the way a test can tell it: aria-label, else the text. */
function nameOf(element: Element): string {
  return (element.getAttribute('aria-label') ?? element.textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Buttons a user can see under `root` (a closed dialog's are not). */
function visibleButtons(root: ParentNode): HTMLButtonElement[] {
  return deepQueryAll<HTMLButtonElement>(root, 'button').filter((b) => b.checkVisibility())
}

/** The one visible button named `name` under `root` (through shadow roots); throws when not exactly one. */
export function button(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const matches = visibleButtons(root).filter((b) =>
    typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b)),
  )
  if (matches.length !== 1) {
    const names = visibleButtons(root).map(nameOf)
    throw new Error(
      `expected one button named ${name}, found ${matches.length} among: ${names.join(' | ')}`,
    )
  }
  return matches[0]!
}

/**
 * Chooses a row's action as a user does: opens the row's "Actions" menu and clicks the item
 * named `name` ("Edit Website", "View Website", "Delete Website"); `menu` names the row's
 * menu button in another language ("Actions pour Website").
 */
export async function rowAction(
  root: ParentNode,
  name: string,
  menu = `Actions for ${name.replace(/^\S+ /, '')}`,
): Promise<void> {
  button(root, menu).click()
  const found = () =>
    deepQueryAll<HTMLButtonElement>(root, '[role=menuitem]').find((item) => nameOf(item) === name)
  const started = Date.now()
  while (!found()) {
    if (Date.now() - started > 2000) throw new Error(`the menu never offered ${name}`)
    await new Promise(requestAnimationFrame)
  }
  found()!.click()
}

/** Whether a visible button named `name` exists under `root`. */
export function hasButton(root: ParentNode, name: string | RegExp): boolean {
  return visibleButtons(root).some((b) =>
    typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b)),
  )
}

/** The form control labelled `label` (by `<label for>`) under `root`, through shadow roots. */
export function field<T extends HTMLElement = HTMLInputElement>(
  root: ParentNode,
  label: string,
): T {
  for (const candidate of deepQueryAll<HTMLLabelElement>(root, 'label[for]')) {
    if (candidate.textContent?.trim() === label) {
      const control = (candidate.getRootNode() as ShadowRoot).getElementById(candidate.htmlFor)
      if (control) return control as T
    }
  }
  throw new Error(`no field labelled "${label}"`)
}

/** Like {@link field}, but `undefined` instead of throwing (for `waitUntil`). */
export function maybeField<T extends HTMLElement = HTMLInputElement>(
  root: ParentNode,
  label: string,
): T | undefined {
  try {
    return field<T>(root, label)
  } catch {
    return undefined
  }
}

/** All visible text under `root`, through shadow roots. */
export function textOf(root: Element | ShadowRoot): string {
  const parts: string[] = []
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '')
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot)
    if (node instanceof HTMLSlotElement) return
    for (const child of node.childNodes) walk(child)
  }
  walk(root)
  return parts.join(' ').replace(/\s+/g, ' ').trim()
}

/** Sets a text control's value as a user would and fires `input`. */
export function type(control: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  control.value = value
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }))
}

/** Chooses an option of a `<select>` by its label and fires `change`. */
export function choose(select: HTMLSelectElement, label: string): void {
  const option = [...select.options].find((o) => o.textContent?.trim() === label)
  if (!option) throw new Error(`no option "${label}" in #${select.id}`)
  select.value = option.value
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }))
}

/** The focused element, through open shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active
}

/** A short description of an element, for failure messages. */
export function describeElement(element: Element | null): string {
  if (!element) return 'nothing'
  const name = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40)
  return `<${element.localName}${element.id ? `#${element.id}` : ''}> "${name ?? ''}"`
}

/**
 * Presses Tab (a real key press) until the focused element, through shadow roots,
 * matches; fails saying where focus went instead.
 */
export async function tabTo(
  matches: (active: Element) => boolean,
  what: string,
  most = 30,
): Promise<Element> {
  const seen: string[] = []
  for (let presses = 0; presses < most; presses += 1) {
    await sendKeys({ press: 'Tab' })
    const active = deepActiveElement()
    if (active && matches(active)) return active
    seen.push(describeElement(active))
  }
  throw new Error(`Tab never reached ${what}; it went through ${seen.join(', ')}`)
}

/** The text an element's shadow root shows. */
export const shownText = (element: Element): string => textOf(shadowOf(element))

/** Waits until an element's shadow root shows `what`; a timeout says what it showed instead. */
export async function untilShown(element: Element, what: string): Promise<void> {
  await waitUntil(
    () => shownText(element).includes(what),
    `never showed "${what}"; showing: ${shownText(element)}`,
  )
}
