const importedKeys = new Map<string, Promise<CryptoKey>>()

/**
 * An HMAC-SHA-256 signing key for `secret`, imported once per isolate and reused: the
 * key hash (`TOKEN_PEPPER`) and the origin assertion (`ORIGIN_ASSERTION_SECRET`) both
 * sign on the hot path.
 *
 * @example
 * await crypto.subtle.sign('HMAC', await hmacSha256Key(env.TOKEN_PEPPER), data)
 */
export function hmacSha256Key(secret: string): Promise<CryptoKey> {
  let key = importedKeys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    importedKeys.set(secret, key)
  }
  return key
}
