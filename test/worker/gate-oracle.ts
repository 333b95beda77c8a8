// An independent model of the gate's verdict, written from SPEC §3 (edge verification)
// and §4 (the catalog), never from worker/: property tests judge the gate with it, so
// they can find a wrong decision, not only a crash. Nothing here imports the worker.
import { parse } from 'graphql'

/** The catalog as `wrangler.toml` declares it (`[vars.API_CATALOG]`, SPEC §4). */
export interface CatalogDeclaration {
  contentTypes?: {
    uid: string
    kind?: 'collectionType' | 'singleType'
    rest?: string
    graphql?: { singular: string; plural?: string }
  }[]
  routes?: { method: string; path: string; action: string }[]
}

/** A REST route of the model: method, `:param` path, action id. */
export interface ModelRoute {
  method: string
  path: string
  action: string
}

/** A GraphQL root field of the model: the operation it belongs to and its action. */
export interface ModelField {
  operation: 'query' | 'mutation'
  action: string
}

/** The catalog, expanded as SPEC §4 describes it. */
export interface ModelCatalog {
  routes: ModelRoute[]
  fields: Map<string, ModelField>
  actions: Set<string>
}

/**
 * Expands a declared catalog (SPEC §4): a collection type has find (GET rest), findOne
 * (GET rest/:id), create (POST rest), update (PUT rest/:id), delete (DELETE rest/:id) and
 * the GraphQL fields `<plural>`, `<plural>_connection`, `<singular>` (queries) and
 * `create|update|delete<Singular>` (mutations); a single type find (GET), update (PUT),
 * delete (DELETE) on its one path and `<singular>`, `update<Singular>`, `delete<Singular>`.
 */
export function catalogModel(declaration: CatalogDeclaration): ModelCatalog {
  const model: ModelCatalog = { routes: [], fields: new Map(), actions: new Set() }
  const route = (method: string, path: string, action: string) => {
    model.routes.push({ method: method.toUpperCase(), path, action })
    model.actions.add(action)
  }
  const field = (name: string, operation: ModelField['operation'], action: string) => {
    model.fields.set(name, { operation, action })
    model.actions.add(action)
  }
  for (const type of declaration.contentTypes ?? []) {
    const single = type.kind === 'singleType'
    const names = single
      ? ['find', 'update', 'delete']
      : ['find', 'findOne', 'create', 'update', 'delete']
    for (const name of names) model.actions.add(`${type.uid}.${name}`)
    const act = (name: string) => `${type.uid}.${name}`
    if (type.rest && single) {
      route('GET', type.rest, act('find'))
      route('PUT', type.rest, act('update'))
      route('DELETE', type.rest, act('delete'))
    } else if (type.rest) {
      route('GET', type.rest, act('find'))
      route('GET', `${type.rest}/:id`, act('findOne'))
      route('POST', type.rest, act('create'))
      route('PUT', `${type.rest}/:id`, act('update'))
      route('DELETE', `${type.rest}/:id`, act('delete'))
    }
    if (type.graphql) {
      const { singular } = type.graphql
      const typeName = singular[0]!.toUpperCase() + singular.slice(1)
      if (single) {
        field(singular, 'query', act('find'))
      } else {
        const plural = type.graphql.plural ?? `${singular}s`
        field(plural, 'query', act('find'))
        field(`${plural}_connection`, 'query', act('find'))
        field(singular, 'query', act('findOne'))
        field(`create${typeName}`, 'mutation', act('create'))
      }
      field(`update${typeName}`, 'mutation', act('update'))
      field(`delete${typeName}`, 'mutation', act('delete'))
    }
  }
  for (const extra of declaration.routes ?? []) route(extra.method, extra.path, extra.action)
  return model
}

/**
 * The protected base a path falls under (SPEC §3): whole segments, in any casing, the
 * base with the most segments winning (`/api/graphql` beside `/api`); `undefined` when
 * none holds the path.
 */
export function protectedBaseOf(path: string, bases: readonly string[]): string | undefined {
  const segments = path.toLowerCase().split('/').slice(1)
  let best: { base: string; depth: number } | undefined
  for (const base of bases) {
    const wanted = base.toLowerCase().split('/').filter(Boolean)
    const holds = wanted.every((segment, i) => segments[i] === segment)
    if (holds && (!best || wanted.length > best.depth)) best = { base, depth: wanted.length }
  }
  return best?.base
}

/** Whether a protected base serves GraphQL: its last segment is `graphql`. */
export function servesGraphql(base: string): boolean {
  return base.toLowerCase().split('/').filter(Boolean).at(-1) === 'graphql'
}

