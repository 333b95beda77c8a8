import type { Catalog } from '../catalog/catalog'
import type { TokenType } from '../../contract/api-tokens'
import type { GraphqlOperation } from './graphql-operation'

/** Who is asking: a token's type and grants, or `public` with `PUBLIC_ACTIONS`. */
export interface Principal {
  type: TokenType | 'public'
  permissions: ReadonlySet<string>
}

/** What a request wants to do, matched against the catalog. */
export type RequestIntent =
  | { api: 'rest'; method: string; action: string | undefined }
  | { api: 'graphql'; operation: GraphqlOperation }

/** The gate's verdict: the matched actions to assert, or the refused fields. */
export type Decision = { allowed: true; actions: string[] } | { allowed: false; denied: string[] }

const SAFE_METHODS = new Set(['GET', 'HEAD'])

/**
 * Decides a request (SPEC §3, step 4). Full access passes everything; read-only passes
 * safe REST methods and GraphQL queries whatever the actions are called; custom
 * tokens and keyless requests pass only catalogued actions they were granted, so a
 * route outside the catalog is refused. Introspection fields pass for any key in a
 * query (without a key only `__typename` does); a mutation of introspection fields
 * alone passes only full access.
 */
export function decide(intent: RequestIntent, principal: Principal, catalog: Catalog): Decision {
  if (intent.api === 'rest') {
    const actions = intent.action ? [intent.action] : []
    const allowed =
      principal.type === 'full-access' ||
      (principal.type === 'read-only' && SAFE_METHODS.has(intent.method)) ||
      (intent.action !== undefined && principal.permissions.has(intent.action))
    return allowed ? { allowed, actions } : { allowed, denied: actions }
  }

  const { type: operation, fields } = intent.operation
  // Read-only runs queries only, whatever the fields (even `mutation { __typename }`); a
  // mutation must name a granted field, not introspection alone; subscriptions need
  // full access.
  const onlyIntrospection = fields.every((field) => field.startsWith('__'))
  const wrongOperation =
    (operation === 'subscription' && principal.type !== 'full-access') ||
    (operation === 'mutation' && principal.type === 'read-only') ||
    (operation === 'mutation' && principal.type !== 'full-access' && onlyIntrospection)
  if (wrongOperation) return { allowed: false, denied: fields }
  const actions = new Set<string>()
  const denied: string[] = []
  for (const field of fields) {
    if (field.startsWith('__')) {
      if (principal.type === 'public' && field !== '__typename') denied.push(field)
      continue
    }
    const bound = catalog.graphqlFields.get(field)
    if (bound) actions.add(bound.action)
    const allowed =
      principal.type === 'full-access' ||
      (principal.type === 'read-only' && operation === 'query') ||
      (bound !== undefined &&
        bound.operation === operation &&
        principal.permissions.has(bound.action))
    if (!allowed) denied.push(field)
  }
  return denied.length ? { allowed: false, denied } : { allowed: true, actions: [...actions] }
}
