// The create and edit views' elements, one chunk loaded when such a view first opens
// (internal/lazy-elements.ts): the form with its permission picker and the key shown once,
// with the dialogs those views use, and the section's template of those views and the
// controllers they read, which the section takes from this chunk when a form first opens
// (not in the list view).
import { ApiTokenForm } from '../api-token-form/api-token-form'
import { ApiTokenKey } from '../api-token-key/api-token-key'
import { ApiTokenPermissions } from '../api-token-permissions/api-token-permissions'
import { DIALOG_ELEMENTS } from './dialog-elements'

export const EDIT_VIEW_ELEMENTS = {
  ...DIALOG_ELEMENTS,
  'api-token-form': ApiTokenForm,
  'api-token-permissions': ApiTokenPermissions,
  'api-token-key': ApiTokenKey,
}

export { formView } from '../api-token-settings/form-view'
export { editControllers } from '../api-token-settings/edit-controllers'