/**
 * The catalogued action a request's segments (after the leading `/`, literal as given)
 * run under `method`: `HEAD` runs `GET`'s routes, `:param` takes any non-empty segment,
 * the route with the most literal segments wins. `undefined`: outside the catalog.
 */
export function actionOfSegments(
  catalog: ModelCatalog,
  method: string,
  segments: readonly string[],
): string | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method
  let best: { action: string; literals: number } | undefined
  for (const route of catalog.routes) {
    const pattern = route.path.split('/').slice(1)
    if (route.method !== wanted || pattern.length !== segments.length) continue
    const fits = pattern.every((part, i) =>
      part.startsWith(':') ? segments[i] !== '' : part === segments[i],
    )
    const literals = pattern.filter((part) => !part.startsWith(':')).length
    if (fits && (!best || literals > best.literals)) best = { action: route.action, literals }
  }
  return best?.action
}

/**
 * The action of a REST request whose path is written plainly (literal segments as
 * declared, no encoding): the query string and one trailing slash are ignored.
 */
export function restActionOf(catalog: ModelCatalog, method: string, path: string) {
  const segments = path.split('?')[0]!.split('/').slice(1)
  if (segments.length > 1 && segments.at(-1) === '') segments.pop()
  return actionOfSegments(catalog, method, segments)
}

/** The operation a GraphQL request runs, as one parser reads it, or why it cannot be run. */
export type GraphqlReading =
  | {
      ok: true
      type: 'query' | 'mutation' | 'subscription'
      name: string | undefined
      /** Root field names (never aliases), fragments followed, sorted, each once. */
      fields: string[]
    }
  | { ok: false; why: string }

/** A parser under test: text in, a GraphQL AST (graphql-js's node kinds) out, or a throw. */
export type GraphqlParser = (source: string) => unknown

/** graphql-js's `parse`, the parser the SPEC names. */
export const graphqlJs: GraphqlParser = (source) => parse(source)

interface AstNode {
  kind: string
  name?: { value: string }
  operation?: 'query' | 'mutation' | 'subscription'
  selectionSet?: { selections: readonly AstNode[] }
}

/**
 * Reads the operation a document runs with `operationName`, on any parser's AST: only
 * operations and fragments; no two operations of one name, no anonymous one beside
 * others, no two fragments of one name; the operation named, or the only one; its root
 * fields, following fragment spreads and inline fragments (whatever their type
 * condition), each fragment once.
 */
export function readGraphql(
  parser: GraphqlParser,
  source: string,
  operationName?: string | null,
): GraphqlReading {
  let document: { definitions: readonly AstNode[] }
  try {
    document = parser(source) as { definitions: readonly AstNode[] }
  } catch (error) {
    return { ok: false, why: `unparsable: ${error instanceof Error ? error.message : error}` }
  }
  const operations: AstNode[] = []
  const fragments = new Map<string, AstNode>()
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition') operations.push(definition)
    else if (definition.kind !== 'FragmentDefinition') return { ok: false, why: definition.kind }
    else if (fragments.has(definition.name!.value)) return { ok: false, why: 'fragment twice' }
    else fragments.set(definition.name!.value, definition)
  }
  const names = operations.map((operation) => operation.name?.value)
  if (new Set(names).size !== names.length) return { ok: false, why: 'operation name twice' }
  if (operations.length > 1 && names.includes(undefined)) {
    return { ok: false, why: 'anonymous operation beside others' }
  }
  const chosen = operationName
    ? operations.find((operation) => operation.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined
  if (!chosen) return { ok: false, why: 'no operation to run' }

  const fields = new Set<string>()
  const followed = new Set<string>()
  const walk = (node: AstNode): string | undefined => {
    for (const selection of node.selectionSet!.selections) {
      if (selection.kind === 'Field') {
        fields.add(selection.name!.value)
      } else if (selection.kind === 'InlineFragment') {
        const why = walk(selection)
        if (why) return why
      } else {
        const name = selection.name!.value
        if (followed.has(name)) continue
        followed.add(name)
        const fragment = fragments.get(name)
        if (!fragment) return `unknown fragment ${name}`
        const why = walk(fragment)
        if (why) return why
      }
    }
    return undefined
  }
  const why = walk(chosen)
  if (why) return { ok: false, why }
  return { ok: true, type: chosen.operation!, name: chosen.name?.value, fields: [...fields].sort() }
}

