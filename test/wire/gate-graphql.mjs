// GraphQL over the wire (SPEC §10 "GraphQL is forwarded re-printed", "GraphQL parameter
// names in any case"): the gate judges the document, whatever the framing, and the origin
// receives the document judged, re-printed by graphql-js — never the client's bytes.
import { parse, print } from 'graphql'
import { curl, expectAnswer, expectEqual, step, viaFetch, viaSocket, wire } from './steps.mjs'

const JSON_TYPE = 'Content-Type: application/json'
const CHUNKED = 'Transfer-Encoding: chunked'

/**
 * `POST /graphql` with `{"query": <query>}` as curl sends it with the given key.
 * @param {string} key
 * @param {string} query
 * @param {{ headers?: string[], path?: string }} [options]
 */
function postQuery(key, query, { headers = [], path = '/graphql' } = {}) {
  const auth = `Authorization: Bearer ${key}`
  const body = JSON.stringify({ query })
  return viaSocket(curl('POST', path, { headers: [auth, JSON_TYPE, ...headers], body }))
}

/**
 * Checks that the origin received `query` re-printed, as JSON with its own length and
 * no chunked framing.
 * @param {any} answer the origin's GraphQL answer, with `extensions.received`
 * @param {string} query what the client sent
 */
function expectReprinted(answer, query) {
  const { headers, body } = answer.extensions.received
  expectEqual('the body at the origin', { query: print(parse(query)) }, JSON.parse(body))
  expectEqual('its Content-Type', true, /^application\/json\s*(;|$)/.test(headers['content-type']))
  expectEqual('its Content-Length', String(Buffer.byteLength(body)), headers['content-length'])
  expectEqual('its Transfer-Encoding', undefined, headers['transfer-encoding'])
}

step('a GraphQL POST whose comment holds U+2028 is 400 MALFORMED', async () => {
  const answer = await postQuery(
    wire.keys.readOnly,
    '# a note\u2028still the note\n{ articles { id } }',
  )
  expectAnswer('a document holding U+2028', answer, { status: 400, code: 'MALFORMED' })
})

step(
  'a GraphQL POST with a # comment reaches the origin re-printed, from curl and fetch',
  async () => {
    const query = '# the titles\n{ articles { id title } }'
    const byCurl = await postQuery(wire.keys.readOnly, query)
    expectReprinted(expectAnswer('curl: a query with a comment', byCurl, { status: 200 }), query)
    const byFetch = await viaFetch('/graphql', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${wire.keys.readOnly}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ query }),
    })
    expectReprinted(expectAnswer('fetch: a query with a comment', byFetch, { status: 200 }), query)
  },
)

step('POST /graphql?Query=mutation{…} is 400 MALFORMED (parameter names in any case)', async () => {
  const path = '/graphql?Query=mutation%7BcreateCategory(name%3A%22x%22)%7Bid%7D%7D'
  const answer = await postQuery(wire.keys.full, '{ articles { id } }', { path })
  expectAnswer(`POST ${path}`, answer, { status: 400, code: 'MALFORMED' })
})

step('a chunked GraphQL mutation is judged: 403 FORBIDDEN for a read-only key', async () => {
  const query = 'mutation { createArticle(data: { title: "nope" }) { id } }'
  const answer = await postQuery(wire.keys.readOnly, query, { headers: [CHUNKED] })
  const body = expectAnswer('a chunked mutation', answer, { status: 403, code: 'FORBIDDEN' })
  expectEqual('denied', ['createArticle'], body.errors?.[0]?.extensions?.denied)
})

step('a chunked GraphQL query reaches the origin re-printed, with a Content-Length', async () => {
  const query = '{ articles { id } # and nothing else\n}'
  const answer = await postQuery(wire.keys.readOnly, query, { headers: [CHUNKED] })
  expectReprinted(expectAnswer('a chunked query', answer, { status: 200 }), query)
})

step(
  'a GraphQL GET reaches the origin with `query` re-printed, names canonical, order kept',
  async () => {
    const query = '{ articles { id } } # listed'
    const path = `/graphql?a=1&Query=${encodeURIComponent(query)}&b=2`
    const answer = await viaSocket(
      curl('GET', path, { headers: [`Authorization: Bearer ${wire.keys.readOnly}`] }),
    )
    const { url } = expectAnswer('a GET query', answer, { status: 200 }).extensions.received
    expectEqual(
      'the parameters at the origin',
      [
        ['a', '1'],
        ['query', print(parse(query))],
        ['b', '2'],
      ],
      [...new URL(url).searchParams],
    )
  },
)

step('an application/graphql POST reaches the origin as the printed document', async () => {
  const query = '{articles{id}} # as typed'
  const answer = await viaSocket(
    curl('POST', '/graphql', {
      headers: [`Authorization: Bearer ${wire.keys.readOnly}`, 'Content-Type: application/graphql'],
      body: query,
    }),
  )
  const { headers, body } = expectAnswer('an application/graphql query', answer, {
    status: 200,
  }).extensions.received
  expectEqual('the body at the origin', print(parse(query)), body)
  expectEqual('its Content-Length', String(Buffer.byteLength(body)), headers['content-length'])
})
