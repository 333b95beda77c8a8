// What the section asks before a view is left with something only it holds: a key never
// copied, or unsaved edits. Loaded with the create and edit views' actions, not the list.
import type { Strings } from '../i18n/strings-en'
import '../i18n/english-views'

/** What a confirmation dialog asks (see `ConfirmDialog.ask`). */
export interface Question {
  heading: string
  message: string
  consequence: string
  confirmLabel: string
  variant: 'primary' | 'danger'
}

/**
 * What to ask before leaving a view that holds a key never copied, or unsaved edits, in
 * the language of `t`.
 */
export function leaveQuestion(
  { uncopied, unsaved }: { uncopied: boolean; unsaved: boolean },
  t: (key: keyof Strings) => string,
): Question {
  return uncopied
    ? {
        heading: t('uncopiedTitle'),
        message: t('uncopiedQuestion'),
        consequence: unsaved ? t('unsavedLostToo') : '',
        confirmLabel: t('leave'),
        variant: 'danger',
      }
    : {
        heading: t('unsavedTitle'),
        message: t('unsavedQuestion'),
        consequence: '',
        confirmLabel: t('discard'),
        variant: 'danger',
      }
}
