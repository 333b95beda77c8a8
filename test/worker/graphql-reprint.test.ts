// SPEC §10 "GraphQL is forwarded re-printed" and "GraphQL parameter names in any case":
// the origin receives graphql-js print() of the document the gate judged, never the
// client's bytes; documents holding U+2028, U+2029 or a control character are refused.
// Judged by the model (./gate-oracle), on what the echo origin received.
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { fuzzParameters } from './fuzz'
import { gateEnv, type Echo } from './gate-helpers'
import {
  catalogModel,
  graphqlJs,
  judgeGraphql,
  readGraphql,
  STRAY_CHARACTER,
  type CatalogDeclaration,
  type ModelPrincipal,
} from './gate-oracle'
import {
  graphqlAtOrigin,
  graphqlExtras,
  noisyDocument,
  reprinted,
  sendGraphql,
  type GraphqlDocument,
  type GraphqlExtras,
  type SentGraphql,
} from './graphql-documents'
import { createToken, type JsonBody } from './helpers'
import { topLevelKeys } from '../../worker/gate/graphql-request'

const PUBLIC = ['api::article.article.find', 'api::category.category.find']
const CUSTOM = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::article.article.create',
  'api::category.category.find',
]
const catalog = catalogModel(env.API_CATALOG as CatalogDeclaration)

interface Caller {
  label: string
  key: string | undefined
  principal: ModelPrincipal
}
const callers: Caller[] = []
const caller = fc.nat().map((i) => callers[i % callers.length]!)

beforeAll(async () => {
  callers.push({
    label: 'no key',
    key: undefined,
    principal: { type: 'public', grants: new Set(PUBLIC) },
  })
  for (const type of ['read-only', 'full-access', 'custom'] as const) {
    const permissions = type === 'custom' ? CUSTOM : []
    const { accessKey } = await createToken({ type, permissions })
    callers.push({ label: type, key: accessKey, principal: { type, grants: new Set(permissions) } })
  }
})

const newGate = () => gateEnv({ PUBLIC_ACTIONS: JSON.stringify(PUBLIC) })

async function expectMalformed(response: Response, seen: Echo[]) {
  const body = (await response.json()) as JsonBody
  expect(response.status, JSON.stringify(body)).toBe(400)
  expect(body.error.details.code).toBe('MALFORMED')
  expect(seen).toHaveLength(0)
}

/** The parameter values of a URL, decoded, and its decoded path: all the origin reads. */
function urlTexts(url: string): string[] {
  const parsed = new URL(url)
  return [decodeURIComponent(parsed.pathname), ...[...parsed.searchParams].flat()]
}

/**
 * Asserts that the origin received `doc` re-printed (SPEC §10), in the shape of the
 * transport: JSON `{query}` plus the members sent, `Content-Type: application/json` and
 * `Content-Length` of the bytes; the printed text as `application/graphql`; or the GET
 * parameters in their order with `query` printed. Nothing stray anywhere.
 */
function expectReprinted(received: Echo, doc: string, sent: SentGraphql, via: string) {
  const printed = reprinted(doc)
  for (const text of [received.body, ...urlTexts(received.url)]) {
    expect(STRAY_CHARACTER.exec(text), JSON.stringify(text)).toBeNull()
  }
  if (via === 'get') {
    const url = new URL(received.url)
    expect(url.pathname).toBe(sent.path.split('?')[0])
    const expected = sent.params.map(([name, value]) => [name, name === 'query' ? printed : value])
    expect([...url.searchParams]).toEqual(expected)
    return
  }
  expect(received.headers['content-length']).toBe(String(received.size))
  if (via === 'graphql') {
    expect(received.headers['content-type']).toBe('application/graphql')
    expect(received.body).toBe(printed)
    return
  }
  expect(received.headers['content-type']).toBe('application/json')
  const keys = topLevelKeys(received.body)
  expect(keys).toEqual([...new Set(keys)])
  expect(JSON.parse(received.body)).toStrictEqual({ query: printed, ...sent.members })
}

