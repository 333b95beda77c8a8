// Strapi v5's API keys (SPEC §12): `crypto.randomBytes(128).toString('hex')`, stored as
// `createHmac('sha512', API_TOKEN_SALT).update(key).digest('hex')`
// (packages/core/admin/server/src/services/api-token.ts).

/** A Strapi key: 128 random bytes in lowercase hex. */
const STRAPI_KEY_SHAPE = /^[0-9a-f]{256}$/

/** What Strapi stores of a key: HMAC-SHA-512 in lowercase hex. */
export const STRAPI_KEY_HASH_SHAPE = /^[0-9a-f]{128}$/

/**
 * The key hint of an imported token: Tollgate never saw the key, and the stored hash says
 * nothing a person could recognise it by.
 */
export const STRAPI_KEY_HINT = 'Strapi key'

const importedKeys = new Map<string, Promise<CryptoKey>>()
const encoder = new TextEncoder()

/**
 * Whether `key` has the shape of a Strapi v5 key. Pure string work, and asked only of a
 * key that is not Tollgate's: Tollgate's own keys never pay for it.
 *
 * @example
 * isStrapiFormatKey('a3f0…') // true for 256 lowercase hex characters
 */
export function isStrapiFormatKey(key: string): boolean {
  return key.length === 256 && STRAPI_KEY_SHAPE.test(key)
}

/**
 * The hash Strapi stores of `key`: HMAC-SHA-512 under Strapi's `API_TOKEN_SALT`, in hex,
 * the signing key imported once per isolate.
 *
 * @example
 * await strapiKeyHash(key, env.STRAPI_API_TOKEN_SALT) // '9b71d2…' (128 hex characters)
 */
export async function strapiKeyHash(key: string, salt: string): Promise<string> {
  let signingKey = importedKeys.get(salt)
  if (!signingKey) {
    signingKey = crypto.subtle.importKey(
      'raw',
      encoder.encode(salt),
      { name: 'HMAC', hash: 'SHA-512' },
      false,
      ['sign'],
    )
    importedKeys.set(salt, signingKey)
  }
  const mac = await crypto.subtle.sign('HMAC', await signingKey, encoder.encode(key))
  let hex = ''
  for (const byte of new Uint8Array(mac)) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/**
 * The hint of a Strapi key once the gate has seen it: its first and last four
 * characters, as a Tollgate key's hint shows them. Enough to recognise, never to use.
 */
export function strapiKeyHintOf(key: string): string {
  return `${key.slice(0, 4)}…${key.slice(-4)}`
}
