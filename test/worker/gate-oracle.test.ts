// The model the gate's properties judge with (./gate-oracle), checked on SPEC examples:
// a model that is wrong would make the properties pass a wrong gate.
import { describe, expect, it } from 'vitest'
import {
  catalogModel,
  graphqlJs,
  judgeGraphql,
  judgeRest,
  protectedBaseOf,
  readGraphql,
  restActionOf,
  servesGraphql,
  STRAY_CHARACTER,
  type ModelPrincipal,
} from './gate-oracle'

const catalog = catalogModel({
  contentTypes: [
    {
      uid: 'api::article.article',
      kind: 'collectionType',
      rest: '/api/articles',
      graphql: { singular: 'article', plural: 'articles' },
    },
    {
      uid: 'api::homepage.homepage',
      kind: 'singleType',
      rest: '/api/homepage',
      graphql: { singular: 'homepage' },
    },
  ],
  routes: [
    { method: 'get', path: '/api/articles/:id/related', action: 'api::article.article.related' },
    { method: 'GET', path: '/api/articles/count', action: 'api::article.article.count' },
  ],
})
const FIND = 'api::article.article.find'
const custom = (...grants: string[]): ModelPrincipal => ({
  type: 'custom',
  grants: new Set(grants),
})
const readOnly: ModelPrincipal = { type: 'read-only', grants: new Set() }
const fullAccess: ModelPrincipal = { type: 'full-access', grants: new Set() }
const keyless: ModelPrincipal = { type: 'public', grants: new Set([FIND]) }

