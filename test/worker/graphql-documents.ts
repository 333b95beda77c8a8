// GraphQL documents and requests for the SPEC §10 properties: documents holding values
// of every kind, noise inserted anywhere (strings and comments included), the request a
// client sends them in, and what the origin must receive for them.
import fc from 'fast-check'
import { parse, print } from 'graphql'
import type { Echo } from './gate-helpers'

const rootField = fc.constantFrom(
  'articles',
  'article',
  'articles_connection',
  'categories',
  'homepage',
  'createArticle',
  'deleteArticle',
  '__typename',
  'unknownField',
)
/** Strings as a client writes them: escapes (`\u2028` among them), quotes, `#`, non-ASCII. */
const stringValue = fc.constantFrom(
  '"plain"',
  '""',
  '"tab\\tand \\"quotes\\" and \\\\"',
  '"caf\\u00e9 \\u00e9t\\u00e9"',
  '"escaped \\u2028 separator"',
  '"escaped \\u0001 control"',
  '"é 😀 \ufeff"',
  '"# not a comment"',
)
const blockString = fc.constantFrom(
  '"""block"""',
  '"""\n    indented\n      more\n  """',
  '"""a \\""" b"""',
  '"""# not a comment\nmutation { deleteArticle(id: 1) { id } }"""',
)
const scalar = fc.oneof(
  { arbitrary: stringValue, weight: 3 },
  { arbitrary: blockString, weight: 2 },
  { arbitrary: fc.constantFrom('1', '-2', '3.5e2', 'true', 'null', 'DRAFT', '$id'), weight: 3 },
)
const value = fc.oneof(
  { arbitrary: scalar, weight: 4 },
  {
    arbitrary: fc.array(scalar, { maxLength: 2 }).map((items) => `[${items.join(', ')}]`),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(scalar, scalar).map(([a, b]) => `{ title: ${a}, note: ${b} }`),
    weight: 1,
  },
)
const args = fc
  .array(fc.tuple(fc.constantFrom('id', 'data', 'filters', 'note'), value), { maxLength: 2 })
  .map((pairs) => (pairs.length ? `(${pairs.map(([name, v]) => `${name}: ${v}`).join(', ')})` : ''))
const directive = fc.constantFrom('', '', ' @include(if: true)', ' @skip(if: $flag)')
const field = fc
  .tuple(fc.option(fc.constantFrom('a', 'posts')), rootField, args, directive, fc.boolean())
  .map(
    ([alias, name, a, d, nested]) =>
      `${alias ? `${alias}: ` : ''}${name}${a}${d} { id${nested ? ' ... on Article { title }' : ''} }`,
  )
const selection = fc
  .array(
    fc.oneof(
      { arbitrary: field, weight: 5 },
      { arbitrary: fc.constant('...F'), weight: 1 },
      { arbitrary: field.map((f) => `... on Query { ${f} }`), weight: 1 },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((items) => `{ ${items.join(' ')} }`)
const variableDefinitions = fc.constantFrom(
  '',
  '($id: ID!)',
  '($id: ID = 1, $flag: Boolean = false)',
  '($note: String = "default \\u00e9")',
)
const operation = (name: string | undefined) =>
  fc
    .tuple(
      fc.constantFrom('query', 'query', 'mutation', 'subscription', ''),
      variableDefinitions,
      selection,
    )
    .map(([kind, vars, set]) =>
      kind === '' ? set : `${kind}${name ? ` ${name}` : ''}${vars} ${set}`,
    )
const fragment = field.map((f) => `fragment F on Query { ${f} }`)

/** A document and the operationName a client sends with it. */
export interface GraphqlDocument {
  doc: string
  operationName: string | undefined
}

/** One operation (named A or not) or two (A and B), a fragment F, and the name to run. */
export const graphqlDocument: fc.Arbitrary<GraphqlDocument> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(undefined, 'A'), fc.boolean(), fragment)
      .chain(([name, sendName, f]) =>
        operation(name).map((op) => ({
          doc: `${op}\n${f}`,
          operationName: sendName ? name : undefined,
        })),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(operation('A'), operation('B'), fragment, fc.constantFrom('A', 'B'))
      .map(([a, b, f, name]) => ({ doc: `${a}\n${b}\n${f}`, operationName: name })),
  },
)

