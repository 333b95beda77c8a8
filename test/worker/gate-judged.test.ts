// SPEC §10 at the gate: the origin gets what the gate judged — the GraphQL document
// re-printed, parameter names canonical, the gate's own forwarding headers — and
// requests other servers would read otherwise are refused.
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { parse, print } from 'graphql'
import { jwtVerify } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { judgedDocument, MAX_DOCUMENTS } from '../../worker/gate/judged-documents'
import { fuzzParameters } from './fuzz'
import { createToken } from './helpers'
import { bearer, countingDb, gateEnv, graphqlPost, keysOfEachType } from './gate-helpers'

const FIND = 'api::article.article.find'

interface ErrorBody {
  error: { name: string; message: string; details: { code?: string } }
}

async function refusal(response: Response): Promise<{ status: number; code?: string }> {
  const body = (await response.json()) as ErrorBody
  return { status: response.status, code: body.error.details.code }
}

let keys: Awaited<ReturnType<typeof keysOfEachType>>
beforeAll(async () => {
  keys = await keysOfEachType([FIND])
})
const everyCaller = () => [keys.readOnly, keys.fullAccess, keys.custom, undefined]
/** `PUBLIC_ACTIONS` with `find`, so that a keyless caller passes where the others do. */
const publicGate = () => gateEnv({ PUBLIC_ACTIONS: `["${FIND}"]` })

describe('GraphQL is forwarded re-printed', () => {
  it('sends a JSON POST as {query: printed} with only the fields the client sent', async () => {
    const gate = publicGate()
    for (const key of everyCaller()) {
      gate.seen.length = 0
      const body = JSON.stringify({
        query: '# list them\n{ articles { id } , }',
        variables: { first: 2, text: 'a\u2028b\u007f\u0085' },
        extensions: { trace: true },
        ignored: 'dropped',
      })
      const response = await gate.fetch('/graphql', {
        method: 'POST',
        headers: { ...(key ? bearer(key) : {}), 'Content-Type': 'application/json; charset=utf-8' },
        body,
      })
      expect(response.status).toBe(200)
      const [received] = gate.seen
      // U+2028, DEL and C1 controls in a variable travel escaped, as valid JSON.
      expect(received!.body).toBe(
        '{"query":"{\\n  articles {\\n    id\\n  }\\n}","variables":{"first":2,"text":"a\\u2028b\\u007f\\u0085"},"extensions":{"trace":true}}',
      )
      expect(received!.headers['content-type']).toBe('application/json')
      expect(received!.headers['content-length']).toBe(
        String(new TextEncoder().encode(received!.body).byteLength),
      )
    }
  })

  it('sends an application/graphql POST as the printed document', async () => {
    const gate = gateEnv()
    const response = await gate.fetch('/graphql', {
      method: 'POST',
      headers: bearer(keys.custom, { 'Content-Type': 'application/graphql' }),
      body: '\uFEFF{articles{id}} # the list',
    })
    expect(response.status).toBe(200)
    expect(gate.seen[0]!.body).toBe('{\n  articles {\n    id\n  }\n}')
    expect(gate.seen[0]!.headers['content-type']).toBe('application/graphql')
  })

  it('re-encodes a GET query from the printed document, other parameters kept in order', async () => {
    const gate = gateEnv()
    const query = encodeURIComponent('{ articles { id } } # comment')
    const response = await gate.fetch(`/graphql?a=1&Query=${query}&z=%C3%A9&b=2`, {
      headers: bearer(keys.readOnly),
    })
    expect(response.status).toBe(200)
    const received = new URL(gate.seen[0]!.url)
    expect([...received.searchParams]).toEqual([
      ['a', '1'],
      ['query', '{\n  articles {\n    id\n  }\n}'],
      ['z', 'é'],
      ['b', '2'],
    ])
  })

  it('escapes a line separator that a string escape put in the document', async () => {
    const gate = gateEnv()
    const response = await gate.fetch(
      '/graphql',
      graphqlPost(keys.readOnly, '{ article(id: "1\\u2028\\u2029") { id } }'),
    )
    expect(response.status).toBe(200)
    const { query } = JSON.parse(gate.seen[0]!.body) as { query: string }
    expect(query).toBe('{\n  article(id: "1\\u2028\\u2029") {\n    id\n  }\n}')
    expect(gate.seen[0]!.body).not.toMatch(/[\u2028\u2029]/)
  })

  it('refuses U+2028, U+2029 and control characters other than TAB, LF and CR anywhere', async () => {
    const gate = publicGate()
    // graphql-java ends the comment at U+2028 and runs the mutation; graphql-js reads a query.
    const attack = '{ articles { id } } # \u2028 mutation { deleteArticle(id: 1) { id } }'
    const documents = [
      attack,
      attack.replace('\u2028', '\u2029'),
      '{ articles { id } } # \u0000',
      '{ article(id: "\u000B") { id } }',
      '{ articles\u007F { id } }',
      '{ articles { id } } # \u0085 NEL',
      '{ articles { id } }\u001B',
    ]
    for (const key of everyCaller()) {
      for (const document of documents) {
        for (const init of [
          graphqlPost(key, document),
          {
            method: 'POST',
            headers: { ...(key ? bearer(key) : {}), 'Content-Type': 'application/graphql' },
            body: document,
          },
        ]) {
          expect(await refusal(await gate.fetch('/graphql', init))).toEqual({
            status: 400,
            code: 'MALFORMED',
          })
        }
        const get = await gate.fetch(`/graphql?query=${encodeURIComponent(document)}`, {
          headers: key ? bearer(key) : {},
        })
        expect(await refusal(get)).toEqual({ status: 400, code: 'MALFORMED' })
      }
    }
    expect(gate.seen).toEqual([])
    const allowed = await gate.fetch(
      '/graphql',
      graphqlPost(keys.readOnly, '{\tarticles\r\n{ id } }'),
    )
    expect(allowed.status).toBe(200)
  })
})

