import type { GraphqlRequest } from './graphql-request'
import { malformedRequest } from './refusal'
import { mentionsInAnyEncoding } from './request-shape'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The `extensions` a GraphQL request carries: parsed from a JSON body, as sent on a GET. */
function extensionsOf({ form }: GraphqlRequest): unknown {
  if (form.kind === 'json') return form.extras.extensions
  if (form.kind === 'get') return form.parameters.find(([name]) => name === 'extensions')?.[1]
  return undefined
}

/** Every `persistedQuery.sha256Hash` of an `extensions` object, both names in any casing. */
function claimedHashes(extensions: unknown): unknown[] {
  if (!isObject(extensions)) return []
  return Object.entries(extensions)
    .filter(([name, value]) => name.toLowerCase() === 'persistedquery' && isObject(value))
    .flatMap(([, persisted]) =>
      Object.entries(persisted as Record<string, unknown>)
        .filter(([name]) => name.toLowerCase() === 'sha256hash')
        .map(([, hash]) => hash),
    )
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Refuses a GraphQL request whose `extensions.persistedQuery.sha256Hash` is not the
 * SHA-256 of the re-printed document it is forwarded with (SPEC §10): graphql-java's
 * `PersistedQuerySupport` (DGS's APQ) runs the document cached under that hash when it
 * has one, whatever `query` says, so a hash of another client's mutation beside a judged
 * `{ __typename }` would run the mutation. Apollo Client hashes graphql-js `print()`
 * output, which re-printing leaves as it is. A GET's `extensions` that is not JSON is
 * refused when it names a persisted query at all (Jackson ignores trailing text).
 */
export async function refuseForeignPersistedQuery(
  request: GraphqlRequest,
  printed: string,
): Promise<void> {
  let extensions = extensionsOf(request)
  if (typeof extensions === 'string') {
    const sent = extensions
    try {
      extensions = JSON.parse(sent)
    } catch {
      if (mentionsInAnyEncoding(sent, 'persistedquery')) throw foreignHash()
      return
    }
  }
  const hashes = claimedHashes(extensions)
  if (hashes.length === 0) return
  const expected = await sha256Hex(printed)
  if (hashes.some((hash) => typeof hash !== 'string' || hash.toLowerCase() !== expected)) {
    throw foreignHash()
  }
}

function foreignHash() {
  return malformedRequest(
    'The persisted-query hash is not the SHA-256 of the document (as re-printed by the gate)',
  )
}
