import { beforeAll, describe, expect, it } from 'vitest'
import { graphqlOperation } from '../../worker/gate/graphql-operation'
import { bearer, gateEnv, graphqlPost, keysOfEachType } from './gate-helpers'

const FIND = 'api::article.article.find'
const FIND_ONE = 'api::article.article.findOne'

describe('graphqlOperation', () => {
  it('takes field names, not aliases, and follows fragments and inline fragments', () => {
    const op = graphqlOperation(`
      query Q { posts: articles { id } ...More ... on Query { cat: category(id: 1) { id } } }
      fragment More on Query { article(id: 1) { id } ...Again }
      fragment Again on Query { __typename }
    `)
    expect(op).toMatchObject({
      type: 'query',
      fields: ['articles', 'article', '__typename', 'category'],
    })
  })

  it('counts how many times each root field runs: once per alias, merged keys once', () => {
    const op = graphqlOperation(`
      mutation { a: updateArticle(id: 1) { id } b: updateArticle(id: 2) { id }
        updateArticle(id: 3) { id } ...Twice ...Twice }
      fragment Twice on Mutation { a: updateArticle(id: 1) { id } deleteArticle(id: 4) { id } }
    `)
    expect(op.fields).toEqual(['updateArticle', 'deleteArticle'])
    expect([...op.runs]).toEqual([
      ['updateArticle', 3],
      ['deleteArticle', 1],
    ])
  })

  it('judges every field name, even two under one response key', () => {
    const op = graphqlOperation('{ a: unknownField { id } a: articles { id } }')
    expect(op.fields).toEqual(['unknownField', 'articles'])
  })

  it('picks the operation by name among several', () => {
    const doc = 'query A { articles { id } } mutation B { deleteArticle(id: 1) { id } }'
    expect(graphqlOperation(doc, 'B')).toMatchObject({
      type: 'mutation',
      fields: ['deleteArticle'],
    })
    expect(() => graphqlOperation(doc)).toThrowError(/operationName/)
    expect(() => graphqlOperation(doc, 'C')).toThrowError(/Unknown operation/)
  })

  it('refuses documents it cannot judge', () => {
    expect(() => graphqlOperation('{ articles { id }')).toThrowError(/Invalid GraphQL document/)
    expect(() => graphqlOperation('{ ...Missing }')).toThrowError(/Unknown fragment/)
    expect(() => graphqlOperation('type Query { a: Int }')).toThrowError(/only hold operations/)
    expect(() => graphqlOperation('fragment F on Query { a }')).toThrowError(/no operation/)
  })

  it('survives cyclic fragments', () => {
    const op = graphqlOperation(
      '{ ...A } fragment A on Query { articles { id } ...B } fragment B on Query { ...A }',
    )
    expect(op.fields).toEqual(['articles'])
  })
})

