import type { PermissionCatalog, RouteCatalog } from '../../contract/admin-wire'
import { z } from 'zod'
import { ConfigError } from '../config/config-error'

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
const UID = /^[a-z][a-z0-9-]*::[a-z0-9][\w-]*\.[a-z0-9][\w-]*$/i
const ACTION_ID = /^[a-z][a-z0-9-]*::[a-z0-9][\w-]*\.[a-z0-9][\w-]*\.[a-z0-9][\w-]*$/i
const REST_PATH = /^(\/[\w.~-]+|\/:[A-Za-z_]\w*)+$/
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/

const contentTypeSchema = z.strictObject({
  uid: z.string().regex(UID, 'must look like "api::article.article"'),
  displayName: z.string().min(1),
  kind: z.enum(['collectionType', 'singleType']).default('collectionType'),
  rest: z.string().regex(REST_PATH, 'must be a path such as "/api/articles"').optional(),
  graphql: z
    .strictObject({
      singular: z.string().regex(GRAPHQL_NAME),
      plural: z.string().regex(GRAPHQL_NAME).optional(),
    })
    .optional(),
})

const routeSchema = z.strictObject({
  method: z.preprocess(
    (value) => (typeof value === 'string' ? value.toUpperCase() : value),
    z.enum(HTTP_METHODS),
  ),
  path: z.string().regex(REST_PATH, 'must be a path such as "/api/articles/:id/related"'),
  action: z.string().regex(ACTION_ID, 'must look like "api::article.article.related"'),
  /**
   * What a metered token pays for the route's action (SPEC §13), on this route and every
   * other route or GraphQL field of the action; default 1.
   */
  cost: z.number().int().min(1).max(1_000_000).optional(),
})

const catalogSchema = z.strictObject({
  contentTypes: z.array(contentTypeSchema).default([]),
  routes: z.array(routeSchema).default([]),
})

/** The catalog as written in `wrangler.toml` `[vars.API_CATALOG]`. */
export type CatalogConfig = z.input<typeof catalogSchema>

/** A REST route bound to an action. `segments` holds `null` for a `:param`. */
export interface CatalogRoute {
  method: (typeof HTTP_METHODS)[number]
  path: string
  action: string
  segments: (string | null)[]
}

/** A GraphQL root field bound to an action. */
export interface CatalogGraphqlField {
  operation: 'query' | 'mutation'
  action: string
}

/** An action the picker shows, grouped as Strapi groups them. */
export interface CatalogAction {
  id: string
  group: string
  controller: string
  name: string
}

