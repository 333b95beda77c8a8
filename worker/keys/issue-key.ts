import { generateApiKey, keyHintOf } from './key-format'
import { hashApiKey } from './key-hash'

/** A freshly issued key: the plaintext to show once, and what may be stored. */
export interface IssuedKey {
  accessKey: string
  accessKeyHash: string
  keyHint: string
}

/** Generates a key with `prefix` and derives its stored hash and display hint. */
export async function issueKey(prefix: string, pepper: string): Promise<IssuedKey> {
  const accessKey = generateApiKey(prefix)
  return {
    accessKey,
    accessKeyHash: await hashApiKey(accessKey, pepper),
    keyHint: keyHintOf(accessKey),
  }
}