describe('the gate model (SPEC §3, §4)', () => {
  it('expands the catalog into routes and GraphQL fields', () => {
    expect(catalog.routes.map((r) => `${r.method} ${r.path} ${r.action.split('.').pop()}`)).toEqual(
      [
        'GET /api/articles find',
        'GET /api/articles/:id findOne',
        'POST /api/articles create',
        'PUT /api/articles/:id update',
        'DELETE /api/articles/:id delete',
        'GET /api/homepage find',
        'PUT /api/homepage update',
        'DELETE /api/homepage delete',
        'GET /api/articles/:id/related related',
        'GET /api/articles/count count',
      ],
    )
    expect(Object.fromEntries(catalog.fields)).toEqual({
      articles: { operation: 'query', action: FIND },
      articles_connection: { operation: 'query', action: FIND },
      article: { operation: 'query', action: 'api::article.article.findOne' },
      createArticle: { operation: 'mutation', action: 'api::article.article.create' },
      updateArticle: { operation: 'mutation', action: 'api::article.article.update' },
      deleteArticle: { operation: 'mutation', action: 'api::article.article.delete' },
      homepage: { operation: 'query', action: 'api::homepage.homepage.find' },
      updateHomepage: { operation: 'mutation', action: 'api::homepage.homepage.update' },
      deleteHomepage: { operation: 'mutation', action: 'api::homepage.homepage.delete' },
    })
  })

  it('finds the protected base on whole segments, in any case, the longest winning', () => {
    const bases = ['/api', '/graphql', '/api/graphql']
    expect(protectedBaseOf('/api/articles', bases)).toBe('/api')
    expect(protectedBaseOf('/API/Articles', bases)).toBe('/api')
    expect(protectedBaseOf('/apiary', bases)).toBeUndefined()
    expect(protectedBaseOf('/api/graphql', bases)).toBe('/api/graphql')
    expect(protectedBaseOf('/api/graphqlx', bases)).toBe('/api')
    expect(servesGraphql('/api/graphql')).toBe(true)
    expect(servesGraphql('/api')).toBe(false)
  })

  it('matches REST routes, the most literal one winning', () => {
    expect(restActionOf(catalog, 'GET', '/api/articles/42')).toBe('api::article.article.findOne')
    expect(restActionOf(catalog, 'HEAD', '/api/articles/?page=2')).toBe(FIND)
    expect(restActionOf(catalog, 'GET', '/api/articles/count')).toBe('api::article.article.count')
    expect(restActionOf(catalog, 'POST', '/api/articles/1')).toBeUndefined()
    expect(restActionOf(catalog, 'GET', '/api/articles/1/related')).toBe(
      'api::article.article.related',
    )
  })

  it('judges REST by token type', () => {
    expect(judgeRest(readOnly, 'GET', undefined)).toEqual({ forward: true, actions: [] })
    expect(judgeRest(readOnly, 'DELETE', FIND)).toMatchObject({ forward: false, status: 403 })
    expect(judgeRest(custom(FIND), 'GET', FIND)).toEqual({ forward: true, actions: [FIND] })
    expect(judgeRest(custom(FIND), 'GET', undefined)).toMatchObject({ status: 403 })
    expect(judgeRest(keyless, 'GET', FIND)).toEqual({ forward: true, actions: [FIND] })
    expect(judgeRest(keyless, 'POST', undefined)).toMatchObject({ status: 401, code: 'MISSING' })
    expect(judgeRest(fullAccess, 'PROPFIND', undefined)).toEqual({ forward: true, actions: [] })
  })

  it('reads the operation a document runs', () => {
    const doc = 'query A { a: articles { id } ...F } mutation B { deleteArticle(id: 1) { id } } '
    const fragment = 'fragment F on Query { ... on Query { homepage { id } } ...F }'
    expect(readGraphql(graphqlJs, doc + fragment, 'A')).toEqual({
      ok: true,
      type: 'query',
      name: 'A',
      fields: ['articles', 'homepage'],
    })
    expect(readGraphql(graphqlJs, doc + fragment, 'B')).toMatchObject({ type: 'mutation' })
    for (const [bad, name] of [
      [doc + fragment, undefined],
      [doc + fragment, 'C'],
      ['{ a } query B { b }', 'B'],
      ['query A { a } query A { b }', 'A'],
      ['{ ...Missing }', undefined],
      ['type Query { a: Int }', undefined],
      ['{ a', undefined],
    ] as const) {
      expect(readGraphql(graphqlJs, bad, name).ok, bad).toBe(false)
    }
  })

  it('judges GraphQL by operation kind, field binding and token type', () => {
    const judge = (who: ModelPrincipal, doc: string, method = 'POST') =>
      judgeGraphql(who, method, readGraphql(graphqlJs, doc), catalog)
    expect(judge(custom(FIND), '{ articles { id } __typename }')).toEqual({
      forward: true,
      actions: [FIND],
    })
    // A query field run as a mutation runs no granted action.
    expect(judge(custom(FIND), 'mutation { articles { id } }')).toMatchObject({
      forward: false,
      status: 403,
      denied: ['articles'],
    })
    expect(judge(readOnly, '{ createArticle { id } unknown }')).toEqual({
      forward: true,
      actions: undefined,
    })
    expect(judge(readOnly, 'mutation { __typename }')).toMatchObject({ status: 403 })
    expect(judge(custom(FIND), 'mutation { __typename }')).toMatchObject({ status: 403 })
    expect(judge(custom(FIND), 'subscription { articles { id } }')).toMatchObject({ status: 403 })
    expect(judge(fullAccess, 'subscription { articles { id } }')).toMatchObject({ forward: true })
    expect(judge(fullAccess, 'mutation { deleteArticle { id } }', 'GET')).toMatchObject({
      status: 405,
    })
    expect(judge(keyless, '{ articles { id } __typename }')).toMatchObject({ forward: true })
    expect(judge(keyless, '{ __schema { types { name } } }')).toMatchObject({ status: 401 })
    expect(judge(custom(FIND), '{ __schema { types { name } } }')).toMatchObject({ forward: true })
    expect(judge(fullAccess, '{ a')).toMatchObject({ status: 400, code: 'MALFORMED' })
  })

  it('names the characters SPEC §10 refuses in a document', () => {
    for (const char of ['\u2028', '\u2029', '\u0000', '\u000b', '\u001f', '\u007f', '\u0085']) {
      expect(STRAY_CHARACTER.test(`{ a${char} }`), JSON.stringify(char)).toBe(true)
    }
    for (const char of ['\t', '\n', '\r', '\ufeff', '\u00a0', 'é', '😀']) {
      expect(STRAY_CHARACTER.test(`{ a${char} }`), JSON.stringify(char)).toBe(false)
    }
  })
})
