import {
  MAX_ALLOWED_IPS,
  MAX_CREDITS,
  MAX_META_BYTES,
  type FieldErrorCode,
} from '../../contract/api-tokens'
import { builtInLanguage, format, formatNumber } from '../i18n/locale'
import type { FieldError, TokenDraft } from '../types'
import type { StringOverrides } from '../i18n/strings-en'
import { metaOf } from '../internal/token-draft'
import { FIELD_ERROR_STRINGS, type FieldErrorStrings } from './field-error-strings'
import { checkIpEntry } from './ip-entry'
import '../i18n/english-views'

/** The most characters each text field takes, as the worker counts them (after trimming). */
export const MAX_LENGTHS = { name: 100, description: 256, owner: 128 } as const

// The codes this version knows are the keys of its tables (FieldErrorStrings covers every
// FieldErrorCode): importing the contract's list would put it in the list view's bundle.
const known = (code: unknown): code is FieldErrorCode =>
  typeof code === 'string' &&
  code !== 'fallback' &&
  code !== 'nameRequired' &&
  code !== 'dateRequired' &&
  code !== 'metaDuplicate' &&
  code !== 'metaTooLong' &&
  code !== 'creditsInvalid' &&
  Object.hasOwn(FIELD_ERROR_STRINGS['en']!, code)

/**
 * One field error in the element's language, from its machine code — never the server's
 * English message, which names internal field ids. An IP entry the form refused itself
 * (path `['allowedIps', index]`) is named, with the network a host-bits range likely
 * meant; a code this version does not know falls back to a generic message.
 *
 * @example
 * fieldErrorText({ path: ['name'], code: 'name_taken', … }, 'fr', draft) // 'Un autre jeton porte déjà ce nom'
 */
export function fieldErrorText(
  error: FieldError,
  locale: string,
  draft: TokenDraft,
  overrides?: StringOverrides,
): string {
  const table: FieldErrorStrings = FIELD_ERROR_STRINGS[builtInLanguage(locale)]!
  // The host's own text first (`strings`), as for every other string of the section.
  const strings = { ...table, ...overrides } as FieldErrorStrings
  const [field = '', index] = error.path
  const code: unknown = error.code
  if (!known(code)) return strings.fallback
  // A missing name or date says which, as the form's own check always did.
  if (code === 'required' && field === 'name') return strings.nameRequired
  if (code === 'required' && field === 'expiresAt') return strings.dateRequired
  // Metadata (SPEC §13): a row's repeated key; the whole object's size in bytes.
  // A value typed over a stored non-string that does not read as JSON.
  if (field === 'meta' && error.path[2] === 'value') return strings.invalid_value
  if (field === 'meta' && index !== undefined && code === 'invalid_value') {
    return format(strings.metaDuplicate, { key: draft.meta[Number(index)]?.key ?? '' })
  }
  if (field === 'meta' && code === 'too_long') {
    const count = new TextEncoder().encode(JSON.stringify(metaOf(draft.meta))).byteLength
    // UTF-8 bytes of its JSON, as the worker counts them: said in bytes, not characters.
    return format(strings.metaTooLong, { max: MAX_META_BYTES, count })
  }
  if (field === 'credits' && code === 'invalid_value') {
    return format(strings.creditsInvalid, { max: formatNumber(MAX_CREDITS, locale) })
  }
  const entry = index === undefined ? undefined : draft.allowedIps[Number(index)]?.trim()
  if (field === 'allowedIps' && entry !== undefined) {
    const check = checkIpEntry(entry)
    if ('network' in check)
      return format(strings.ipHostBitsEntry, { entry, network: check.network })
    return format(strings.ipInvalidEntry, { entry })
  }
  const max =
    field in MAX_LENGTHS ? MAX_LENGTHS[field as keyof typeof MAX_LENGTHS] : MAX_ALLOWED_IPS
  const value = field === 'name' || field === 'description' ? draft[field] : (draft.owner ?? '')
  const count =
    field === 'allowedIps'
      ? draft.allowedIps.filter((line) => line.trim()).length
      : value.trim().length
  return format(strings[code], { max, count })
}

/**
 * The messages of the errors at `path` (with `within`, at or below it), each once, joined;
 * `undefined` when there are none.
 */
export function errorsText(
  errors: readonly FieldError[],
  path: readonly string[],
  within: boolean,
  locale: string,
  draft: TokenDraft,
  overrides?: StringOverrides,
): string | undefined {
  const texts = errors
    .filter(
      (error) =>
        (within || error.path.length === path.length) &&
        path.every((part, i) => error.path[i] === part),
    )
    .map((error) => fieldErrorText(error, locale, draft, overrides))
  return texts.length ? [...new Set(texts)].join(' ') : undefined
}

/** One of the form's own strings (counter, legend): the host's, else `locale`'s built-in one. */
export function formString(
  locale: string,
  key: keyof FieldErrorStrings,
  values?: Record<string, string | number>,
  overrides?: StringOverrides,
): string {
  return format(overrides?.[key] ?? FIELD_ERROR_STRINGS[builtInLanguage(locale)]![key], values)
}
