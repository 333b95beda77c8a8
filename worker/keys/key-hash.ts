import { hmacSha256Key } from './hmac-key'

const encoder = new TextEncoder()

/**
 * The stored form of an API key: HMAC-SHA-256 under the `TOKEN_PEPPER` secret, in hex.
 * A stolen database therefore yields neither keys nor a way to test guesses offline.
 *
 * @example
 * await hashApiKey('tg_…', env.TOKEN_PEPPER) // '9f86d0…' (64 hex characters)
 */
export async function hashApiKey(key: string, pepper: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacSha256Key(pepper), encoder.encode(key))
  let hex = ''
  for (const byte of new Uint8Array(mac)) hex += byte.toString(16).padStart(2, '0')
  return hex
}
