// The list view's Delete of `<api-token-settings>`: asking in the delete dialog, deleting,
// telling the admin and the host. In a chunk of its own, imported with the delete dialog
// the first time a row's Delete is chosen (SPEC §11's budget: the list's first paint does
// without it).
import { TokenDeletedEvent } from '../view-events'
import type { Token } from '../types'
import type { FormSection } from './form-actions'

/** Asks whether to delete `token` and, if the admin confirms, deletes it. */
export async function confirmDelete(section: FormSection, token: Token): Promise<void> {
  const dialog = section.deleteDialog()
  dialog.tokenName = token.name
  if (!(await dialog.ask())) return
  // Never leave focus on a row's Delete: the rows below move up under it.
  section.element.shadowRoot?.querySelector<HTMLElement>('h1')?.focus()
  await deleteToken(section, token)
}

/** Deletes `token`; a failure is shown, and after a 401 retried once the session recovers. */
async function deleteToken(section: FormSection, token: Token): Promise<void> {
  try {
    const deleted = await section.session.client.tokens.delete(token.id)
    section.dispatch({ type: 'deleted', id: token.id })
    section.toasts.show(section.t('toastDeleted'))
    section.element.dispatchEvent(new TokenDeletedEvent({ token: deleted ?? token }))
    if (section.view().kind === 'list') section.reloadList()
  } catch (error) {
    section.fail(error, () => deleteToken(section, token), token.id)
  }
}
