// Forwarding headers over the wire (SPEC §10 "Forwarding headers are the gate's"): what a
// client claims about addresses, hosts and schemes never reaches the origin; the gate's
// own account of them does. Checked at the demo origin, which echoes what it received.
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { curl, expectAnswer, expectEqual, HOST, step, viaSocket, wire } from './steps.mjs'

/** What a client might claim, header by header; none may reach the origin as sent. */
const CLAIMED = {
  'X-Forwarded-For': '203.0.113.66',
  'X-Forwarded-Host': 'evil.example',
  'X-Forwarded-Proto': 'https',
  'X-Real-IP': '203.0.113.67',
  'True-Client-IP': '203.0.113.68',
  'X-Client-IP': '203.0.113.69',
  'X-Cluster-Client-IP': '203.0.113.70',
  'Client-IP': '203.0.113.71',
  Forwarded: 'for=203.0.113.72;host=evil.example;proto=https',
}

/**
 * `GET /api/articles` with the full-access key and `headers`, as curl sends it: what the
 * origin received, and the address the gate judged (the `CF-Connecting-IP` it saw).
 * @param {string[]} [headers]
 */
async function atTheOrigin(headers = []) {
  const key = `Authorization: Bearer ${wire.keys.full}`
  const answer = await viaSocket(curl('GET', '/api/articles', { headers: [key, ...headers] }))
  const { meta } = expectAnswer('GET /api/articles with a full-access key', answer, { status: 200 })
  const received = /** @type {Record<string, string>} */ (meta.received.headers)
  return { received, judged: received['cf-connecting-ip'] }
}

const claimed = Object.entries(CLAIMED).map(([name, value]) => `${name}: ${value}`)

step('under wrangler dev over loopback, CF-Connecting-IP is 127.0.0.1', async () => {
  const { judged } = await atTheOrigin()
  expectEqual('CF-Connecting-IP', '127.0.0.1', judged)
})

step('client forwarding headers never reach the origin as sent', async () => {
  const { received } = await atTheOrigin(claimed)
  const passedOn = Object.entries(CLAIMED).filter(
    ([name, value]) => received[name.toLowerCase()] === value,
  )
  expectEqual(
    'headers that reached the origin as sent',
    [],
    passedOn.map(([name]) => name),
  )
})

step('X-Forwarded-For and X-Real-IP at the origin are the address the gate judged', async () => {
  const { received, judged } = await atTheOrigin(claimed)
  expectEqual(
    'X-Forwarded-For, X-Real-IP',
    ['127.0.0.1', '127.0.0.1'],
    [received['x-forwarded-for'], received['x-real-ip']],
  )
  expectEqual('the address judged', '127.0.0.1', judged)
})

step('X-Forwarded-For follows the CF-Connecting-IP the gate judged, not the socket', async () => {
  // wrangler dev passes a client's CF-Connecting-IP on (Cloudflare sets it in production).
  const { received } = await atTheOrigin(['CF-Connecting-IP: 198.51.100.7', ...claimed])
  expectEqual(
    'X-Forwarded-For, X-Real-IP',
    ['198.51.100.7', '198.51.100.7'],
    [received['x-forwarded-for'], received['x-real-ip']],
  )
})

step(
  'X-Forwarded-Host and -Proto at the origin are the host and scheme the client used',
  async () => {
    const { received } = await atTheOrigin(claimed)
    expectEqual(
      'X-Forwarded-Host, X-Forwarded-Proto',
      [HOST, 'http'],
      [received['x-forwarded-host'], received['x-forwarded-proto']],
    )
  },
)

step(
  'the origin assertion, verified against the gate’s JWKS (ORIGIN_ASSERTION_KEY), has cip = that address',
  async () => {
    const { received } = await atTheOrigin(claimed)
    const gateKeys = createRemoteJWKSet(new URL(`http://${HOST}/.well-known/jwks.json`))
    const { payload, protectedHeader } = await jwtVerify(
      received['x-tollgate-assertion'],
      gateKeys,
      {
        issuer: 'tollgate',
        algorithms: ['EdDSA'],
      },
    )
    expectEqual('alg, a kid', ['EdDSA', true], [protectedHeader.alg, Boolean(protectedHeader.kid)])
    expectEqual(
      'htm, htu, cip',
      ['GET', '/api/articles', '127.0.0.1'],
      [payload.htm, payload.htu, payload.cip],
    )
  },
)
