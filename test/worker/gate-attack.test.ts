// Attacks on SPEC §10 at the gate: requests the gate judged one way and an origin
// (PHP, graphql-java, Express, Python) would read another, and ways around the
// unknown-key limit. Each test is a request that used to get through.
import { print, parse } from 'graphql'
import { beforeAll, describe, expect, it } from 'vitest'
import { admin, createToken } from './helpers'
import { bearer, gateEnv, keysOfEachType } from './gate-helpers'

const FIND = 'api::article.article.find'
const CREATE = 'api::article.article.create'

interface ErrorBody {
  error: { name: string; message: string; details: { code?: string } }
}

async function refusal(response: Response): Promise<{ status: number; code?: string }> {
  const body = (await response.json()) as ErrorBody
  return { status: response.status, code: body.error.details.code }
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

let keys: Awaited<ReturnType<typeof keysOfEachType>>
beforeAll(async () => {
  keys = await keysOfEachType([FIND, CREATE])
})

describe('PHP reads GraphQL parameter names the gate did not judge', () => {
  // PHP skips leading spaces in a parameter name and ends it at a NUL byte: on a GET,
  // `%20operationName=B` after `operationName=A` is read as operationName=B.
  const document = 'query A { articles { documentId } } query B { categories { documentId } }'

  it('refuses a GET whose second operationName or query PHP reads under another spelling', async () => {
    const gate = gateEnv()
    const q = encodeURIComponent(document)
    for (const search of [
      `?query=${q}&operationName=A&%20operationName=B`,
      `?query=${q}&operationName=A&operationName%00=B`,
      `?query=${q}&operationName=A&operationName%00x=B`,
      `?query=${encodeURIComponent('{ articles { documentId } }')}&%20%20query=${encodeURIComponent('{ categories { documentId } }')}`,
      `?query=${encodeURIComponent('{ articles { documentId } }')}&query%00=${encodeURIComponent('{ categories { documentId } }')}`,
    ]) {
      const response = await gate.fetch(`/graphql${search}`, { headers: bearer(keys.custom) })
      expect(await refusal(response), search).toEqual({ status: 400, code: 'MALFORMED' })
    }
    expect(gate.seen).toEqual([])
  })

  it('refuses a POST whose URL holds a parameter PHP reads as query', async () => {
    const gate = gateEnv()
    for (const name of ['%20query', 'query%00', '%20operationName', 'variables%00a']) {
      const response = await gate.fetch(`/graphql?${name}=x`, {
        method: 'POST',
        headers: bearer(keys.custom, { 'Content-Type': 'application/json' }),
        body: JSON.stringify({ query: '{ articles { documentId } }' }),
      })
      expect(await refusal(response), name).toEqual({ status: 400, code: 'MALFORMED' })
    }
    expect(gate.seen).toEqual([])
  })

  it('still forwards a GET with one spelling of each parameter', async () => {
    const gate = gateEnv()
    const q = encodeURIComponent(document)
    const response = await gate.fetch(`/graphql?query=${q}&operationName=A&x=1`, {
      headers: bearer(keys.custom),
    })
    expect(response.status).toBe(200)
  })

  it('refuses a URL parameter PHP reads as _method through a NUL byte', async () => {
    const gate = gateEnv()
    for (const name of ['_method%00', '_method%00x', '%20_method%00']) {
      const response = await gate.fetch(`/api/articles?${name}=DELETE`, {
        method: 'POST',
        headers: bearer(keys.custom, { 'Content-Type': 'application/json' }),
        body: '{"title":"x"}',
      })
      expect(await refusal(response), name).toEqual({ status: 400, code: 'MALFORMED' })
    }
    expect(gate.seen).toEqual([])
  })
})

describe('a persisted-query hash names the document forwarded', () => {
  // graphql-java's PersistedQuerySupport (and DGS's APQ) runs the document cached under
  // `extensions.persistedQuery.sha256Hash` on a cache hit, whatever `query` says.
  const judged = '{ articles { documentId } }'
  const other = 'mutation { deleteArticle(documentId: "1") { documentId } }'

  it('refuses a JSON POST whose sha256Hash is not that of the re-printed document', async () => {
    const gate = gateEnv()
    const hashes = [
      await sha256Hex(print(parse(other))),
      (await sha256Hex(print(parse(other)))).toUpperCase(),
      await sha256Hex(judged), // the client's bytes, not what is forwarded
      42,
    ]
    for (const sha256Hash of hashes) {
      const response = await gate.fetch('/graphql', {
        method: 'POST',
        headers: bearer(keys.readOnly, { 'Content-Type': 'application/json' }),
        body: JSON.stringify({
          query: judged,
          extensions: { persistedQuery: { version: 1, sha256Hash } },
        }),
      })
      expect(await refusal(response), String(sha256Hash)).toEqual({
        status: 400,
        code: 'MALFORMED',
      })
    }
    expect(gate.seen).toEqual([])
  })

  it('refuses a GET whose extensions parameter names another document', async () => {
    const gate = gateEnv()
    const extensions = JSON.stringify({
      persistedQuery: { version: 1, sha256Hash: await sha256Hex(print(parse(other))) },
    })
    for (const value of [extensions, `${extensions} trailing`]) {
      const search = new URLSearchParams({ query: judged, extensions: value })
      const response = await gate.fetch(`/graphql?${search}`, { headers: bearer(keys.readOnly) })
      expect(await refusal(response)).toEqual({ status: 400, code: 'MALFORMED' })
    }
    expect(gate.seen).toEqual([])
  })

  it('forwards a persisted query whose hash is that of the printed document', async () => {
    const gate = gateEnv()
    const printed = print(parse(judged))
    const extensions = { persistedQuery: { version: 1, sha256Hash: await sha256Hex(printed) } }
    const response = await gate.fetch('/graphql', {
      method: 'POST',
      headers: bearer(keys.readOnly, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ query: judged, extensions }),
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(gate.seen[0]!.body)).toEqual({ query: printed, extensions })
  })
})

describe('method overrides in bodies other parsers read', () => {
  it('refuses a form _method under a Content-Type that PHP cuts at a comma', async () => {
    // Two Content-Type headers reach the worker joined by ", "; PHP cuts the type at
    // `,`, `;` or a space, reads the form into $_POST, and Laravel runs it as DELETE.
    const gate = gateEnv()
    for (const type of [
      'application/x-www-form-urlencoded, text/plain',
      'application/x-www-form-urlencoded,text/plain',
      'application/x-www-form-urlencoded x',
    ]) {
      const response = await gate.fetch('/api/articles', {
        method: 'POST',
        headers: bearer(keys.custom, { 'Content-Type': type }),
        body: 'title=x&_method=DELETE',
      })
      expect(await refusal(response), type).toEqual({ status: 400, code: 'MALFORMED' })
    }
    expect(gate.seen).toEqual([])
  })

  it('refuses a UTF-16 JSON body with a _method key', async () => {
    // body-parser (Express) decodes JSON by its charset; Python's json.loads detects UTF-16.
    const gate = gateEnv()
    const utf16le = (text: string) => {
      const bytes = new Uint8Array(text.length * 2)
      for (let i = 0; i < text.length; i++) bytes[2 * i] = text.charCodeAt(i)
      return bytes
    }
    for (const [type, body] of [
      ['application/json; charset=utf-16le', utf16le('{"title":"x","_method":"DELETE"}')],
      ['application/json', utf16le('{"_\\u006dethod":"DELETE"}')],
      ['application/json', new TextEncoder().encode('{"_\\u006Dethod":"DELETE","n":NaN}')],
    ] as const) {
      const response = await gate.fetch('/api/articles', {
        method: 'POST',
        headers: bearer(keys.custom, { 'Content-Type': type }),
        body,
      })
      expect(await refusal(response)).toEqual({ status: 400, code: 'MALFORMED' })
    }
    expect(gate.seen).toEqual([])
  })
})

describe('unknown keys cost the caller, whatever address of its network it uses', () => {
  it('charges every address of an IPv6 /64 to one counter', async () => {
    const charged: string[] = []
    const binding = {
      limit: async ({ key }: { key: string }) => {
        charged.push(key)
        return { success: true }
      },
    }
    const gate = gateEnv({ UNKNOWN_KEY_RATE_LIMIT: binding })
    const token = await createToken({ type: 'read-only' })
    await admin('DELETE', `/admin/api-tokens/${token.id}`)
    for (const ip of ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:DB8:1:2::a']) {
      const response = await gate.fetch('/api/articles', {
        headers: bearer(token.accessKey, { 'CF-Connecting-IP': ip }),
      })
      expect(response.status).toBe(401)
    }
    expect(new Set(charged).size).toBe(1)
  })
})
