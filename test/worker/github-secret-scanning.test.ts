// SPEC §12 "GitHub secret scanning": POST /secret-scanning/github verifies GitHub's ECDSA
// P-256 signature over the raw body against the keys at GITHUB_SECRET_SCANNING_KEYS_URL
// (kept an hour, fetched again once for an unknown identifier), disables the known keys
// as leaked, and labels each alert.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { generateApiKey } from '../../worker/keys/key-format'
import { derToRawSignature } from '../../worker/leaks/ecdsa-der'
import { bearer, gateEnv } from './gate-helpers'
import { admin, createToken } from './helpers'

afterEach(() => {
  vi.restoreAllMocks()
})

const encoder = new TextEncoder()

/** Bytes as base64. */
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

/** One DER INTEGER of an unsigned big-endian value: leading zeros dropped, one added when the top bit is set. */
function derInteger(value: Uint8Array): number[] {
  let start = 0
  while (start < value.length - 1 && value[start] === 0) start++
  const bytes = [...value.subarray(start)]
  if (bytes[0]! & 0x80) bytes.unshift(0)
  return [0x02, bytes.length, ...bytes]
}

/** WebCrypto's r||s as the DER that GitHub sends (written here, apart from the worker's parser). */
function toDer(raw: Uint8Array): Uint8Array {
  const body = [...derInteger(raw.subarray(0, 32)), ...derInteger(raw.subarray(32))]
  return Uint8Array.from([0x30, body.length, ...body])
}

/** A P-256 key pair standing in for one of GitHub's, its public key as PEM. */
async function signingKey() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const spki = new Uint8Array(
    (await crypto.subtle.exportKey('spki', pair.publicKey)) as ArrayBuffer,
  )
  const pem = `-----BEGIN PUBLIC KEY-----\n${base64(spki).replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`
  return {
    pem,
    async sign(body: string): Promise<string> {
      const raw = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        pair.privateKey,
        encoder.encode(body),
      )
      return base64(toDer(new Uint8Array(raw)))
    },
  }
}

/** Serves GitHub's key list at `url` (whatever `listed()` names now), counting its fetches. */
function servedKeys(url: string, listed: () => Record<string, string>) {
  const fetches = { count: 0 }
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = new Request(input)
    if (request.url !== url) return new Response('not found', { status: 404 })
    fetches.count += 1
    const public_keys = Object.entries(listed()).map(([key_identifier, key], i) => ({
      key_identifier,
      key,
      is_current: i === 0,
    }))
    return Response.json({ public_keys })
  })
  return fetches
}

const keysUrl = () => `https://keys.test/${crypto.randomUUID()}`

/** POSTs `body` as GitHub does, signed as given, to a worker whose keys URL is `url`. */
async function alert(
  url: string,
  body: string,
  headers: { identifier?: string; signature?: string },
) {
  const gate = gateEnv({ GITHUB_SECRET_SCANNING_KEYS_URL: url })
  const response = await gate.fetch('/secret-scanning/github', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(headers.identifier ? { 'Github-Public-Key-Identifier': headers.identifier } : {}),
      ...(headers.signature ? { 'Github-Public-Key-Signature': headers.signature } : {}),
    },
    body,
  })
  return { status: response.status, body: (await response.json()) as unknown }
}

const tokenOf = async (id: number) => (await admin('GET', `/admin/api-tokens/${id}`)).body.data

const UNSIGNED = (message: string) => ({
  status: 401,
  body: { data: null, error: { status: 401, name: 'UnauthorizedError', message, details: {} } },
})