describe('GraphQL parameter names in any case', () => {
  it('refuses a POST whose URL names a GraphQL parameter in any casing', async () => {
    const gate = publicGate()
    const names = ['query', 'Query', 'OPERATIONNAME', 'Variables', 'extensionS', 'operatıonName']
    for (const key of everyCaller()) {
      for (const name of names) {
        const response = await gate.fetch(
          `/graphql?${encodeURIComponent(name)}=${encodeURIComponent('mutation { deleteArticle(id: 1) { id } }')}`,
          graphqlPost(key, '{ articles { id } }'),
        )
        expect(await refusal(response)).toEqual({ status: 400, code: 'MALFORMED' })
      }
    }
    expect(gate.seen).toEqual([])
  })

  it('refuses a GET naming one GraphQL parameter twice in different casings', async () => {
    const gate = publicGate()
    const queries = [
      `Query=${encodeURIComponent('{ categories { id } }')}&query=${encodeURIComponent('{ articles { id } }')}`,
      `query=${encodeURIComponent('query A { articles { id } } query B { articles { id } }')}&operationName=A&OPERATIONNAME=B`,
      `query=${encodeURIComponent('{ articles { id } }')}&variables={}&VARIABLES={}`,
    ]
    for (const key of everyCaller()) {
      for (const query of queries) {
        const response = await gate.fetch(`/graphql?${query}`, { headers: key ? bearer(key) : {} })
        expect(await refusal(response)).toEqual({ status: 400, code: 'MALFORMED' })
      }
    }
    expect(gate.seen).toEqual([])
  })

  it('judges a GET by its query in any casing, and forwards the name canonical', async () => {
    const gate = gateEnv()
    const denied = await gate.fetch(
      `/graphql?QUERY=${encodeURIComponent('{ categories { id } }')}`,
      { headers: bearer(keys.custom) },
    )
    expect(denied.status).toBe(403)
    const passed = await gate.fetch(
      `/graphql?QUERY=${encodeURIComponent('{ articles { id } }')}&OperationName=`,
      { headers: bearer(keys.custom) },
    )
    expect(passed.status).toBe(200)
    expect(new URL(gate.seen[0]!.url).search).toBe(
      `?query=${new URLSearchParams({ q: '{\n  articles {\n    id\n  }\n}' }).toString().slice(2)}&operationName=`,
    )
  })
})

describe('more method overrides refused', () => {
  it('refuses a JSON body with a top-level _method key on any protected path', async () => {
    const gate = publicGate()
    for (const key of everyCaller()) {
      for (const [path, body] of [
        ['/api/articles', '{"title":"x","_method":"DELETE"}'],
        ['/api/articles', '{"_METHOD":"DELETE"}'],
        ['/api/articles', '{"\\u005fmethod":"DELETE"}'],
        ['/graphql', '{"query":"{ articles { id } }","_method":"PUT"}'],
      ] as const) {
        const response = await gate.fetch(path, {
          method: 'POST',
          headers: { ...(key ? bearer(key) : {}), 'Content-Type': 'application/json' },
          body,
        })
        expect(await refusal(response)).toEqual({ status: 400, code: 'MALFORMED' })
      }
    }
    expect(gate.seen).toEqual([])
  })

  it('refuses a URL parameter PHP reads as _method, in any casing', async () => {
    const gate = publicGate()
    const names = [
      '.method',
      '%20method',
      '+method',
      '[method',
      '_METHOD',
      '_method[]',
      '_Method[x]',
    ]
    for (const key of everyCaller()) {
      for (const name of names) {
        const response = await gate.fetch(`/api/articles?${name}=DELETE`, {
          headers: key ? bearer(key) : {},
        })
        expect(await refusal(response)).toEqual({ status: 400, code: 'MALFORMED' })
      }
    }
    expect(gate.seen).toEqual([])
  })

  it('still forwards a JSON body without _method, and a parameter that only contains method', async () => {
    const gate = gateEnv()
    const body = '{"title":"x","method":"card"}'
    const response = await gate.fetch('/api/articles?method=card&x_method=1', {
      method: 'POST',
      headers: bearer(keys.fullAccess, { 'Content-Type': 'application/json' }),
      body,
    })
    expect(response.status).toBe(200)
    expect(gate.seen[0]!.body).toBe(body)
  })
})