/** The parsed, validated action catalog (SPEC §4). */
export interface Catalog {
  actions: Map<string, CatalogAction>
  displayNames: Map<string, string>
  routes: CatalogRoute[]
  graphqlFields: Map<string, CatalogGraphqlField>
  /** The credits each priced action costs a metered token, by action (SPEC §13); else 1. */
  costs: Map<string, number>
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function splitActionId(id: string): CatalogAction {
  const groupEnd = id.indexOf('.')
  const [controller = '', name = ''] = id.slice(groupEnd + 1).split('.')
  return { id, group: id.slice(0, groupEnd), controller, name }
}

/**
 * Validates `API_CATALOG` and expands it into actions, REST routes and GraphQL fields:
 * a collection type gets find, findOne, create, update, delete; a single type find,
 * update, delete on its one path (SPEC §4). Throws a {@link ConfigError} that names
 * the faulty entry.
 *
 * @example
 * parseCatalog({ contentTypes: [{ uid: 'api::article.article', displayName: 'Article', rest: '/api/articles' }] })
 */
export function parseCatalog(config: unknown): Catalog {
  const parsed = catalogSchema.safeParse(config ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const where = issue.path.length ? issue.path.join('.') : 'API_CATALOG'
    throw new ConfigError(`API_CATALOG is invalid at ${where}: ${issue.message}`)
  }

  const catalog: Catalog = {
    actions: new Map(),
    displayNames: new Map(),
    routes: [],
    graphqlFields: new Map(),
    costs: new Map(),
  }
  const addAction = (id: string) => {
    if (!catalog.actions.has(id)) catalog.actions.set(id, splitActionId(id))
  }
  const addRoute = (method: CatalogRoute['method'], path: string, action: string) => {
    const clash = catalog.routes.find((route) => route.method === method && route.path === path)
    if (clash) throw new ConfigError(`API_CATALOG binds ${method} ${path} twice`)
    const segments = path
      .split('/')
      .filter(Boolean)
      .map((segment) => (segment.startsWith(':') ? null : segment))
    catalog.routes.push({ method, path, action, segments })
    addAction(action)
  }
  const addField = (field: string, operation: CatalogGraphqlField['operation'], action: string) => {
    if (catalog.graphqlFields.has(field)) {
      throw new ConfigError(`API_CATALOG declares the GraphQL field ${field} twice`)
    }
    catalog.graphqlFields.set(field, { operation, action })
    addAction(action)
  }

  for (const type of parsed.data.contentTypes) {
    const group = type.uid.slice(0, type.uid.indexOf('.'))
    if (catalog.displayNames.has(group)) {
      throw new ConfigError(`API_CATALOG declares ${group} twice`)
    }
    catalog.displayNames.set(group, type.displayName)
    const action = (name: string) => `${type.uid}.${name}`
    const names =
      type.kind === 'singleType'
        ? ['find', 'update', 'delete']
        : ['find', 'findOne', 'create', 'update', 'delete']
    names.forEach((name) => addAction(action(name)))

    if (type.rest) {
      if (type.kind === 'singleType') {
        addRoute('GET', type.rest, action('find'))
        addRoute('PUT', type.rest, action('update'))
        addRoute('DELETE', type.rest, action('delete'))
      } else {
        const item = `${type.rest}/:id`
        addRoute('GET', type.rest, action('find'))
        addRoute('GET', item, action('findOne'))
        addRoute('POST', type.rest, action('create'))
        addRoute('PUT', item, action('update'))
        addRoute('DELETE', item, action('delete'))
      }
    }
    if (type.graphql) {
      const { singular, plural } = type.graphql
      const typeName = capitalize(singular)
      if (type.kind === 'singleType') {
        addField(singular, 'query', action('find'))
      } else {
        const many = plural ?? `${singular}s`
        addField(many, 'query', action('find'))
        addField(`${many}_connection`, 'query', action('find'))
        addField(singular, 'query', action('findOne'))
        addField(`create${typeName}`, 'mutation', action('create'))
      }
      addField(`update${typeName}`, 'mutation', action('update'))
      addField(`delete${typeName}`, 'mutation', action('delete'))
    }
  }
  for (const route of parsed.data.routes) {
    addRoute(route.method, route.path, route.action)
    if (route.cost === undefined) continue
    const known = catalog.costs.get(route.action)
    if (known !== undefined && known !== route.cost) {
      throw new ConfigError(`API_CATALOG gives ${route.action} two costs`)
    }
    catalog.costs.set(route.action, route.cost)
  }
  return catalog
}

/**
 * The catalog grouped for the permission picker (SPEC §4):
 * `{"api::article": {displayName, controllers: {article: ["find", …]}}}`.
 */
export function groupedPermissions(catalog: Catalog): PermissionCatalog {
  const groups: PermissionCatalog = {}
  for (const { group, controller, name } of catalog.actions.values()) {
    const entry = (groups[group] ??= {
      displayName: catalog.displayNames.get(group) ?? capitalize(controller),
      controllers: {},
    })
    ;(entry.controllers[controller] ??= []).push(name)
  }
  return groups
}

/** The route bound to each action, by group: `{"api::article": [{method, path, action}]}`. */
export function groupedRoutes(catalog: Catalog): RouteCatalog {
  const groups: RouteCatalog = {}
  for (const { method, path, action } of catalog.routes) {
    const group = catalog.actions.get(action)!.group
    ;(groups[group] ??= []).push({ method, path, action })
  }
  return groups
}
