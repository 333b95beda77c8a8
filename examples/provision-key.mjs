// A script that provisions an API key with tollgate/client (docs/client.md): a read-only
// key for a deploy, shown once; a name already taken is an answer, not a crash. Run by the
// wire suite against `wrangler dev`.
import { createTollgateClient, TollgateApiError } from 'tollgate/client'

/**
 * Creates a read-only key named `name` valid 90 days.
 * @param {{ baseUrl: string, adminJwt: string, name: string }} options
 */
export async function provisionKey({ baseUrl, adminJwt, name }) {
  const client = createTollgateClient({ baseUrl, getAuthToken: () => adminJwt })
  try {
    const token = await client.tokens.create({ name, type: 'read-only', lifespan: 7_776_000_000 })
    return { id: token.id, accessKey: token.accessKey, expiresAt: token.expiresAt }
  } catch (error) {
    if (error instanceof TollgateApiError && error.details.errors?.[0]?.code === 'name_taken') {
      // The search also matches descriptions and longer names: take the exact one.
      const { data } = await client.tokens.list({ q: name })
      return { id: data.find((token) => token.name === name)?.id, taken: true }
    }
    throw error
  }
}
