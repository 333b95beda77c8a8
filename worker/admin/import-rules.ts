import type { ErrorObject, FieldError, FieldErrorCode } from '../../contract/api-tokens'
import type { Settings } from '../config/settings'
import { ApiError, validationError } from '../http/api-error'
import { fieldErrorsOf } from '../http/validation'
import type { ImportedToken } from '../store/api-token-import'
import { importedTokenRow, type ImportedTokenRow } from './import-input'
import { checkPermissions } from './token-rules'

/** A row that will not be imported: its index in the body and why, as a §2 error object. */
export interface ImportError {
  index: number
  error: ErrorObject
}

/** What an import stores, and which rows it refuses before writing anything. */
export interface ImportPlan {
  /** The rows to store, with their index in the body. */
  accepted: { index: number; token: ImportedToken }[]
  errors: ImportError[]
}

/** What the store already holds that a row may clash with. */
export interface TakenByImport {
  /** Names of tokens without owner (imported tokens have none). */
  names: ReadonlySet<string>
  /** Strapi hashes already imported. */
  hashes: ReadonlySet<string>
}

/** The §2 error object of a 400 listing `errors`. */
const errorObjectOf = (errors: FieldError[]): ErrorObject => validationError(errors).toBody().error

const fieldProblem = (path: string, message: string, code: FieldErrorCode): ErrorObject =>
  errorObjectOf([{ path: [path], name: 'ValidationError', message, code }])

/** The message of a name another token holds, as a create says it (SPEC §2). */
export const nameTakenError = () => fieldProblem('name', 'Name already taken', 'name_taken')

/**
 * The rules of an import, row by row (SPEC §12): a row that breaks the create's rules
 * (its fields, or its actions for its type — every action must be in the catalog), that
 * takes a name another token or an earlier row has, or whose key is already imported,
 * is an entry in `errors`; the others are imported. `raw` is the body's `tokens` as sent,
 * to say what was wrong with a row the body's schema set aside (`null`).
 *
 * @example
 * const plan = planImport(body.tokens, raw, settings, await takenByImport(db, names, hashes))
 */
export function planImport(
  rows: (ImportedTokenRow | null)[],
  raw: unknown[],
  settings: Settings,
  taken: TakenByImport,
  now: number,
): ImportPlan {
  const plan: ImportPlan = { accepted: [], errors: [] }
  const names = new Set(taken.names)
  const hashes = new Set(taken.hashes)
  rows.forEach((row, index) => {
    const error = row ? rowProblem(row, settings, names, hashes) : invalidRow(raw[index])
    if (error) {
      plan.errors.push({ index, error })
      return
    }
    const valid = row!
    names.add(valid.name)
    hashes.add(valid.accessKey)
    const { accessKey, createdAt, ...fields } = valid
    plan.accepted.push({
      index,
      token: { ...fields, accessKeyHash: accessKey, createdAt: createdAt ?? now },
    })
  })
  return plan
}

/** Why a row the body's schema set aside is not valid: its field errors. */
function invalidRow(raw: unknown): ErrorObject {
  const result = importedTokenRow.safeParse(raw, { reportInput: true })
  if (result.success) throw new Error('planImport: a row set aside passes its schema')
  return errorObjectOf(fieldErrorsOf(result.error))
}

function rowProblem(
  row: ImportedTokenRow,
  settings: Settings,
  names: ReadonlySet<string>,
  hashes: ReadonlySet<string>,
): ErrorObject | undefined {
  try {
    checkPermissions(row.type, row.permissions, settings)
  } catch (error) {
    if (error instanceof ApiError) return error.toBody().error
    throw error
  }
  if (names.has(row.name)) return nameTakenError()
  if (hashes.has(row.accessKey)) {
    return fieldProblem('accessKey', 'A token with this key is already imported', 'invalid_value')
  }
  return undefined
}