describe('no double encoding', () => {
  it('refuses %25 followed by 2F, 5C or 2E in any case', async () => {
    const gate = publicGate()
    const paths = [
      '/api/articles%252F..%252Fadmin',
      '/api/articles/%255cx',
      '/api/%252E%252E/x',
      '/api/a%252fb',
    ]
    for (const key of everyCaller()) {
      for (const path of paths) {
        const response = await gate.fetch(path, { headers: key ? bearer(key) : {} })
        expect(await refusal(response)).toEqual({ status: 400, code: 'MALFORMED' })
      }
    }
    expect(gate.seen).toEqual([])
    expect(
      (await gate.fetch('/api/articles?q=%2525', { headers: bearer(keys.readOnly) })).status,
    ).toBe(200)
  })
})

describe('forwarding headers are the gate’s', () => {
  const spoofed = {
    Forwarded: 'for=198.51.100.1;host=evil.example;proto=http',
    'X-Forwarded-For': '198.51.100.1',
    'X-Forwarded-Host': 'evil.example',
    'X-Forwarded-Proto': 'http',
    'X-Forwarded-Port': '1',
    X_Forwarded_For: '198.51.100.2',
    'X-Real-IP': '198.51.100.3',
    'True-Client-IP': '198.51.100.4',
    'X-Client-IP': '198.51.100.5',
    'X-Cluster-Client-IP': '198.51.100.6',
    'Client-IP': '198.51.100.7',
    'X-Original-URL': '/admin',
    'X-Original-Host': 'evil.example',
    'X-Host': 'evil.example',
    'X-HTTP-Host-Override': 'evil.example',
    'Forwarded-For': '198.51.100.8',
    'Fastly-Client-IP': '198.51.100.9',
    'X-ProxyUser-Ip': '198.51.100.10',
    CF_Connecting_IP: '198.51.100.11',
  }

  it('drops the client’s and sets the judged address, scheme and host, and cip', async () => {
    const gate = publicGate()
    for (const key of everyCaller()) {
      gate.seen.length = 0
      const response = await gate.fetch('/api/articles', {
        headers: { ...(key ? bearer(key) : {}), ...spoofed, 'CF-Connecting-IP': '203.0.113.9' },
      })
      expect(response.status).toBe(200)
      const { headers } = gate.seen[0]!
      expect(headers['x-forwarded-for']).toBe('203.0.113.9')
      expect(headers['x-real-ip']).toBe('203.0.113.9')
      expect(headers['x-forwarded-proto']).toBe('https')
      expect(headers['x-forwarded-host']).toBe('gate.test')
      for (const name of Object.keys(spoofed)) {
        if (!/^x-(forwarded-(for|host|proto)|real-ip)$/i.test(name)) {
          expect(headers[name.toLowerCase()], name).toBeUndefined()
        }
      }
      const secret = new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET)
      const { payload } = await jwtVerify(headers['x-tollgate-assertion']!, secret)
      expect(payload.cip).toBe('203.0.113.9')
    }
  })

  it('tells the address the allow-list judged: an IPv4-mapped client as IPv4', async () => {
    const gate = gateEnv()
    const token = await createToken({ type: 'read-only', allowedIps: ['203.0.113.0/24'] })
    const response = await gate.fetch('/api/articles', {
      headers: bearer(token.accessKey, { 'CF-Connecting-IP': '::ffff:203.0.113.7' }),
    })
    expect(response.status).toBe(200)
    expect(gate.seen[0]!.headers['x-forwarded-for']).toBe('203.0.113.7')
  })

  it('sets them on preflights too, and no address when the gate has none', async () => {
    const gate = gateEnv()
    await gate.fetch('/api/articles', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example',
        'Access-Control-Request-Method': 'GET',
        ...spoofed,
      },
    })
    const { headers } = gate.seen[0]!
    expect(headers['x-forwarded-for']).toBeUndefined()
    expect(headers['x-real-ip']).toBeUndefined()
    expect(headers['forwarded']).toBeUndefined()
    expect(headers['x-forwarded-host']).toBe('gate.test')
  })
})

