// Message framing over the wire: bodies in chunks reach the origin whole, and however a
// client frames (or misframes) pipelined requests on one connection, each request is
// judged on its own — the bytes of one never become a keyed request for another.
import { sendRaw } from './raw-http.mjs'
import {
  curl,
  expectAnswer,
  expectEqual,
  HOST,
  json,
  PORT,
  step,
  viaSocket,
  wire,
} from './steps.mjs'

/** A keyless `GET /api/articles`: the gate answers it 401 `MISSING`. */
const keyless = () => curl('GET', '/api/articles')
/** The same, last on its connection: the server answers it, then closes. */
const lastKeyless = () => curl('GET', '/api/articles', { headers: ['Connection: close'] })
/** A full-access `GET /api/articles`, written out: a 200 wherever it is read as a request. */
const keyed = () =>
  `GET /api/articles HTTP/1.1\r\nHost: ${HOST}\r\nAuthorization: Bearer ${wire.keys.full}\r\n\r\n`

/**
 * Writes `parts` on one connection, the last asking to close it, and checks the answers'
 * statuses and codes in order: none missing, none more.
 * @param {(string | Buffer)[]} parts
 * @param {[number, string][]} expected status and `details.code` of each answer
 */
async function expectPipelined(parts, expected) {
  const bytes = Buffer.concat(parts.map((part) => Buffer.from(part)))
  const answers = await sendRaw(PORT, bytes, { responses: expected.length + 1 })
  const seen = answers.map((answer) => [answer.status, json(answer)?.error?.details?.code ?? null])
  expectEqual('the answers on the connection', expected, seen)
}

step('a chunked REST POST reaches the origin with its body intact', async () => {
  const body = JSON.stringify({ title: 'sent in chunks', note: 'ü'.repeat(300) })
  const headers = [
    `Authorization: Bearer ${wire.keys.full}`,
    'Content-Type: application/json',
    'Transfer-Encoding: chunked',
  ]
  const answer = await viaSocket(curl('POST', '/api/articles', { headers, body }))
  const { meta } = expectAnswer('a chunked POST /api/articles', answer, { status: 201 })
  expectEqual('the body at the origin', body, meta.received.body)
})

step(
  'after a request the gate refuses, the next on the connection is judged on its own',
  async () => {
    // A full-access key, refused for ?_method=; then a request with no key.
    const refused = curl('POST', '/api/articles?_method=GET', {
      headers: [`Authorization: Bearer ${wire.keys.full}`, 'Content-Type: application/json'],
      body: '{"title":"x"}',
    })
    await expectPipelined(
      [refused, lastKeyless()],
      [
        [400, 'MALFORMED'],
        [401, 'MISSING'],
      ],
    )
  },
)

step(
  'a refused request whose body holds a keyed request: that body is never a request',
  async () => {
    const smuggled = keyed()
    const refused = curl('POST', '/api/articles', {
      headers: ['Content-Type: text/plain'],
      body: smuggled,
    })
    await expectPipelined(
      [refused, lastKeyless()],
      [
        [401, 'MISSING'],
        [401, 'MISSING'],
      ],
    )
  },
)

step(
  'a Content-Length shorter than the body: the rest is a request judged on its own',
  async () => {
    const refused = curl('POST', '/api/articles?_method=GET', {
      headers: [`Authorization: Bearer ${wire.keys.full}`, 'Content-Length: 2'],
      body: `{}${keyless().toString()}`,
    })
    await expectPipelined(
      [refused, lastKeyless()],
      [
        [400, 'MALFORMED'],
        [401, 'MISSING'],
        [401, 'MISSING'],
      ],
    )
  },
)

step('a Content-Length longer than the body swallows the keyed request after it', async () => {
  const smuggled = keyed()
  const refused = curl('POST', '/api/articles', {
    headers: [`Content-Length: ${2 + Buffer.byteLength(smuggled)}`, 'Content-Type: text/plain'],
    body: '{}',
  })
  await expectPipelined(
    [refused, smuggled, lastKeyless()],
    [
      [401, 'MISSING'],
      [401, 'MISSING'],
    ],
  )
})

step('a chunked body holding a keyed request is never read as a request', async () => {
  const refused = curl('POST', '/api/articles', {
    headers: ['Content-Type: text/plain', 'Transfer-Encoding: chunked'],
    body: keyed(),
  })
  await expectPipelined(
    [refused, lastKeyless()],
    [
      [401, 'MISSING'],
      [401, 'MISSING'],
    ],
  )
})

step(
  'Content-Length beside Transfer-Encoding: chunked: one answer, then the connection closes',
  async () => {
    // RFC 9112 §6.1: a server that reads such a request must close the connection after it.
    const chunks = `0\r\n\r\n${keyed()}`
    const refused = curl('POST', '/api/articles', {
      headers: [`Content-Length: ${Buffer.byteLength(chunks)}`, 'Transfer-Encoding: chunked'],
    })
    await expectPipelined([refused, chunks, lastKeyless()], [[401, 'MISSING']])
  },
)

step('two Content-Length headers are a 400, and nothing after them is read', async () => {
  const smuggled = keyed()
  const refused = curl('POST', '/api/articles', {
    headers: ['Content-Length: 2', `Content-Length: ${2 + Buffer.byteLength(smuggled)}`],
  })
  await expectPipelined([refused, '{}', smuggled, lastKeyless()], [[400, null]])
})