describe('GraphQL through the gate', () => {
  const gate = gateEnv()
  let readOnly: string
  let fullAccess: string
  let custom: string

  beforeAll(async () => {
    ;({ readOnly, fullAccess, custom } = await keysOfEachType([FIND, FIND_ONE]))
  })

  const post = (key: string, query: string, operationName?: string) =>
    gate.fetch('/graphql', graphqlPost(key, query, operationName))

  it('lets read-only run queries but no mutation or subscription', async () => {
    expect((await post(readOnly, '{ articles { id } categories { id } }')).status).toBe(200)
    expect((await post(readOnly, '{ somethingNotCatalogued }')).status).toBe(200)
    expect((await post(readOnly, 'mutation { createArticle(data: {}) { id } }')).status).toBe(403)
    expect((await post(readOnly, 'subscription { articles { id } }')).status).toBe(403)
  })

  it('lets full access run mutations and subscriptions', async () => {
    expect((await post(fullAccess, 'mutation { deleteCategory(id: 1) { id } }')).status).toBe(200)
    expect((await post(fullAccess, 'subscription { articles { id } }')).status).toBe(200)
  })

  it('lets custom tokens run exactly the granted root fields', async () => {
    expect((await post(custom, '{ articles { id } a2: article(id: 1) { id } }')).status).toBe(200)
    expect((await post(custom, '{ articles_connection { nodes { id } } }')).status).toBe(200)
    expect((await post(custom, '{ articles { id } categories { id } }')).status).toBe(403)
    expect((await post(custom, '{ notInCatalog }')).status).toBe(403)
    expect((await post(custom, 'subscription { articles { id } }')).status).toBe(403)
  })

  it('does not let an alias hide a mutation field', async () => {
    const response = await post(custom, 'mutation { articles: createArticle(data: {}) { id } }')
    expect(response.status).toBe(403)
  })

  it('follows fragments to the fields they select', async () => {
    const doc = 'query { ...F } fragment F on Query { categories { id } }'
    expect((await post(custom, doc)).status).toBe(403)
    expect((await post(readOnly, doc)).status).toBe(200)
  })

  it('judges the named operation of several', async () => {
    const doc = 'query Read { articles { id } } mutation Write { createArticle(data: {}) { id } }'
    expect((await post(custom, doc, 'Read')).status).toBe(200)
    expect((await post(custom, doc, 'Write')).status).toBe(403)
  })

  it('allows introspection for every valid key', async () => {
    expect((await post(custom, '{ __schema { types { name } } __typename }')).status).toBe(200)
    expect((await post(readOnly, '{ __type(name: "Article") { name } }')).status).toBe(200)
  })

  it('answers a refused operation with both error shapes and the denied fields', async () => {
    const response = await post(
      custom,
      'mutation { createArticle(data: {}) { id } deleteArticle(id: 1) { id } }',
    )
    expect(response.status).toBe(403)
    const body = await response.json()
    expect(body).toMatchObject({
      data: null,
      error: {
        status: 403,
        name: 'ForbiddenError',
        message: 'Forbidden',
        details: { code: 'FORBIDDEN' },
      },
      errors: [
        {
          message: 'Forbidden access',
          extensions: { code: 'FORBIDDEN', denied: ['createArticle', 'deleteArticle'] },
        },
      ],
    })
  })

  it('accepts application/graphql bodies and GET queries', async () => {
    const body = await gate.fetch('/graphql', {
      method: 'POST',
      headers: bearer(custom, { 'Content-Type': 'application/graphql' }),
      body: '{ articles { id } }',
    })
    expect(body.status).toBe(200)
    const get = await gate.fetch(
      `/graphql?query=${encodeURIComponent('{ article(id: 1) { id } }')}`,
      {
        headers: bearer(custom),
      },
    )
    expect(get.status).toBe(200)
  })

  it('forwards the GraphQL document re-printed, with the operationName sent', async () => {
    gate.seen.length = 0
    await gate.fetch('/graphql', graphqlPost(fullAccess, 'query A { articles { id } }', 'A'))
    expect(JSON.parse(gate.seen[0]!.body)).toEqual({
      query: 'query A {\n  articles {\n    id\n  }\n}',
      operationName: 'A',
    })
  })

  it('refuses a mutation over GET with 405', async () => {
    const response = await gate.fetch(
      `/graphql?query=${encodeURIComponent('mutation { deleteArticle(id: 1) { id } }')}`,
      { headers: bearer(fullAccess) },
    )
    expect(response.status).toBe(405)
  })

  it.each([
    ['an unparsable document', graphqlPost('', '{ articles { id }')],
    ['a missing operationName among several', graphqlPost('', 'query A { a } query B { b }')],
    ['an unknown operationName', graphqlPost('', '{ articles { id } }', 'Nope')],
    [
      'a batched body',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '[{"query":"{ a }"}]',
      },
    ],
    [
      'a persisted query without text',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
      },
    ],
    [
      'a non-JSON body',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'nope' },
    ],
    ['a GET without query', { method: 'GET' }],
  ])('refuses %s with 400 MALFORMED, not a pass', async (_, init: RequestInit) => {
    const headers = new Headers(init.headers)
    headers.set('Authorization', `Bearer ${fullAccess}`)
    gate.seen.length = 0
    const response = await gate.fetch('/graphql', { ...init, headers })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { name: string; details: { code: string } } }
    expect(body.error.name).toBe('ValidationError')
    expect(body.error.details.code).toBe('MALFORMED')
    expect(gate.seen).toHaveLength(0)
  })

  it('refuses a document over 64 KiB with 413', async () => {
    const response = await post(fullAccess, `{ articles { id } } # ${'x'.repeat(70 * 1024)}`)
    expect(response.status).toBe(413)
  })
})
