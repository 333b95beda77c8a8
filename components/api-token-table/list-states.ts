import { html, type TemplateResult } from 'lit'
import type { LocaleController } from '../i18n/locale-controller'

/** How many placeholder rows stand for the first page while it loads (its height kept). */
export const SKELETON_ROWS = 5

/**
 * Placeholder rows while the first page loads, shaped like real rows (a name and a key
 * hint, dates, badges, the actions button), so the rows that arrive take their place
 * without a jump. Hidden from assistive technology: the table's `aria-busy` and the
 * status line say it is loading.
 */
export function skeletonRows(columns: number): TemplateResult[] {
  const cell = html`<td><span class="bone"></span></td>`
  return Array.from(
    { length: SKELETON_ROWS },
    () =>
      html`<tr class="skeleton" aria-hidden="true">
        <th scope="row"><span class="bone name-bone"></span><span class="bone"></span></th>
        ${Array.from({ length: columns - 2 }, () => cell)}
        <td class="sticky-end"><span class="bone"></span></td>
      </tr>`,
  )
}

/** The list could not be loaded: what went wrong, once, and Retry. */
export function errorState(
  { t }: LocaleController,
  message: string,
  retry: () => void,
): TemplateResult {
  return html`<div class="state error" part="error" role="alert">
    <p>${t('listFailed', { message })}</p>
    <button part="button" type="button" @click=${retry}>${t('retry')}</button>
  </div>`
}

/**
 * Nothing to list: why. With no search or filter, the host's call to action (the section's
 * "Add your first API Token" button, slot `empty-action`) stands in place of the text.
 */
export function emptyState(text: string, pristine: boolean): TemplateResult {
  const line = html`<p>${text}</p>`
  return html`<div class="state" part="empty">
    ${pristine ? html`<slot name="empty-action">${line}</slot>` : line}
  </div>`
}
