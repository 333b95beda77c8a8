// The origin kit over real HTTP (SPEC §11 `tollgate/origin`): an Express origin built with
// it (examples/origin-express.mjs) takes a real assertion the gate signed with its
// Ed25519 key, verifies it against the gate's /.well-known/jwks.json, and refuses it on
// another path and without it.
import { tsImport } from 'tsx/esm/api'
import {
  curl,
  expectAnswer,
  expectEqual,
  HOST,
  json,
  step,
  viaFetch,
  viaSocket,
  wire,
} from './steps.mjs'

/** An assertion the gate signed for GET /api/articles, as the demo origin received it. */
async function realAssertion() {
  const answer = await viaFetch('/api/articles', {
    headers: { Authorization: `Bearer ${wire.keys.full}` },
  })
  return json(answer).meta.received.headers['x-tollgate-assertion']
}

step('examples/origin-express.mjs lets in the gate’s assertion for this request only', async () => {
  const { createOrigin } = await tsImport('../../examples/origin-express.mjs', import.meta.url)
  const app = createOrigin({ jwksUrl: `http://${HOST}/.well-known/jwks.json` })
  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  try {
    const origin = `http://127.0.0.1:${server.address().port}`
    const assertion = await realAssertion()
    const get = async (path, headers = {}) => {
      const response = await fetch(`${origin}${path}`, { headers })
      return { status: response.status, body: await response.json() }
    }
    const asserted = { 'X-Tollgate-Assertion': assertion }
    const accepted = await get('/api/articles', asserted)
    expectEqual('status, type', [200, 'full-access'], [accepted.status, accepted.body.meta.type])
    const replayed = await get('/api/categories', asserted)
    expectEqual(
      'on another path',
      [401, 'WRONG_REQUEST'],
      [replayed.status, replayed.body.error.details.code],
    )
    const missing = await get('/api/articles')
    expectEqual('without it', [401, 'MISSING'], [missing.status, missing.body.error.details.code])
  } finally {
    server.close()
  }
})

step('GET /.well-known/jwks.json as curl sends it: the public key alone, cached', async () => {
  const answer = await viaSocket(curl('GET', '/.well-known/jwks.json'))
  const { keys } = expectAnswer('GET /.well-known/jwks.json', answer, { status: 200 })
  expectEqual(
    'kty, crv, alg, use, a kid, no d',
    ['OKP', 'Ed25519', 'EdDSA', 'sig', true, false],
    [keys[0].kty, keys[0].crv, keys[0].alg, keys[0].use, Boolean(keys[0].kid), 'd' in keys[0]],
  )
  expectEqual('Cache-Control', 'public, max-age=300', answer.headers['cache-control'])
  // A body-less POST, as `curl -X POST` sends it: no route there, and never a key.
  const posted = await viaSocket(curl('POST', '/.well-known/jwks.json'))
  expectEqual('POST answered', true, posted.status === 404 || posted.status === 405)
})