describe('POST /secret-scanning/github', () => {
  it('disables the known keys as leaked, with the alert’s url, and labels every alert', async () => {
    const github = await signingKey()
    const url = keysUrl()
    servedKeys(url, () => ({ k1: github.pem }))
    const token = await createToken({ type: 'full-access' })
    const found = 'https://github.com/octocat/hello/blob/0123abc/config.js'
    const unknown = generateApiKey('tg')
    const body = JSON.stringify([
      { token: token.accessKey, type: 'tollgate_api_key', url: found, source: 'commit' },
      { token: unknown, type: 'tollgate_api_key', url: '', source: 'npm' },
      { token: 'ghp_notours', type: 'tollgate_api_key', url: found, source: 'commit' },
    ])
    const answer = await alert(url, body, { identifier: 'k1', signature: await github.sign(body) })
    expect(answer).toEqual({
      status: 200,
      body: [
        { token_raw: token.accessKey, token_type: 'tollgate_api_key', label: 'true_positive' },
        { token_raw: unknown, token_type: 'tollgate_api_key', label: 'false_positive' },
        { token_raw: 'ghp_notours', token_type: 'tollgate_api_key', label: 'false_positive' },
      ],
    })
    expect(await tokenOf(token.id)).toMatchObject({ enabled: false, disabledReason: 'leaked' })
    const refused = await gateEnv().fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(refused.status).toBe(401)
    const events = await admin('GET', `/admin/api-tokens/${token.id}/events`)
    expect(events.body.data[0]).toMatchObject({
      action: 'leaked',
      actor: null,
      changes: { source: 'github', url: found },
      ip: null,
    })
  })

  it('labels a replaced key in its grace true_positive and ends the grace: again, false_positive', async () => {
    const github = await signingKey()
    const url = keysUrl()
    servedKeys(url, () => ({ k1: github.pem }))
    const token = await createToken()
    await admin('POST', `/admin/api-tokens/${token.id}/regenerate`, { gracePeriod: 3600 })
    const body = JSON.stringify([{ token: token.accessKey, type: 't' }])
    for (let report = 0; report < 2; report++) {
      const answer = await alert(url, body, {
        identifier: 'k1',
        signature: await github.sign(body),
      })
      expect(answer.body).toEqual([
        {
          token_raw: token.accessKey,
          token_type: 't',
          label: report ? 'false_positive' : 'true_positive',
        },
      ])
    }
    // The replaced key's grace ended with the first report: the second finds no key.
    expect(await tokenOf(token.id)).toMatchObject({ enabled: true, previousKey: null })
  })

  it('accepts GitHub’s own documented sample request, signed by GitHub’s published key', async () => {
    // docs.github.com, "Secret scanning partner program": the sample POST and, from
    // api.github.com/meta/public_keys/secret_scanning, the key it names.
    const identifier = 'bcb53661c06b4728e59d897fb6165d5c9cda0fd9cdf9d09ead458168deb7518c'
    const pem =
      '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYAGMWO8XgCamYKMJS6jc/qgvSlAd\n' +
      'AjPuDPRcXU22YxgBrz+zoN19MzuRyW87qEt9/AmtoNP5GrobzUvQSyJFVw==\n-----END PUBLIC KEY-----\n'
    const signature =
      'MEQCIQDaMKqrGnE27S0kgMrEK0eYBmyG0LeZismAEz/BgZyt7AIfXt9fErtRS4XaeSt/AO1RtBY66YcAdjxji410VQV4xg=='
    const body =
      '[{"source":"commit","token":"some_token","type":"some_type","url":"https://example.com/base-repo-url/"}]'
    const url = keysUrl()
    servedKeys(url, () => ({ [identifier]: pem }))
    expect(await alert(url, body, { identifier, signature })).toEqual({
      status: 200,
      body: [{ token_raw: 'some_token', token_type: 'some_type', label: 'false_positive' }],
    })
    // The same alert re-serialised (spaces GitHub did not sign) is refused.
    const respaced = JSON.stringify(JSON.parse(body), null, 1)
    expect(await alert(url, respaced, { identifier, signature })).toEqual(
      UNSIGNED('Github-Public-Key-Signature does not match the body'),
    )
  })
})

describe('what it refuses, changing nothing', () => {
  it('a body re-serialised, another key’s signature, a signature that is no DER, or none', async () => {
    const github = await signingKey()
    const stranger = await signingKey()
    const url = keysUrl()
    servedKeys(url, () => ({ k1: github.pem }))
    const token = await createToken()
    const signed = `[{"token": "${token.accessKey}", "type": "t", "url": ""}]`
    const signature = await github.sign(signed)
    const reordered = JSON.stringify([{ type: 't', token: token.accessKey, url: '' }])
    const mismatch = UNSIGNED('Github-Public-Key-Signature does not match the body')
    expect(await alert(url, reordered, { identifier: 'k1', signature })).toEqual(mismatch)
    expect(
      await alert(url, JSON.stringify(JSON.parse(signed)), { identifier: 'k1', signature }),
    ).toEqual(mismatch)
    expect(
      await alert(url, signed, { identifier: 'k1', signature: await stranger.sign(signed) }),
    ).toEqual(mismatch)
    expect(await alert(url, signed, { identifier: 'k1', signature: 'not base64!' })).toEqual(
      UNSIGNED('Github-Public-Key-Signature is not a P-256 signature'),
    )
    const missing = UNSIGNED(
      'Github-Public-Key-Identifier and Github-Public-Key-Signature are required',
    )
    expect(await alert(url, signed, { identifier: 'k1' })).toEqual(missing)
    expect(await alert(url, signed, { signature })).toEqual(missing)
    expect(await tokenOf(token.id)).toMatchObject({ enabled: true, disabledReason: null })
    const events = await admin('GET', `/admin/api-tokens/${token.id}/events`)
    expect(events.body.data.map((event: { action: string }) => event.action)).toEqual(['created'])
  })

  it('a signed body that is not a list of alerts is a 400', async () => {
    const github = await signingKey()
    const url = keysUrl()
    servedKeys(url, () => ({ k1: github.pem }))
    const body = JSON.stringify({ token: 'x' })
    const answer = await alert(url, body, { identifier: 'k1', signature: await github.sign(body) })
    expect(answer).toMatchObject({ status: 400, body: { error: { name: 'ValidationError' } } })
  })

  it('without GitHub’s key list (unreachable): 503, nothing judged', async () => {
    const github = await signingKey()
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'))
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const body = '[]'
    const answer = await alert(keysUrl(), body, {
      identifier: 'k1',
      signature: await github.sign(body),
    })
    expect(answer).toMatchObject({ status: 503, body: { error: { name: 'ApplicationError' } } })
  })
})

