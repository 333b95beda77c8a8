// Finding Tollgate keys in text (SPEC §12, "Find keys before they leak"): one regex per
// prefix finds strings of the key's shape; the worker's own checksum check
// (worker/keys/key-format.ts) keeps only real keys. Pure string work, no file system.
import {
  BODY_LENGTH,
  CHECKSUM_LENGTH,
  isWellFormedApiKey,
  keyHintOf,
  TOKEN_PREFIX_SHAPE,
} from '../worker/keys/key-format'

/** A key found in a text: where it starts (1-based) and its hint — never the key itself. */
export interface FoundKey {
  line: number
  column: number
  /** What the admin API shows of the key: `tg_4fQz…9aB1`. */
  keyHint: string
}

/** The characters after `<prefix>_`: the body and the checksum, all base62. */
const TAIL = `[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}`

/**
 * The key regex for `prefix` (a `TOKEN_PREFIX`), as a source for any engine: it uses
 * only what RE2 (gitleaks, GitHub) and JavaScript share. `\b` on both sides keeps a key
 * from being read out of a longer word.
 *
 * @example
 * keyRegexSource('tg') // '\\btg_[0-9A-Za-z]{49}\\b'
 */
export function keyRegexSource(prefix: string): string {
  return `\\b${prefix}_${TAIL}\\b`
}

const isBase62 = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)

/**
 * Finds the keys of one prefix in texts. The regex is compiled once and starts with the
 * literal `<prefix>_`, which the engine searches for quickly; the boundaries are checked
 * by hand (a base62 character before or after means a longer word, not a key), and every
 * candidate must carry a right CRC-32, so random strings of the shape are not reported.
 */
export class KeyScanner {
  /** What every key of the prefix starts with: `<prefix>_`. */
  readonly marker: string
  readonly #prefix: string
  readonly #candidates: RegExp

  /** Throws a `RangeError` when `prefix` is not a valid `TOKEN_PREFIX`. */
  constructor(prefix: string) {
    if (!TOKEN_PREFIX_SHAPE.test(prefix)) {
      throw new RangeError(`not a key prefix: "${prefix}" (1–16 lowercase letters or digits)`)
    }
    this.#prefix = prefix
    this.marker = `${prefix}_`
    this.#candidates = new RegExp(`${prefix}_${TAIL}`, 'g')
  }

  /** The keys with a right checksum in `text`, in order of position. */
  scan(text: string): FoundKey[] {
    const found: FoundKey[] = []
    // Lines are counted lazily from the previous find: the text is walked once at most.
    let line = 1
    let lineStart = 0
    let counted = 0
    this.#candidates.lastIndex = 0
    for (let match = this.#candidates.exec(text); match; match = this.#candidates.exec(text)) {
      const start = match.index
      const end = start + match[0].length
      if (start > 0 && isBase62(text.charCodeAt(start - 1))) continue
      if (end < text.length && isBase62(text.charCodeAt(end))) continue
      if (!isWellFormedApiKey(match[0], this.#prefix)) continue
      for (let at = text.indexOf('\n', counted); at !== -1 && at < start;) {
        line += 1
        lineStart = at + 1
        at = text.indexOf('\n', lineStart)
      }
      counted = start
      // Columns count characters (code points), as editors do, from 1.
      const column = codePointsIn(text, lineStart, start) + 1
      found.push({ line, column, keyHint: keyHintOf(match[0]) })
    }
    return found
  }
}

/** The number of code points in `text` from `from` to `to`. */
function codePointsIn(text: string, from: number, to: number): number {
  let count = 0
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i)
    const previous = i > from ? text.charCodeAt(i - 1) : 0
    // The second half of a surrogate pair adds nothing.
    const pairEnd = code >= 0xdc00 && code <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff
    if (!pairEnd) count += 1
  }
  return count
}
