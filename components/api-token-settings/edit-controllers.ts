// The controllers of `<api-token-settings>`'s create, edit and view screens — the form's
// data, the token's usage and its activity — shipped in the edit view's chunk
// (internal/edit-elements.ts) and made the first time one of those screens opens, so that
// the list view's first load stays within its budget (SPEC §11).
import type { ReactiveControllerHost } from 'lit'
import { ActivityController } from '../controllers/activity'
import { FormDataController } from '../controllers/form-data'
import type { SessionController } from '../controllers/session'
import { UnloadGuardController } from '../controllers/unload-guard'
import { UsageController } from '../controllers/usage'
import type { Token } from '../types'
import type { SectionView } from './section-state'

/** The edit screens' controllers, made when the first of those screens opens. */
export interface EditControllers {
  data: FormDataController
  usage: UsageController
  activity: ActivityController
  /** A reload or a closed tab asks first while a key is uncopied (keys show only here). */
  unloadGuard: UnloadGuardController
}

/** What the edit screens' controllers need of the section. */
export interface EditControllerHost {
  host: ReactiveControllerHost
  session: SessionController
  view: () => SectionView
  /** A fresh copy of the opened token arrived for `visit`. */
  tokenLoaded: (visit: number, token: Token) => void
  fail: ConstructorParameters<typeof FormDataController>[4]
  /** The opened token and its visit, for the usage and the activity. */
  opened: () => { id: number; visit: number } | undefined
  /** Whether a key is shown that the admin has not copied. */
  hasUncopiedKey: () => boolean
}

/** Makes the edit screens' controllers, attached to the section. */
export function editControllers(section: EditControllerHost): EditControllers {
  const { host, session } = section
  return {
    data: new FormDataController(host, session, section.view, section.tokenLoaded, section.fail),
    usage: new UsageController(host, session, section.opened),
    activity: new ActivityController(host, session, section.opened),
    unloadGuard: new UnloadGuardController(host, section.hasUncopiedKey),
  }
}
