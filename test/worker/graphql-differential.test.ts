// Differential tests on the origin side: what the gate forwards must mean the same
// operation (type, name, root fields) to other GraphQL parsers as to graphql-js, which
// judged it. The second parser is @0no-co/graphql.web (urql's own, a separate
// implementation); the third is graphql-java's lexer rule for comments (./graphql-java-lexer)
// over it. Runs in workerd, as the gate does.
import { parse as parseWithGraphqlWeb } from '@0no-co/graphql.web'
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { print } from 'graphql'
import { beforeAll, describe, expect, it } from 'vitest'
import { fuzzParameters } from './fuzz'
import { gateEnv } from './gate-helpers'
import {
  catalogModel,
  graphqlJs,
  judgeGraphql,
  readGraphql,
  type CatalogDeclaration,
  type GraphqlParser,
  type ModelPrincipal,
} from './gate-oracle'
import { asGraphqlJavaReadsIt } from './graphql-java-lexer'
import {
  graphqlAtOrigin,
  graphqlDocument,
  graphqlExtras,
  noisyDocument,
  reprinted,
  sendGraphql,
  type GraphqlExtras,
} from './graphql-documents'
import { createToken, type JsonBody } from './helpers'

/** urql's parser: its own lexer and recursive descent, not graphql-js's. */
const graphqlWeb: GraphqlParser = (source) => parseWithGraphqlWeb(source)
/** graphql-java's reading: its comment and line-terminator rules, then a spec parser. */
const graphqlJava: GraphqlParser = (source) => {
  const rewritten = asGraphqlJavaReadsIt(source)
  if (rewritten === undefined) throw new Error('graphql-java: lexer error')
  return parseWithGraphqlWeb(rewritten)
}
const SECOND_PARSERS = { 'graphql.web': graphqlWeb, 'graphql-java': graphqlJava }

/**
 * Documents graphql-js reads as a harmless query and graphql-java as something else,
 * through a comment that graphql-java ends at U+2028 or U+2029.
 */
const ATTACKS = {
  // graphql-java: a mutation, the graphql-js query hidden in its block-string argument.
  'a mutation behind a query':
    '# \u2028mutation { deleteArticle(id: 1, reason: """\nquery { articles { id } }\n# """) { id } }',
  'a mutation behind a query, with U+2029':
    '#\u2029mutation Q { deleteArticle(id: 1, reason: """\nquery Q { articles { id } }\n#""") { id } }',
  // graphql-java: one more root field than was judged.
  'a field smuggled into a query': 'query { articles { id } # \u2028 categories { id }\n}',
  // graphql-java: two operations where graphql-js reads one.
  'a second operation':
    'query { articles { id } # \u2028 } mutation { deleteArticle(id: 1) { id }\n}',
}

const ARTICLES_QUERY = { ok: true, type: 'query', fields: ['articles'] }

const catalog = catalogModel(env.API_CATALOG as CatalogDeclaration)
const PUBLIC = ['api::article.article.find']
interface Caller {
  key: string | undefined
  principal: ModelPrincipal
}
const callers: Caller[] = []
const caller = fc.nat().map((i) => callers[i % callers.length]!)

beforeAll(async () => {
  callers.push({ key: undefined, principal: { type: 'public', grants: new Set(PUBLIC) } })
  for (const type of ['read-only', 'full-access', 'custom'] as const) {
    const permissions = type === 'custom' ? ['api::article.article.find'] : []
    const { accessKey } = await createToken({ type, permissions })
    callers.push({ key: accessKey, principal: { type, grants: new Set(permissions) } })
  }
})