describe('GitHub’s keys', () => {
  it('are fetched once and kept; an unknown identifier fetches them again exactly once', async () => {
    const first = await signingKey()
    const rotated = await signingKey()
    const url = keysUrl()
    const listed: Record<string, string> = { k1: first.pem }
    const fetches = servedKeys(url, () => listed)
    const body = '[]'
    const signedBy = async (identifier: string, key: typeof first) =>
      (await alert(url, body, { identifier, signature: await key.sign(body) })).status

    expect(await signedBy('k1', first)).toBe(200)
    expect(await signedBy('k1', first)).toBe(200)
    expect(fetches.count).toBe(1)

    listed['k2'] = rotated.pem
    expect(await signedBy('k2', rotated)).toBe(200)
    expect(fetches.count).toBe(2)
    expect(await signedBy('k2', rotated)).toBe(200)
    expect(fetches.count).toBe(2)

    // Made-up identifiers cannot make every request a fetch: one refetch a minute at most.
    expect(await signedBy('k3', rotated)).toBe(401)
    expect(fetches.count).toBe(2)
  })

  it('an identifier GitHub never listed: one fetch, and 401', async () => {
    const github = await signingKey()
    const url = keysUrl()
    const fetches = servedKeys(url, () => ({ k1: github.pem }))
    const body = '[]'
    expect(
      await alert(url, body, { identifier: 'k9', signature: await github.sign(body) }),
    ).toEqual(UNSIGNED('Github-Public-Key-Identifier names no key GitHub publishes'))
    expect(fetches.count).toBe(1)
  })
})

describe('derToRawSignature', () => {
  const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0))

  it('pads a short s and drops r’s sign byte (GitHub’s sample: r 33 bytes, s 31)', () => {
    const der = fromBase64(
      'MEQCIQDaMKqrGnE27S0kgMrEK0eYBmyG0LeZismAEz/BgZyt7AIfXt9fErtRS4XaeSt/AO1RtBY66YcAdjxji410VQV4xg==',
    )
    const raw = derToRawSignature(der)!
    expect(raw).toHaveLength(64)
    expect([...raw.subarray(0, 32)]).toEqual([...der.subarray(5, 37)])
    expect(raw[32]).toBe(0)
    expect([...raw.subarray(33)]).toEqual([...der.subarray(39)])
  })

  it('refuses what is not strict DER of two positive integers', () => {
    const good = toDer(Uint8Array.from({ length: 64 }, (_, i) => i + 1))
    expect(derToRawSignature(good)).not.toBeNull()
    expect(derToRawSignature(Uint8Array.from([...good, 0]))).toBeNull()
    expect(derToRawSignature(good.subarray(0, good.length - 1))).toBeNull()
    expect(derToRawSignature(Uint8Array.from([0x31, ...good.subarray(1)]))).toBeNull()
    // A negative r, and an r with a needless leading zero.
    expect(derToRawSignature(Uint8Array.from([0x30, 6, 2, 1, 0x80, 2, 1, 1]))).toBeNull()
    expect(derToRawSignature(Uint8Array.from([0x30, 7, 2, 2, 0, 1, 2, 1, 1]))).toBeNull()
    expect(derToRawSignature(new Uint8Array())).toBeNull()
  })
})
