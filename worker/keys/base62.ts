const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const BASE = BigInt(ALPHABET.length)

/**
 * Writes a non-negative integer in base62 (`0-9A-Za-z`), left-padded with `0`.
 *
 * @example
 * toBase62(61n, 2) // '0z'
 */
export function toBase62(value: bigint, width: number): string {
  let out = ''
  let rest = value
  while (rest > 0n) {
    out = ALPHABET[Number(rest % BASE)] + out
    rest /= BASE
  }
  return out.padStart(width, '0')
}

/** Reads bytes as one big-endian unsigned integer. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  return value
}
