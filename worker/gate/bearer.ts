/** What the `Authorization` header carries. */
export type Credentials = { kind: 'none' } | { kind: 'malformed' } | { kind: 'key'; key: string }

/**
 * Reads `Authorization: Bearer <key>` (RFC 6750 §2.1: the scheme is case-insensitive).
 * Another scheme, or a Bearer header without a single token, is malformed.
 */
export function readCredentials(header: string | undefined | null): Credentials {
  if (header === undefined || header === null) return { kind: 'none' }
  const match = /^Bearer +([^\s]+) *$/i.exec(header)
  return match ? { kind: 'key', key: match[1]! } : { kind: 'malformed' }
}