/** Who asks: a token's type and grants, or `public` (no key) with `PUBLIC_ACTIONS`. */
export interface ModelPrincipal {
  type: 'public' | 'read-only' | 'full-access' | 'custom'
  grants: ReadonlySet<string>
}

/** What the gate must do with a request whose key is valid (or absent and public). */
export type Verdict =
  | {
      forward: true
      /** The assertion's `act`, sorted; `undefined` where the SPEC does not fix it. */
      actions: string[] | undefined
    }
  | {
      forward: false
      status: 400 | 401 | 403 | 405
      code: 'MALFORMED' | 'MISSING' | 'FORBIDDEN'
      /** For a refused GraphQL operation, the refused root fields (`undefined`: not fixed). */
      denied?: string[]
    }

const pass = (actions: string[] | undefined): Verdict => ({ forward: true, actions })

function refuse(principal: ModelPrincipal, denied?: string[]): Verdict {
  // Without a key a refusal says the key is missing (step 1), with one "Forbidden".
  return principal.type === 'public'
    ? { forward: false, status: 401, code: 'MISSING' }
    : { forward: false, status: 403, code: 'FORBIDDEN', denied }
}

/**
 * SPEC §3 step 4 for REST: full access passes everything; read-only every `GET`/`HEAD`,
 * catalogued or not; a custom token (and a request without a key, with
 * `PUBLIC_ACTIONS`) only a catalogued action it holds.
 */
export function judgeRest(
  principal: ModelPrincipal,
  method: string,
  action: string | undefined,
): Verdict {
  const actions = action === undefined ? [] : [action]
  switch (principal.type) {
    case 'full-access':
      return pass(actions)
    case 'read-only':
      return method === 'GET' || method === 'HEAD' ? pass(actions) : refuse(principal)
    default:
      return action !== undefined && principal.grants.has(action)
        ? pass(actions)
        : refuse(principal)
  }
}

/** Names GraphQL reserves for introspection (`__schema`, `__type`, `__typename`; spec §2.1.9). */
const isIntrospection = (field: string) => field.startsWith('__')

/**
 * SPEC §3 step 4 for GraphQL, on the operation the request runs:
 * - an unreadable request (unparsable, no operation to run, …) → 400 `MALFORMED`;
 * - GET carries queries only → 405 for a mutation or subscription, whoever asks;
 * - full access passes everything; subscriptions need full access;
 * - read-only passes queries, whatever their fields are called;
 * - custom (and public) pass an operation whose every root field is bound to a held
 *   action of that very operation kind (`articles` is a query field: `mutation { articles }`
 *   runs no granted action), or is introspection: for every valid key; without a key
 *   only `__typename`, which reads nothing but the root type's name. A mutation of
 *   introspection alone runs no granted action: refused.
 */
export function judgeGraphql(
  principal: ModelPrincipal,
  method: string,
  reading: GraphqlReading,
  catalog: ModelCatalog,
): Verdict {
  if (!reading.ok) return { forward: false, status: 400, code: 'MALFORMED' }
  const { type, fields } = reading
  if ((method === 'GET' || method === 'HEAD') && type !== 'query') {
    return { forward: false, status: 405, code: 'MALFORMED' }
  }
  const data = fields.filter((field) => !isIntrospection(field))
  const bindings = data.map((field) => catalog.fields.get(field))
  // `act` is fixed where every data field is bound to an action of this operation kind,
  // or is outside the catalog (it matches none).
  const fixed = bindings.every((bound) => bound === undefined || bound.operation === type)
  const actions = fixed
    ? [...new Set(bindings.flatMap((bound) => (bound ? [bound.action] : [])))].sort()
    : undefined
  if (principal.type === 'full-access') return pass(actions)
  if (type === 'subscription') return refuse(principal)
  if (principal.type === 'read-only') return type === 'query' ? pass(actions) : refuse(principal)
  if (type === 'mutation' && data.length === 0) return refuse(principal)
  const denied = fields.filter((field) => {
    if (isIntrospection(field)) return principal.type === 'public' && field !== '__typename'
    const bound = catalog.fields.get(field)
    return !bound || bound.operation !== type || !principal.grants.has(bound.action)
  })
  return denied.length ? refuse(principal, denied) : pass(actions)
}

/**
 * Characters no forwarded GraphQL document may hold and whose presence in a client's
 * document is refused (SPEC §10): U+2028, U+2029 and every control character (Unicode
 * `Cc`: U+0000–U+001F, U+007F–U+009F) but TAB, LF and CR.
 */
export const STRAY_CHARACTER = /(?![\t\n\r])[\p{Cc}\u2028\u2029]/u
