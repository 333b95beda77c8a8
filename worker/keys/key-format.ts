import { bytesToBigInt, toBase62 } from './base62'
import { crc32 } from './crc32'

/** Characters of a key's random body: 32 bytes in base62. */
export const BODY_LENGTH = 43
/** Characters of a key's checksum: CRC-32 of `<prefix>_<body>` in base62. */
export const CHECKSUM_LENGTH = 6
const KEY_SHAPE = /^([a-z0-9]{1,16})_([0-9A-Za-z]{43})([0-9A-Za-z]{6})$/

/** A valid `TOKEN_PREFIX`: 1–16 lowercase letters or digits. */
export const TOKEN_PREFIX_SHAPE = /^[a-z0-9]{1,16}$/

function checksumOf(prefixAndBody: string): string {
  return toBase62(BigInt(crc32(prefixAndBody)), CHECKSUM_LENGTH)
}

/**
 * A new plaintext API key: `<prefix>_<body><checksum>` (SPEC §1), where the body is
 * 32 bytes from `crypto.getRandomValues` in base62 and the checksum is CRC-32 of
 * `<prefix>_<body>` in base62. The caller shows it once and keeps only its hash.
 *
 * @example
 * generateApiKey('tg') // 'tg_4fQz…' (52 characters: prefix, _, 43 + 6)
 */
export function generateApiKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  const head = `${prefix}_${toBase62(bytesToBigInt(bytes), BODY_LENGTH)}`
  return head + checksumOf(head)
}

/**
 * Whether a key has the shape of SPEC §1 with this prefix and a correct checksum.
 * Pure string work: it runs before any cache or database lookup.
 */
export function isWellFormedApiKey(key: string, prefix: string): boolean {
  const match = KEY_SHAPE.exec(key)
  if (!match || match[1] !== prefix) return false
  return checksumOf(`${match[1]}_${match[2]}`) === match[3]
}

/**
 * What the admin sees of a key: `<prefix>_` + the body's first 4 characters + `…`
 * + the key's last 4 characters. Enough to recognise, never enough to use.
 */
export function keyHintOf(key: string): string {
  const separator = key.indexOf('_')
  return `${key.slice(0, separator + 1 + 4)}…${key.slice(-4)}`
}
