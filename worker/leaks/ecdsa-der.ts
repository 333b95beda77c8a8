/** The length of r and of s in a P-256 signature. */
const P256_SCALAR_BYTES = 32

/** One DER INTEGER at `at` of `der`: its unsigned big-endian bytes and where the next item starts. */
function readInteger(der: Uint8Array, at: number): { bytes: Uint8Array; next: number } | null {
  if (der[at] !== 0x02) return null
  const length = der[at + 1]
  if (length === undefined || length === 0 || length > P256_SCALAR_BYTES + 1) return null
  const start = at + 2
  const next = start + length
  if (next > der.length) return null
  let bytes = der.subarray(start, next)
  // A negative INTEGER is no ECDSA scalar; one leading zero is only there to keep it positive.
  if ((bytes[0]! & 0x80) !== 0) return null
  if (bytes.length > 1 && bytes[0] === 0 && (bytes[1]! & 0x80) === 0) return null
  if (bytes[0] === 0) bytes = bytes.subarray(1)
  if (bytes.length > P256_SCALAR_BYTES) return null
  return { bytes, next }
}

/**
 * A P-256 ECDSA signature in DER (`SEQUENCE { INTEGER r, INTEGER s }`, as GitHub and
 * OpenSSL write it) as WebCrypto verifies it: r and s, each left-padded to 32 bytes, back
 * to back (IEEE P1363). `null` for anything else — strict DER only: short-form lengths
 * (a P-256 signature is at most 72 bytes), minimal integers, nothing after the sequence.
 *
 * @example
 * const raw = derToRawSignature(Uint8Array.from(atob(header), (c) => c.charCodeAt(0)))
 * if (raw) await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, body)
 */
export function derToRawSignature(der: Uint8Array): Uint8Array | null {
  if (der[0] !== 0x30 || der[1] === undefined || der[1] >= 0x80) return null
  if (der[1] + 2 !== der.length) return null
  const r = readInteger(der, 2)
  const s = r && readInteger(der, r.next)
  if (!r || !s || s.next !== der.length) return null
  const raw = new Uint8Array(2 * P256_SCALAR_BYTES)
  raw.set(r.bytes, P256_SCALAR_BYTES - r.bytes.length)
  raw.set(s.bytes, 2 * P256_SCALAR_BYTES - s.bytes.length)
  return raw
}
