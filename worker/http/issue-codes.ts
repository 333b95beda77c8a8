import type { z } from 'zod'
import { FIELD_ERROR_CODES, type FieldErrorCode } from '../../contract/api-tokens'

/**
 * The code of a field whose value is of the wrong kind or not among the allowed ones,
 * when the field has a rule of its own (SPEC §2, "Machine codes"); any other field's is
 * `invalid_value`.
 */
const WRONG_VALUE_CODES: Readonly<Record<string, FieldErrorCode>> = {
  type: 'invalid_type',
  lifespan: 'invalid_lifespan',
  expiresAt: 'invalid_date',
  owner: 'owner_invalid',
  allowedIps: 'ip_invalid',
  gracePeriod: 'invalid_grace_period',
}

const KNOWN_CODES: ReadonlySet<string> = new Set(FIELD_ERROR_CODES)

/** Whether `value` is one of the contract's field error codes. */
export function isFieldErrorCode(value: unknown): value is FieldErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value)
}

/**
 * The machine code of one zod issue: a refinement's own (`params.code`), an unknown key's
 * `unknown_field`, a missing or blank value's `required`, a too long string's `too_long`,
 * else the field's wrong-value code. Needs the issue's input (parse with
 * `reportInput: true`) to tell a missing value from a wrong one.
 *
 * @example
 * codeOfIssue({ code: 'too_big', origin: 'string', path: ['name'], … }) // 'too_long'
 */
export function codeOfIssue(issue: z.core.$ZodIssue): FieldErrorCode {
  const field = String(issue.path[0] ?? '')
  switch (issue.code) {
    case 'custom': {
      const code: unknown = issue.params?.['code']
      return isFieldErrorCode(code) ? code : (WRONG_VALUE_CODES[field] ?? 'invalid_value')
    }
    case 'unrecognized_keys':
      return 'unknown_field'
    case 'too_small':
      // An empty list that must hold something (`/revoke`'s keys) is missing it.
      if (issue.origin === 'string' || issue.origin === 'array') return 'required'
      break
    case 'too_big':
      if (issue.origin === 'string') return 'too_long'
      if (field === 'allowedIps' && issue.origin === 'array') return 'too_many_ips'
      if (issue.origin === 'array') return 'too_long'
      break
    default:
      if (issue.input === undefined) return 'required'
  }
  return WRONG_VALUE_CODES[field] ?? 'invalid_value'
}
