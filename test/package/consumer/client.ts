// tollgate/client, as a script or a host's own UI uses it (SPEC §11).
import { createTollgateClient, TollgateApiError } from 'tollgate/client'

const client = createTollgateClient({
  baseUrl: 'https://gate.example.com',
  getAuthToken: async () => 'jwt',
})

/** The names of the tokens whose name or description says `search`. */
export async function tokenNames(search: string): Promise<string[]> {
  const page = await client.tokens.list({ q: search, sort: 'name:asc' })
  return page.data.map((token) => token.name)
}

/** A read-only key for CI, shown this once. */
export async function ciKey(): Promise<string> {
  const created = await client.tokens.create({ name: 'CI', type: 'read-only' })
  return created.accessKey
}

/** What went wrong, from the §2 error the worker sent. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof TollgateApiError)) return String(error)
  const status: number = error.status
  return `${status} ${error.name}: ${error.message}`
}
