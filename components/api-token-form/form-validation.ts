import {
  MAX_ALLOWED_IPS,
  MAX_CREDITS,
  MAX_META_BYTES,
  type FieldErrorCode,
} from '../../contract/api-tokens'
import { blankRow, jsonRefused, metaOf } from '../internal/token-draft'
import type { FieldError, TokenDraft } from '../types'
import { MAX_LENGTHS } from './field-error-text'
import { checkIpEntry } from './ip-entry'
import '../i18n/english-views'

/**
 * What the form checks before Save, on a saved draft (trimmed, blank lines dropped): a
 * name, a date for Custom date, at most 20 allowed addresses, each an address or CIDR
 * range as the worker reads it (its path names the entry's index), a permission for
 * Custom, metadata rows with a key each, no key twice and at most 1 KB in all (a row's
 * path names its index among the rows shown), credits as whole numbers from 0 to `MAX_CREDITS`. The errors carry the worker's codes (SPEC §2), shown in the element's language
 * as the server's are; the server checks the rest and its errors come back on the same
 * fields.
 */
export function draftProblems(draft: TokenDraft): FieldError[] {
  const problem = (path: string[], code: FieldErrorCode, message: string): FieldError => ({
    path,
    name: 'ValidationError',
    message,
    code,
  })
  const problems: FieldError[] = []
  if (!draft.name) problems.push(problem(['name'], 'required', 'name is a required field'))
  for (const field of ['name', 'description'] as const) {
    const max = MAX_LENGTHS[field]
    if (draft[field].length > max) {
      problems.push(problem([field], 'too_long', `${field} must be at most ${max} characters`))
    }
  }
  if (draft.expiresAt === '') {
    problems.push(problem(['expiresAt'], 'required', 'expiresAt is a required field'))
  }
  if (draft.allowedIps.length > MAX_ALLOWED_IPS) {
    const message = `allowedIps may hold at most ${MAX_ALLOWED_IPS} entries`
    problems.push(problem(['allowedIps'], 'too_many_ips', message))
  }
  draft.allowedIps.forEach((entry, index) => {
    const check = checkIpEntry(entry)
    if ('ok' in check) return
    const code = check.problem === 'host-bits' ? 'ip_host_bits' : 'ip_invalid'
    problems.push(problem(['allowedIps', String(index)], code, `allowedIps: ${entry} refused`))
  })
  const keys = new Set<string>()
  draft.meta.forEach((row, index) => {
    if (blankRow(row)) return
    const path = ['meta', String(index)]
    if (row.key === '') problems.push(problem(path, 'required', 'meta: a key is required'))
    else if (keys.has(row.key)) problems.push(problem(path, 'invalid_value', 'meta: key repeated'))
    keys.add(row.key)
    // Text typed over a stored number, boolean or object is read as JSON (SPEC §13).
    if (jsonRefused(row)) {
      problems.push(problem([...path, 'value'], 'invalid_value', 'meta: the value is not JSON'))
    }
  })
  const bytes = new TextEncoder().encode(JSON.stringify(metaOf(draft.meta))).byteLength
  if (bytes > MAX_META_BYTES) {
    const message = `meta must be at most ${MAX_META_BYTES} bytes serialised (${bytes} sent)`
    problems.push(problem(['meta'], 'too_long', message))
  }
  const count = (path: string[], value: number | undefined) => {
    if (value === undefined || (Number.isInteger(value) && value >= 0 && value <= MAX_CREDITS)) {
      return
    }
    const message = `credits: a whole number from 0 to ${MAX_CREDITS}`
    problems.push(problem(['credits', ...path], 'invalid_value', message))
  }
  if (draft.credits) count(['remaining'], draft.credits.remaining)
  if (draft.credits?.refill) count(['refill', 'amount'], draft.credits.refill.amount)
  if (draft.type === 'custom' && draft.permissions.length === 0) {
    const message = 'Missing permissions attribute for custom token'
    problems.push(problem(['permissions'], 'permissions_missing', message))
  }
  return problems
}