/** What graphql-js ignores between tokens, and comments (their text included). */
export const IGNORED_NOISE = [
  ' ',
  '   ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  ',',
  ',,',
  '\ufeff',
  '# a comment\n',
  '#\n',
  '# mutation { deleteArticle(id: 1) { id } }\n',
  '# """ "\r',
]
/** What SPEC §10 refuses anywhere in a document: U+2028, U+2029, control characters. */
export const STRAY_NOISE = [
  '\u2028',
  '\u2029',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  // graphql-java ends a comment at U+2028/U+2029; graphql-js reads on to the line's end.
  '#\u2028 deleteArticle(id: 1) { id }\n',
  '# hidden \u2029 categories { id }\n',
  '# \u0000\n',
]
/** Other characters: content inside a string or comment, a syntax error elsewhere. */
export const OTHER_NOISE = ['é', '😀', '\u00a0', '\u200b', '"', '#']

const noise = fc.oneof(
  { arbitrary: fc.constantFrom(...IGNORED_NOISE), weight: 8 },
  { arbitrary: fc.constantFrom(...STRAY_NOISE), weight: 2 },
  { arbitrary: fc.constantFrom(...OTHER_NOISE), weight: 1 },
)

/** Inserts each piece of noise at its position, never inside a surrogate pair. */
function insertNoise(doc: string, insertions: [number, string][]): string {
  let text = doc
  for (const [at, piece] of insertions) {
    let i = at % (text.length + 1)
    if (i > 0 && i < text.length && /[\ud800-\udbff]/.test(text[i - 1]!)) i += 1
    text = text.slice(0, i) + piece + text.slice(i)
  }
  return text
}

/** Documents with up to four pieces of noise anywhere, strings and comments included. */
export const noisyDocument: fc.Arbitrary<GraphqlDocument> = fc
  .tuple(graphqlDocument, fc.array(fc.tuple(fc.nat(), noise), { maxLength: 4 }))
  .map(([{ doc, operationName }, insertions]) => ({
    doc: insertNoise(doc, insertions),
    operationName,
  }))

/** How a client sends a GraphQL request (SPEC §3): JSON (as written or ASCII-escaped), GraphQL text, GET. */
export type Via = 'json' | 'json-ascii' | 'graphql' | 'get'

/** `variables` and `extensions` a client may send; for GET, only plain ASCII ones. */
const anyVariables = fc.constantFrom<Record<string, unknown>>(
  { id: 1 },
  { note: 'line\u2028separator \u2029 and \u0001 control', list: [1, 'é', null] },
  { nested: { deep: [true, { x: '😀' }] } },
)
const plainVariables = fc.constantFrom<Record<string, unknown>>(
  { id: 1 },
  { flag: true, ids: [1, 2] },
)
const extensions = fc.constantFrom<Record<string, unknown>>(
  { trace: true },
  // Without a hash: a persisted-query hash must be that of the printed document (gate-attack).
  { persistedQuery: { version: 1 } },
)
/** Parameters of a GET besides the GraphQL ones, kept by the gate in their order. */
const OTHER_PARAMS: [string, string][] = [
  ['x', '1'],
  ['locale', 'fr'],
]
const PARAM_SLOTS = ['query', 'operationName', 'variables', 'extensions', 'x', 'locale']

/** What a client sends besides the document. */
export interface GraphqlExtras {
  via: Via
  variables: Record<string, unknown> | undefined
  extensions: Record<string, unknown> | undefined
  /** For GET: the order of the parameters. */
  order: string[]
}

