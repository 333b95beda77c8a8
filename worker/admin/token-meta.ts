import { z } from 'zod'
import { MAX_META_BYTES, type TokenMeta } from '../../contract/api-tokens'

const NOT_AN_OBJECT = 'meta must be a JSON object'
const encoder = new TextEncoder()

/** The size of `meta` as SPEC §13 counts it: the UTF-8 bytes of its JSON serialisation. */
export function metaBytes(meta: TokenMeta): number {
  return encoder.encode(JSON.stringify(meta)).byteLength
}

/**
 * A token's `meta` in a create or update body (SPEC §13): a JSON object (not an array,
 * `null` or a scalar) of at most {@link MAX_META_BYTES} bytes serialised; larger is a
 * field error with the code `too_long`.
 *
 * @example
 * tokenMeta.parse({ plan: 'pro' }) // { plan: 'pro' }
 * tokenMeta.parse([1])             // throws: meta must be a JSON object
 */
export const tokenMeta = z
  .record(z.string(), z.json(), { error: NOT_AN_OBJECT })
  .superRefine((meta, context) => {
    const bytes = metaBytes(meta)
    if (bytes > MAX_META_BYTES) {
      context.addIssue({
        code: 'custom',
        message: `meta must be at most ${MAX_META_BYTES} bytes serialised (${bytes} sent)`,
        params: { code: 'too_long' },
      })
    }
  })
  .transform((meta): TokenMeta => meta)