describe('GraphQL is forwarded re-printed (SPEC §10)', () => {
  it('forwards a commented JSON query as print() of it, with the members sent', async () => {
    const gate = newGate()
    const doc = '# list them\nquery A($id: ID) { articles(id: $id) { id, title } } # done'
    const document = { doc, operationName: 'A' }
    const extras: GraphqlExtras = {
      via: 'json',
      variables: { id: 1 },
      extensions: undefined,
      order: [],
    }
    const sent = sendGraphql(document, extras, callers[1]!.key)
    const response = await gate.fetch(sent.path, sent.init)
    expect(response.status).toBe(200)
    const [received] = gate.seen as [Echo]
    expect(JSON.parse(received.body)).toEqual({
      query: 'query A($id: ID) {\n  articles(id: $id) {\n    id\n    title\n  }\n}',
      operationName: 'A',
      variables: { id: 1 },
    })
    expectReprinted(received, doc, sent, 'json')
  })

  it('forwards a GET query re-printed, the other parameters kept in their order', async () => {
    const gate = newGate()
    const path = `/graphql?x=1&query=${encodeURIComponent('{ articles { id } } # c')}&locale=fr`
    const response = await gate.fetch(path, {
      headers: { Authorization: `Bearer ${callers[1]!.key}` },
    })
    expect(response.status).toBe(200)
    expect([...new URL(gate.seen[0]!.url).searchParams]).toEqual([
      ['x', '1'],
      ['query', '{\n  articles {\n    id\n  }\n}'],
      ['locale', 'fr'],
    ])
  })

  it('refuses a document holding U+2028, U+2029 or a control character with 400 MALFORMED', async () => {
    const gate = newGate()
    const documents = [
      '{ articles { id } }\u2028',
      '{ articles(note: "a\u2029b") { id } }',
      '{ articles { id } } # \u0001',
      '{ articles(note: """\u007f""") { id } }',
      '\u0085{ articles { id } }',
    ]
    for (const who of callers) {
      for (const doc of documents) {
        for (const via of ['json', 'json-ascii', 'graphql', 'get'] as const) {
          const extras = { via, variables: undefined, extensions: undefined, order: ['query'] }
          const sent = sendGraphql({ doc, operationName: undefined }, extras, who.key)
          const response = await gate.fetch(sent.path, sent.init)
          await expectMalformed(response, gate.seen)
        }
      }
    }
  })

  it('property: the origin receives print(parse(document)) of the document judged', async () => {
    const gate = newGate()
    const counts = { forwarded: 0, stray: 0 }
    await fc.assert(
      fc.asyncProperty(
        noisyDocument,
        graphqlExtras,
        caller,
        async (document: GraphqlDocument, extras: GraphqlExtras, who: Caller) => {
          gate.seen.length = 0
          const sent = sendGraphql(document, extras, who.key)
          const response = await gate.fetch(sent.path, sent.init)
          // (a) A document holding a stray character is refused, whoever asks.
          if (STRAY_CHARACTER.test(document.doc)) {
            counts.stray += 1
            await expectMalformed(response, gate.seen)
            return
          }
          const reading = readGraphql(graphqlJs, document.doc, sent.operationName)
          const verdict = judgeGraphql(who.principal, sent.method, reading, catalog)
          if (!verdict.forward) {
            expect(gate.seen).toHaveLength(0)
            expect(response.status).toBe(verdict.status)
            return
          }
          // (b) What passes reaches the origin re-printed, and means what was judged.
          expect(response.status).toBe(200)
          expect(gate.seen).toHaveLength(1)
          const received = gate.seen[0]!
          expectReprinted(received, document.doc, sent, extras.via)
          const atOrigin = graphqlAtOrigin(received)
          expect(readGraphql(graphqlJs, atOrigin.doc, atOrigin.operationName)).toEqual(reading)
          counts.forwarded += 1
        },
      ),
      fuzzParameters(),
    )
    // Not vacuous: many requests passed, many were refused for a stray character.
    expect(counts.forwarded).toBeGreaterThan(Number(env.FUZZ_RUNS) / 10)
    expect(counts.stray).toBeGreaterThan(Number(env.FUZZ_RUNS) / 20)
  })
})

/** A name in the given casing: `true` upper-cases that letter. */
const cased = (name: string, upper: boolean[]) =>
  [...name].map((char, i) => (upper[i] ? char.toUpperCase() : char.toLowerCase())).join('')
const GRAPHQL_PARAMS = ['query', 'operationName', 'variables', 'extensions']
const paramName = fc
  .tuple(
    fc.constantFrom(...GRAPHQL_PARAMS),
    fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
  )
  .map(([name, upper]) => ({ canonical: name, written: cased(name, upper) }))
/** A value each GraphQL parameter accepts: the request is refused for its name alone. */
const VALUES: Record<string, string> = {
  query: 'query A { articles { id } }',
  operationName: 'A',
  variables: '{}',
  extensions: '{}',
}

describe('GraphQL parameter names in any case (SPEC §10)', () => {
  it('property: a POST with a URL parameter named query, operationName, variables or extensions → 400', async () => {
    const gate = newGate()
    await fc.assert(
      fc.asyncProperty(
        paramName,
        caller,
        fc.constantFrom('json', 'graphql'),
        async (param, who, via) => {
          gate.seen.length = 0
          const extras: GraphqlExtras = {
            via,
            variables: undefined,
            extensions: undefined,
            order: [],
          }
          const sent = sendGraphql(
            { doc: VALUES.query!, operationName: undefined },
            extras,
            who.key,
          )
          const query = new URLSearchParams([[param.written, VALUES[param.canonical]!]])
          await expectMalformed(await gate.fetch(`${sent.path}?${query}`, sent.init), gate.seen)
          // Without it, the same request passes.
          const again = sendGraphql(
            { doc: VALUES.query!, operationName: undefined },
            extras,
            who.key,
          )
          expect((await gate.fetch(again.path, again.init)).status).toBe(200)
        },
      ),
      fuzzParameters(),
    )
  })

  it('property: a GET with two parameters whose names lower-case to the same one → 400', async () => {
    const gate = newGate()
    await fc.assert(
      fc.asyncProperty(
        paramName,
        fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
        fc.nat(),
        caller,
        async (param, otherCase, at, who) => {
          gate.seen.length = 0
          const auth = who.key ? { Authorization: `Bearer ${who.key}` } : undefined
          const plain: [string, string][] = [
            ['query', VALUES.query!],
            ['x', '1'],
          ]
          if (param.canonical !== 'query') plain.push([param.canonical, VALUES[param.canonical]!])
          const twice = [...plain]
          twice.splice(at % (twice.length + 1), 0, [
            cased(param.canonical, otherCase),
            VALUES[param.canonical]!,
          ])
          const response = await gate.fetch(`/graphql?${new URLSearchParams(twice)}`, {
            headers: auth,
          })
          await expectMalformed(response, gate.seen)
          // Once, the same request passes.
          expect(
            (await gate.fetch(`/graphql?${new URLSearchParams(plain)}`, { headers: auth })).status,
          ).toBe(200)
        },
      ),
      fuzzParameters(),
    )
  })
})
