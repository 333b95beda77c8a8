import { MAX_ALLOWED_IPS } from '../../contract/api-tokens'
import type { LocaleController } from '../i18n/locale-controller'
import type { FieldError, TokenDraft } from '../types'

/**
 * What the form checks before Save, on a saved draft (trimmed, blank lines dropped): a
 * name, a date for Custom date, at most 20 allowed addresses, a permission for Custom.
 * The server checks the rest; its errors come back on the same fields.
 */
export function draftProblems(draft: TokenDraft, t: LocaleController['t']): FieldError[] {
  const problem = (field: string, message: string): FieldError => ({
    path: [field],
    name: 'ValidationError',
    message,
  })
  const problems: FieldError[] = []
  if (!draft.name) problems.push(problem('name', t('nameRequired')))
  if (draft.expiresAt === '') problems.push(problem('expiresAt', t('chooseDate')))
  if (draft.allowedIps.length > MAX_ALLOWED_IPS) {
    const count = draft.allowedIps.length
    problems.push(problem('allowedIps', t('allowedIpsTooMany', { max: MAX_ALLOWED_IPS, count })))
  }
  if (draft.type === 'custom' && draft.permissions.length === 0) {
    problems.push(problem('permissions', t('choosePermission')))
  }
  return problems
}