export const graphqlExtras: fc.Arbitrary<GraphqlExtras> = fc
  .constantFrom<Via>('json', 'json', 'json-ascii', 'graphql', 'get')
  .chain((via) =>
    fc.record({
      via: fc.constant(via),
      variables: fc.option(via === 'get' ? plainVariables : anyVariables, { nil: undefined }),
      extensions: fc.option(extensions, { nil: undefined }),
      order: fc.shuffledSubarray(PARAM_SLOTS, {
        minLength: PARAM_SLOTS.length,
        maxLength: PARAM_SLOTS.length,
      }),
    }),
  )

/** JSON with every non-ASCII character escaped, as Python's `json.dumps` writes it. */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

/** A GraphQL request as a client sends it, with what it sent besides the document. */
export interface SentGraphql {
  method: 'GET' | 'POST'
  path: string
  init: RequestInit
  /** For a POST with JSON: the members sent besides `query`. */
  members: Record<string, unknown>
  /** For GET: the parameters in the order sent. */
  params: [string, string][]
  operationName: string | undefined
}

/**
 * The request for a document: POST JSON (`query`, and `operationName`, `variables`,
 * `extensions` where given) or `application/graphql`, with the `Content-Length` a client
 * sends; or GET with the GraphQL parameters and others in the given order.
 */
export function sendGraphql(
  { doc, operationName }: GraphqlDocument,
  { via, variables, extensions: ext, order }: GraphqlExtras,
  key: string | undefined,
  endpoint = '/graphql',
): SentGraphql {
  const auth: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {}
  const bytes = (text: string) => String(new TextEncoder().encode(text).byteLength)
  if (via === 'get') {
    const values: Record<string, string | undefined> = {
      query: doc,
      operationName,
      variables: variables && JSON.stringify(variables),
      extensions: ext && JSON.stringify(ext),
      ...Object.fromEntries(OTHER_PARAMS),
    }
    const params = order.flatMap((name): [string, string][] =>
      values[name] === undefined ? [] : [[name, values[name]]],
    )
    const path = `${endpoint}?${new URLSearchParams(params)}`
    return { method: 'GET', path, init: { headers: auth }, members: {}, params, operationName }
  }
  if (via === 'graphql') {
    const headers = { ...auth, 'Content-Type': 'application/graphql', 'Content-Length': bytes(doc) }
    const init = { method: 'POST', headers, body: doc }
    return {
      method: 'POST',
      path: endpoint,
      init,
      members: {},
      params: [],
      operationName: undefined,
    }
  }
  const members = {
    ...(operationName === undefined ? {} : { operationName }),
    ...(variables === undefined ? {} : { variables }),
    ...(ext === undefined ? {} : { extensions: ext }),
  }
  const payload = { query: doc, ...members }
  const body = via === 'json-ascii' ? asciiJson(payload) : JSON.stringify(payload)
  const headers = { ...auth, 'Content-Type': 'application/json', 'Content-Length': bytes(body) }
  const init = { method: 'POST', headers, body }
  return { method: 'POST', path: endpoint, init, members, params: [], operationName }
}

/**
 * The document the origin must receive for a judged one (SPEC §10): graphql-js
 * `print(parse(doc))`. A string written with a `\u2028` or `\u2029` escape prints that
 * character raw, which no forwarded document may hold: it stays an escape.
 */
export function reprinted(doc: string): string {
  return print(parse(doc)).replace(/[\u2028\u2029]/g, (char) =>
    char === '\u2028' ? '\\u2028' : '\\u2029',
  )
}

/** The document and operationName an origin reads from what it received. */
export function graphqlAtOrigin(received: Echo): { doc: string; operationName: string | null } {
  if (received.method === 'GET') {
    const params = new URL(received.url).searchParams
    return { doc: params.get('query') ?? '', operationName: params.get('operationName') }
  }
  if (received.headers['content-type']?.startsWith('application/graphql')) {
    return { doc: received.body, operationName: null }
  }
  const payload = JSON.parse(received.body) as { query?: string; operationName?: string }
  return { doc: payload.query ?? '', operationName: payload.operationName ?? null }
}