describe('unknown keys cost the caller', () => {
  const unknownKey = async () => {
    // A well-formed key (right checksum) that was issued and then deleted: unknown.
    const token = await createToken({ type: 'read-only' })
    const { admin } = await import('./helpers')
    await admin('DELETE', `/admin/api-tokens/${token.id}`)
    return token.accessKey
  }

  it('answers 429 past 60 unknown keys a minute from one address, before any D1 read', async () => {
    const counting = countingDb(env.DB)
    const gate = gateEnv({ DB: counting.db })
    const keysToTry = await Promise.all(Array.from({ length: 62 }, unknownKey))
    const from = (ip: string) => ({ 'CF-Connecting-IP': ip })
    for (const key of keysToTry.slice(0, 60)) {
      const response = await gate.fetch('/api/articles', {
        headers: bearer(key, from('198.51.100.60')),
      })
      expect(await refusal(response)).toEqual({ status: 401, code: 'NOT_FOUND' })
    }
    const lookups = () =>
      counting.statements.filter((sql) => sql.includes('access_key_hash')).length
    const before = lookups()
    for (const key of keysToTry.slice(60)) {
      const response = await gate.fetch('/api/articles', {
        headers: bearer(key, from('198.51.100.60')),
      })
      expect(response.status).toBe(429)
      expect(response.headers.get('Retry-After')).toMatch(/^\d+$/)
      expect(((await response.json()) as ErrorBody).error.name).toBe('RateLimitError')
    }
    expect(lookups()).toBe(before)
    // Another address is not held back, nor a known key the isolate already verified.
    const other = await gate.fetch('/api/articles', {
      headers: bearer(keysToTry[0]!, from('198.51.100.61')),
    })
    expect(other.status).toBe(401)
    const known = await gate.fetch('/api/articles', {
      headers: bearer(keys.readOnly, from('198.51.100.60')),
    })
    expect(known.status).toBe(200)
    // 61 requests in a row: on a loaded machine they take longer than vitest's 5 s.
  }, 30_000)
})

describe('judged documents are remembered by their text', () => {
  it('gives what a fresh parse and print give, and never remembers a refusal', () => {
    const source = `query A { articles { id } } # ${Math.random()}`
    const first = judgedDocument(source)
    expect(first.printed).toBe(print(parse(source)))
    expect(judgedDocument(source)).toBe(first)
    const refused = `{ articles { id } } # \u2028 ${Math.random()}`
    for (let i = 0; i < 2; i++) expect(() => judgedDocument(refused)).toThrow(/U\+2028/)
  })

  it('keeps at most MAX_DOCUMENTS, the least recently used going first', () => {
    const sources = Array.from({ length: MAX_DOCUMENTS + 1 }, (_, i) => `{ a${i} }`)
    const first = judgedDocument(sources[0]!)
    for (const source of sources.slice(1)) judgedDocument(source)
    expect(judgedDocument(sources[0]!)).not.toBe(first)
    expect(judgedDocument(sources[0]!).printed).toBe(first.printed)
  })
})

describe('variables are forwarded as the values parsed, numbers exactly as written', () => {
  it('property: any JSON number in variables reaches the origin with its own text', async () => {
    const gate = gateEnv()
    const digits = (min: number, max: number) =>
      fc.stringMatching(new RegExp(`^[1-9][0-9]{${min - 1},${max - 1}}$`))
    const number = fc.oneof(
      digits(1, 22),
      fc.tuple(digits(1, 12), fc.stringMatching(/^[0-9]{1,12}$/)).map(([a, b]) => `${a}.${b}`),
      fc.tuple(digits(1, 4), fc.integer({ min: -30, max: 30 })).map(([a, e]) => `${a}e${e}`),
      fc.constantFrom('0', '-0', '0.0', '-1.50', '1E+2'),
    )
    await fc.assert(
      fc.asyncProperty(number, async (text) => {
        gate.seen.length = 0
        const body = `{"query":"{ articles { id } }","variables":{"n":${text}}}`
        const response = await gate.fetch('/graphql', {
          method: 'POST',
          headers: bearer(keys.readOnly, { 'Content-Type': 'application/json' }),
          body,
        })
        expect(response.status).toBe(200)
        expect(gate.seen[0]!.body).toContain(`"variables":{"n":${text}}`)
      }),
      fuzzParameters(),
    )
  })
})
