// The origin kit over real HTTP (SPEC §11 `tollgate/origin`): an Express origin built with
// it (examples/origin-express.mjs) takes a real assertion the gate signed with its
// Ed25519 key, verifies it against the gate's /.well-known/jwks.json, and refuses it on
// another path and without it.
import { tsImport } from 'tsx/esm/api'
import { expectEqual, HOST, json, step, viaFetch, wire } from './steps.mjs'

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
