// The pieces of `node:crypto` the Strapi fixtures use (workerd implements them with
// nodejs_compat; the worker's types do not include Node's): Strapi's own key generation
// and hashing, done apart from the worker's WebCrypto code (strapi-fixtures.ts).
declare module 'node:crypto' {
  interface Hmac {
    update(data: string): Hmac
    digest(encoding: 'hex'): string
  }
  /** Node's HMAC, as far as the tests use it. */
  export function createHmac(algorithm: 'sha256' | 'sha512', key: string): Hmac
  /** Node's random bytes, as far as the tests use them. */
  export function randomBytes(size: number): { toString(encoding: 'hex'): string }
}
