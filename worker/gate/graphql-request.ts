import { ApiError } from '../http/api-error'
import { malformedRequest } from './refusal'

/** GraphQL documents are buffered to be judged, so they are size-limited. */
export const MAX_GRAPHQL_BYTES = 64 * 1024

/** The document and operation a GraphQL HTTP request carries, and the body to forward. */
export interface GraphqlRequest {
  query: string
  operationName: string | null
  /** The body as read, forwarded unchanged (`null` for GET). */
  body: string | null
}

async function readLimitedText(request: Request): Promise<string> {
  const declared = Number(request.headers.get('Content-Length') ?? '0')
  if (declared > MAX_GRAPHQL_BYTES) throw tooLarge()
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_GRAPHQL_BYTES) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

function tooLarge(): ApiError {
  return new ApiError(413, 'GraphQL request is larger than 64 KiB', { code: 'MALFORMED' })
}

/**
 * Reads a GraphQL request over HTTP: GET with `?query=`, POST with a JSON body
 * `{query, operationName?, variables?}` or an `application/graphql` body. Batches
 * (arrays) and persisted queries without their text cannot be judged: 400.
 */
export async function readGraphqlRequest(request: Request, url: URL): Promise<GraphqlRequest> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const query = url.searchParams.get('query')
    if (!query) throw malformedRequest('A GraphQL GET request needs a query parameter')
    return { query, operationName: url.searchParams.get('operationName'), body: null }
  }
  if (request.method !== 'POST') {
    throw new ApiError(
      405,
      'GraphQL accepts GET and POST',
      { code: 'MALFORMED' },
      { Allow: 'GET, POST' },
    )
  }
  const body = await readLimitedText(request)
  const contentType = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase()
  if (contentType === 'application/graphql') return { query: body, operationName: null, body }

  let payload: unknown
  try {
    payload = JSON.parse(body)
  } catch {
    throw malformedRequest('GraphQL request body must be JSON or application/graphql')
  }
  if (Array.isArray(payload)) throw malformedRequest('Batched GraphQL requests are not supported')
  if (typeof payload !== 'object' || payload === null) {
    throw malformedRequest('GraphQL request body must be a JSON object')
  }
  const { query, operationName } = payload as Record<string, unknown>
  if (typeof query !== 'string' || query.trim() === '') {
    throw malformedRequest(
      'GraphQL request has no query text (persisted queries are not supported)',
    )
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw malformedRequest('operationName must be a string')
  }
  return { query, operationName: operationName ?? null, body }
}