describe('the parsers an origin may run read what the gate forwards as the gate did', () => {
  it('models graphql-java: a comment ends at U+2028/U+2029, strings are kept, a plain one may not hold them', () => {
    expect(asGraphqlJavaReadsIt('{ a # c \u2028 b\n}')).toBe('{ a \n b\n}')
    expect(asGraphqlJavaReadsIt('{ a # c \u2029 b\r}')).toBe('{ a \n b\r}')
    expect(asGraphqlJavaReadsIt('{ a(s: "# \\" #") # c\n}')).toBe('{ a(s: "# \\" #") \n}')
    expect(asGraphqlJavaReadsIt('{ a(s: """# \u2028 \\""" x""") }')).toBe(
      '{ a(s: """# \u2028 \\""" x""") }',
    )
    expect(asGraphqlJavaReadsIt('{ a(s: "x\u2028y") }')).toBeUndefined()
    expect(asGraphqlJavaReadsIt('{ a(s: """x) }')).toBeUndefined()
  })

  it('the attack documents: a query of articles to graphql-js, something else to graphql-java', () => {
    for (const [name, doc] of Object.entries(ATTACKS)) {
      expect(readGraphql(graphqlJs, doc), name).toMatchObject(ARTICLES_QUERY)
      expect(readGraphql(graphqlWeb, doc), name).toMatchObject(ARTICLES_QUERY)
      expect(readGraphql(graphqlJava, doc), name).not.toMatchObject(ARTICLES_QUERY)
    }
    expect(readGraphql(graphqlJava, ATTACKS['a mutation behind a query'])).toEqual({
      ok: true,
      type: 'mutation',
      name: undefined,
      fields: ['deleteArticle'],
    })
    expect(readGraphql(graphqlJava, ATTACKS['a field smuggled into a query'])).toMatchObject({
      type: 'query',
      fields: ['articles', 'categories'],
    })
  })

  it('refuses every attack document with 400 before it reaches the origin', async () => {
    const gate = gateEnv({ PUBLIC_ACTIONS: JSON.stringify(PUBLIC) })
    for (const [name, doc] of Object.entries(ATTACKS)) {
      for (const who of callers) {
        for (const via of ['json', 'json-ascii', 'graphql', 'get'] as const) {
          const extras: GraphqlExtras = {
            via,
            variables: undefined,
            extensions: undefined,
            order: ['query'],
          }
          const sent = sendGraphql({ doc, operationName: undefined }, extras, who.key)
          const response = await gate.fetch(sent.path, sent.init)
          const body = (await response.json()) as JsonBody
          const where = `${name} over ${via} as ${who.principal.type}`
          expect(response.status, where).toBe(400)
          expect(body.error.details.code, where).toBe('MALFORMED')
          expect(gate.seen, where).toHaveLength(0)
        }
      }
    }
  })

  it('print() alone is not enough: a \\u2028 escape prints raw, and graphql-java refuses it', () => {
    const doc = '{ articles(note: "a\\u2028b") { id } }'
    const printed = print(graphqlJs(doc) as Parameters<typeof print>[0])
    expect(printed).toContain('\u2028')
    expect(readGraphql(graphqlJava, printed)).toMatchObject({ ok: false })
    expect(readGraphql(graphqlJava, reprinted(doc))).toMatchObject(ARTICLES_QUERY)
  })

  it('property: graphql.web and graphql-java read a re-printed document as graphql-js reads it', () => {
    fc.assert(
      fc.property(graphqlDocument, ({ doc, operationName }) => {
        const judged = readGraphql(graphqlJs, doc, operationName)
        if (!judged.ok) return
        const printed = reprinted(doc)
        for (const [parser, read] of Object.entries(SECOND_PARSERS)) {
          expect(readGraphql(read, printed, operationName), `${parser}: ${printed}`).toEqual(judged)
        }
      }),
      fuzzParameters(),
    )
  })

  it('property: graphql.web and graphql-java read each forwarded request as the gate judged it', async () => {
    const gate = gateEnv({ PUBLIC_ACTIONS: JSON.stringify(PUBLIC) })
    let forwarded = 0
    await fc.assert(
      fc.asyncProperty(noisyDocument, graphqlExtras, caller, async (document, extras, who) => {
        gate.seen.length = 0
        const sent = sendGraphql(document, extras, who.key)
        const response = await gate.fetch(sent.path, sent.init)
        const judged = readGraphql(graphqlJs, document.doc, sent.operationName)
        for (const received of gate.seen) {
          expect(response.status).toBe(200)
          // The gate passed it, so graphql-js read an operation the caller may run …
          expect(judged.ok).toBe(true)
          expect(judgeGraphql(who.principal, sent.method, judged, catalog).forward).toBe(true)
          // … and every parser reads that same operation from what the origin received.
          const { doc, operationName } = graphqlAtOrigin(received)
          expect(readGraphql(graphqlJs, doc, operationName), doc).toEqual(judged)
          for (const [parser, read] of Object.entries(SECOND_PARSERS)) {
            expect(readGraphql(read, doc, operationName), `${parser}: ${doc}`).toEqual(judged)
          }
          forwarded += 1
        }
      }),
      fuzzParameters(),
    )
    expect(forwarded).toBeGreaterThan(Number(env.FUZZ_RUNS) / 10)
  })
})
