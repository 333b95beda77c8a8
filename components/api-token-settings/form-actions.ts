// The create and edit views' actions of `<api-token-settings>` — Save, Regenerate, and
// asking before a view is left — in a chunk of their own, imported when a form view first
// needs one (the list view's first paint does without them: SPEC §11's budget).
import type { ApiTokenDeleteDialog } from '../api-token-delete-dialog/api-token-delete-dialog'
import type { ApiTokenForm } from '../api-token-form/api-token-form'
import type { ApiTokenRegenerateDialog } from '../api-token-regenerate-dialog/api-token-regenerate-dialog'
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog'
import type { ActivityController } from '../controllers/activity'
import type { SessionController } from '../controllers/session'
import type { ToastController } from '../controllers/toasts'
import {
  SectionLeaveEvent,
  TokenCreatedEvent,
  TokenRegeneratedEvent,
  TokenUpdatedEvent,
} from '../view-events'
import type { Strings } from '../i18n/strings-en'
import type { FieldError, Token, TokenDraft } from '../types'
import { bodyOf } from '../internal/token-draft'
import { leaveQuestion } from './leave-question'
import type { SectionAction, SectionView } from './section-state'
import '../i18n/english-views'

/** What the actions read and change of the section (its private parts, handed over). */
export interface FormSection {
  readonly element: HTMLElement & { readonly updateComplete: Promise<boolean> }
  readonly session: SessionController
  readonly toasts: ToastController
  /** The opened token's activity, once the edit views have loaded. */
  readonly activity: () => ActivityController | undefined
  readonly t: (key: keyof Strings) => string
  view(): SectionView
  dispatch(action: SectionAction): void
  /** Whether the form holds edits that leaving or Regenerate would drop. */
  unsavedEdits(): boolean
  /** The field errors of a failed save (the client's `fieldErrorsOf`, kept in the list view's chunk). */
  fieldErrors(error: unknown): FieldError[]
  /** Shows a failure; a 401 keeps `retry` (under `key`) for when the token recovers. */
  fail(error: unknown, retry?: () => unknown, key?: unknown): void
  form(): ApiTokenForm | null
  regenerateDialog(): ApiTokenRegenerateDialog
  leaveDialog(): ConfirmDialog
  deleteDialog(): ApiTokenDeleteDialog
  /** Loads the list's page again (after a delete). */
  reloadList(): void
}

/** Saves `draft` from the view of `visit` (a retry after a 401 only if it still shows). */
export async function save(section: FormSection, draft: TokenDraft, visit: number): Promise<void> {
  const view = section.view()
  if ((view.kind !== 'create' && view.kind !== 'edit') || view.visit !== visit) return
  const { session, element, t } = section
  section.dispatch({ type: 'save-started', visit })
  try {
    if (view.kind === 'create') {
      const { accessKey, ...token } = await session.client.tokens.create(bodyOf(draft))
      section.dispatch({ type: 'created', visit, token, accessKey })
      section.toasts.show(t('toastCreated'))
      element.dispatchEvent(new TokenCreatedEvent({ token, accessKey }))
    } else {
      // The owner is set once, on create (SPEC §8): an update never sends it.
      const { owner: _owner, ...fields } = draft
      // The answer carries the live balance (SPEC §13), credits sent or not: shown as is.
      const token = await session.client.tokens.update(view.token.id, bodyOf(fields))
      section.dispatch({ type: 'updated', visit, token })
      section.activity()?.reload()
      section.toasts.show(t('toastEdited'))
      element.dispatchEvent(new TokenUpdatedEvent({ token }))
    }
  } catch (error) {
    const errors = section.fieldErrors(error)
    section.dispatch({ type: 'save-failed', visit, errors })
    // Rights beyond the admin's grant (SPEC §13): said on the field that holds them.
    // (Read off the error's shape: importing the client here would split it off the list view.)
    const { status, details } = error as { status?: unknown; details?: { notGrantable?: unknown } }
    const refused = details?.notGrantable
    if (status === 403 && Array.isArray(refused)) {
      session.report(error)
      await element.updateComplete
      section.form()?.refuseGrant(refused.map(String))
    } else if (errors.some((e) => e.path.length)) {
      session.report(error)
      await element.updateComplete
      section.form()?.focusFirstError()
    } else section.fail(error, () => save(section, draft, visit), 'save')
  }
}

/** Asks the regenerate dialog, then regenerates the edited token's key. */
export async function regenerate(section: FormSection): Promise<void> {
  const view = section.view()
  if (view.kind !== 'edit') return
  const dialog = section.regenerateDialog()
  dialog.unsavedChanges = section.unsavedEdits()
  dialog.token = view.token
  dialog.maxLifespanDays = section.session.permissions.value?.meta?.maxLifespanDays ?? null
  if (!(await dialog.ask())) return
  await regenerateKey(section, view.visit, view.token, dialog.gracePeriod)
}

/** Regenerates the key of `current`, shown in the view of `visit` (a retry only if it still shows). */
async function regenerateKey(
  section: FormSection,
  visit: number,
  current: Token,
  gracePeriod: number,
): Promise<void> {
  if (section.view().visit !== visit) return
  const { client } = section.session
  try {
    const { accessKey, expiresAt, previousKey } = await client.tokens.regenerate(current.id, {
      gracePeriod,
    })
    // The key is issued: a failed reload must not lose it.
    const token = await client.tokens
      .get(current.id)
      .catch(() => ({ ...current, expiresAt, previousKey }))
    section.dispatch({ type: 'regenerated', visit, token, accessKey })
    section.activity()?.reload()
    section.element.dispatchEvent(new TokenRegeneratedEvent({ token, accessKey }))
  } catch (error) {
    section.fail(error, () => regenerateKey(section, visit, current, gracePeriod), 'regenerate')
  }
}

/**
 * Whether the view may be left: at once when it holds nothing only it has; else the
 * admin is asked and, on "Leave", `api-token-leave` tells the host, which may still keep
 * the view by cancelling it.
 */
export async function mayLeave(
  section: FormSection,
  reason: 'back' | 'host',
  uncopiedKey: boolean,
): Promise<boolean> {
  const unsavedEdits = section.unsavedEdits()
  if (!uncopiedKey && !unsavedEdits) return true
  const question = leaveQuestion({ uncopied: uncopiedKey, unsaved: unsavedEdits }, section.t)
  if (!(await section.leaveDialog().ask(question))) return false
  return section.element.dispatchEvent(new SectionLeaveEvent({ reason, uncopiedKey, unsavedEdits }))
}
