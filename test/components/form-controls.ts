// The form's tests' common moves: a control by its id, and Save with what it emitted.
import type { ApiTokenForm } from '../../components/api-token-form/api-token-form'
import type { TokenDraft } from '../../components/internal/token-draft'
import { button, shadowOf } from './dom'

/** The control with `id` in the form's shadow root, or a descriptive error. */
export function control<T extends HTMLElement = HTMLInputElement>(
  element: ApiTokenForm,
  id: string,
): T {
  const found = shadowOf(element).getElementById(id)
  if (!found) throw new Error(`no #${id} in the form`)
  return found as T
}

/** Saves, and returns the draft the form emits (`undefined` when it refused). */
export async function save(element: ApiTokenForm): Promise<TokenDraft | undefined> {
  let emitted: TokenDraft | undefined
  element.addEventListener('api-token-save', (event) => (emitted = event.detail.draft), {
    once: true,
  })
  button(shadowOf(element), 'Save').click()
  await element.updateComplete
  return emitted
}
