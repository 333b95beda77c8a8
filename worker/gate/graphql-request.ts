import { ApiError } from '../http/api-error'
import { readLimitedBytes } from '../http/read-limited-bytes'
import { graphqlParameterOf, urlGraphqlParameterOf } from './graphql-parameters'
import { malformedRequest } from './refusal'
import { isMethodOverrideKey } from './request-shape'

/** GraphQL documents are buffered to be judged, so they are size-limited. */
export const MAX_GRAPHQL_BYTES = 64 * 1024

/** What a GraphQL JSON body sent besides `query`, as parsed: forwarded only when present. */
export interface GraphqlJsonExtras {
  operationName?: string | null
  variables?: unknown
  extensions?: unknown
}

/**
 * The document and operation a GraphQL HTTP request carries, and the form it came in:
 * the origin receives the same form rebuilt around the re-printed document (SPEC §10).
 */
export interface GraphqlRequest {
  query: string
  operationName: string | null
  form:
    | { kind: 'get'; parameters: [name: string, value: string][] }
    | { kind: 'graphql' }
    | { kind: 'json'; extras: GraphqlJsonExtras }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * The body as text, strictly: invalid UTF-8 or a byte-order mark is refused rather
 * than replaced, so the origin parses the very bytes that were judged.
 */
function decodeStrictly(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes)
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

/** `JSON.rawJSON` (ES2025, V8): a number that JSON.stringify writes out as given. */
const rawJson = (JSON as unknown as { rawJSON?: (text: string) => unknown }).rawJSON

/**
 * A number that `JSON.parse` may not give back as written: 16 significant digits or more, a fraction
 * ending in 0 (`1.50`), an exponent (`1e3`), or `-0`. Strings count too — a false match
 * only costs the slower exact parse.
 */
const INEXACT_NUMBER = /\d(?:\.?\d){15}|\.\d*0(?!\d)|\d[eE][+-]?\d|-0(?![.\d])/

/**
 * A `JSON.parse` reviver that keeps each number as the client wrote it when a double
 * cannot (`12345678901234567890`, `1.0`): the forwarded variables are the values parsed
 * here, and an origin with exact integers must get the very number that was sent.
 */
function keepNumbersExact(_key: string, value: unknown, context?: { source?: string }): unknown {
  const source = context?.source
  if (typeof value !== 'number' || source === undefined || String(value) === source) return value
  return rawJson ? rawJson(source) : value
}

/**
 * The names of a JSON object text's top-level members (the text already known to be
 * valid JSON), in order, repeats kept — what `JSON.parse` hides by keeping the last.
 *
 * @example
 * topLevelKeys('{"query":"{a}","QUERY":"{b}","v":{"query":1}}') // ['query', 'QUERY', 'v']
 */
export function topLevelKeys(json: string): string[] {
  const keys: string[] = []
  let depth = 0
  let expectKey = false
  for (let i = 0; i < json.length; i++) {
    const char = json[i]
    if (char === '"') {
      let end = i + 1
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1
      if (depth === 1 && expectKey) keys.push(JSON.parse(json.slice(i, end + 1)) as string)
      expectKey = false
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
  return keys
}

/**
 * Whether a JSON text (already known to be valid) repeats a key of its top-level
 * object, in any casing ({@link graphqlParameterOf}). `JSON.parse` keeps the last
 * `"query"`; another parser at the origin may keep the first and run a document that was
 * never judged. In any casing: Go's encoding/json (gqlgen) reads `"QUERY"` as `query`.
 */
export function hasDuplicateTopLevelKey(json: string): boolean {
  const keys = topLevelKeys(json).map((name) => graphqlParameterOf(name) ?? name.toLowerCase())
  return new Set(keys).size !== keys.length
}

/**
 * The GraphQL parameters of a GET, by canonical name, and every parameter in order with
 * those names made canonical. A parameter named twice in any casing, or as PHP reads
 * names, is refused: one server reads the first, another the last, ASP.NET any casing.
 */
function readGetParameters(url: URL) {
  const found = new Map<string, string>()
  const parameters: [string, string][] = []
  for (const [name, value] of url.searchParams) {
    const canonical = urlGraphqlParameterOf(name)
    if (canonical !== undefined) {
      if (found.has(canonical)) throw malformedRequest(`The ${canonical} parameter is given twice`)
      found.set(canonical, value)
    }
    parameters.push([canonical ?? name, value])
  }
  return { found, parameters }
}

/**
 * Reads a GraphQL request over HTTP: GET with `?query=`, POST with a JSON body
 * `{query, operationName?, variables?, extensions?}` or an `application/graphql` body.
 * Batches (arrays) and persisted queries without their text cannot be judged: 400. The
 * parameter names are read in any casing, and where one could be read twice — a POST's
 * URL beside its body, two casings of one name — the request is refused (SPEC §10).
 */
export async function readGraphqlRequest(request: Request, url: URL): Promise<GraphqlRequest> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const { found, parameters } = readGetParameters(url)
    const query = found.get('query')
    if (!query) throw malformedRequest('A GraphQL GET request needs a query parameter')
    return {
      query,
      operationName: found.get('operationName') ?? null,
      form: { kind: 'get', parameters },
    }
  }
  if (request.method !== 'POST') {
    throw new ApiError(
      405,
      'GraphQL accepts GET and POST',
      { code: 'MALFORMED' },
      { Allow: 'GET, POST' },
    )
  }
  // graphql-dotnet prefers the URL's `query` to the body's; ASP.NET reads `?Query=` too.
  for (const name of url.searchParams.keys()) {
    if (urlGraphqlParameterOf(name) !== undefined) {
      throw malformedRequest(
        'A GraphQL POST carries its query, operationName, variables and extensions in the body only',
      )
    }
  }
  const mediaType = graphqlMediaType(request.headers.get('Content-Type'))
  const encoding = request.headers.get('Content-Encoding')?.trim().toLowerCase()
  if (encoding && encoding !== 'identity') {
    throw malformedRequest('A GraphQL body must not be compressed (Content-Encoding)')
  }
  const text = decodeStrictly(await readLimitedBytes(request, MAX_GRAPHQL_BYTES, tooLarge))
  if (mediaType === 'application/graphql') {
    return { query: text, operationName: null, form: { kind: 'graphql' } }
  }

  let payload: unknown
  try {
    // The reviver (source-text access) costs; only a number a double may not keep needs it.
    payload = INEXACT_NUMBER.test(text) ? JSON.parse(text, keepNumbersExact) : JSON.parse(text)
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
  if (Object.keys(payload).some(isMethodOverrideKey)) {
    throw malformedRequest('Method override is not allowed')
  }
  const { query, operationName, variables, extensions } = payload as Record<string, unknown>
  if (typeof query !== 'string' || query.trim() === '') {
    throw malformedRequest(
      'GraphQL request has no query text (persisted queries are not supported)',
    )
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw malformedRequest('operationName must be a string')
  }
  const extras: GraphqlJsonExtras = {}
  if (operationName !== undefined) extras.operationName = operationName
  if (variables !== undefined) extras.variables = variables
  if (extensions !== undefined) extras.extensions = extensions
  return { query, operationName: operationName ?? null, form: { kind: 'json', extras } }
}
