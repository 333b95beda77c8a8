import { ApiError } from '../http/api-error'
import { malformedRequest } from './refusal'

/** GraphQL documents are buffered to be judged, so they are size-limited. */
export const MAX_GRAPHQL_BYTES = 64 * 1024

/** The document and operation a GraphQL HTTP request carries, and the body to forward. */
export interface GraphqlRequest {
  query: string
  operationName: string | null
  /** The body's bytes as read, forwarded unchanged (`null` for GET). */
  body: Uint8Array | null
}

async function readLimitedBytes(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get('Content-Length') ?? '0')
  if (declared > MAX_GRAPHQL_BYTES) throw tooLarge()
  if (!request.body) return new Uint8Array()
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
  return bytes
}

/**
 * The body as text, strictly: invalid UTF-8 or a byte-order mark is refused rather
 * than replaced, so the origin parses the very bytes that were judged.
 */
function decodeStrictly(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw malformedRequest('GraphQL request body is not valid UTF-8')
  }
}

function tooLarge(): ApiError {
  return new ApiError(413, 'GraphQL request is larger than 64 KiB', { code: 'MALFORMED' })
}

/**
 * The media type of a GraphQL POST: `application/json` or `application/graphql`, in
 * UTF-8. Anything else is refused, not guessed at: a form body or a UTF-7 "JSON" body
 * reads as one document here and as another at an origin that honours its type.
 */
function graphqlMediaType(header: string | null): 'application/json' | 'application/graphql' {
  const [media = '', ...params] = (header ?? '').split(';')
  const type = media.trim().toLowerCase()
  if (type !== 'application/json' && type !== 'application/graphql') {
    throw malformedRequest('A GraphQL POST must be sent as application/json or application/graphql')
  }
  for (const param of params) {
    const [name = '', value = ''] = param.split('=')
    if (name.trim().toLowerCase() !== 'charset') continue
    if (value.trim().replace(/^"|"$/g, '').toLowerCase() !== 'utf-8') {
      throw malformedRequest('A GraphQL body must be UTF-8')
    }
  }
  return type
}

/**
 * Whether a JSON text (already known to be valid) repeats a key of its top-level
 * object, in any casing. `JSON.parse` keeps the last `"query"`; another parser at the origin may keep
 * the first and run a document that was never judged.
 */
export function hasDuplicateTopLevelKey(json: string): boolean {
  const keys = new Set<string>()
  let depth = 0
  let expectKey = false
  for (let i = 0; i < json.length; i++) {
    const char = json[i]
    if (char === '"') {
      let end = i + 1
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1
      if (depth === 1 && expectKey) {
        // In any casing: Go's encoding/json (gqlgen) reads "QUERY" as "query".
        const key = (JSON.parse(json.slice(i, end + 1)) as string).toLowerCase()
        if (keys.has(key)) return true
        keys.add(key)
        expectKey = false
      }
      i = end
    } else if (char === '{' || char === '[') {
      depth += 1
      expectKey = char === '{' && depth === 1
    } else if (char === '}' || char === ']') {
      depth -= 1
    } else if (char === ',' && depth === 1) {
      expectKey = true
    }
  }
  return false
}

/**
 * Reads a GraphQL request over HTTP: GET with `?query=`, POST with a JSON body
 * `{query, operationName?, variables?}` or an `application/graphql` body. Batches
 * (arrays) and persisted queries without their text cannot be judged: 400.
 */
export async function readGraphqlRequest(request: Request, url: URL): Promise<GraphqlRequest> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    // A repeated parameter is read as the first here and may be the last at the origin.
    for (const name of ['query', 'operationName']) {
      if (url.searchParams.getAll(name).length > 1) {
        throw malformedRequest(`The ${name} parameter is given twice`)
      }
    }
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
  // Some servers read `query`/`operationName` from the URL of a POST as well.
  if (url.searchParams.has('query') || url.searchParams.has('operationName')) {
    throw malformedRequest('A GraphQL POST carries its query and operationName in the body only')
  }
  const mediaType = graphqlMediaType(request.headers.get('Content-Type'))
  const encoding = request.headers.get('Content-Encoding')?.trim().toLowerCase()
  if (encoding && encoding !== 'identity') {
    throw malformedRequest('A GraphQL body must not be compressed (Content-Encoding)')
  }
  const body = await readLimitedBytes(request)
  const text = decodeStrictly(body)
  if (mediaType === 'application/graphql') return { query: text, operationName: null, body }

  let payload: unknown
  try {
    payload = JSON.parse(text)
  } catch {
    throw malformedRequest('GraphQL request body must be JSON or application/graphql')
  }
  if (Array.isArray(payload)) throw malformedRequest('Batched GraphQL requests are not supported')
  if (typeof payload !== 'object' || payload === null) {
    throw malformedRequest('GraphQL request body must be a JSON object')
  }
  if (hasDuplicateTopLevelKey(text)) {
    throw malformedRequest('GraphQL request body holds a field twice')
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
