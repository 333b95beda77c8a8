// Paths and method overrides over the wire (SPEC §3, §10 "No double encoding", "More
// method overrides refused"): what another parser at the origin would read otherwise is
// refused before it is judged. Sent with the full-access key, which would otherwise pass.
import { curl, expectAnswer, step, viaSocket, wire } from './steps.mjs'

const fullKey = () => `Authorization: Bearer ${wire.keys.full}`

step('a path holding %252F is 400 MALFORMED', async () => {
  const path = '/api/articles%252F1'
  const answer = await viaSocket(curl('GET', path, { headers: [fullKey()] }))
  expectAnswer(`GET ${path}`, answer, { status: 400, code: 'MALFORMED' })
})

step('a JSON body with a top-level _method key is 400 MALFORMED', async () => {
  const body = JSON.stringify({ _method: 'DELETE', title: 'overridden' })
  const headers = [fullKey(), 'Content-Type: application/json']
  const answer = await viaSocket(curl('POST', '/api/articles', { headers, body }))
  expectAnswer('POST /api/articles {"_method": "DELETE"}', answer, {
    status: 400,
    code: 'MALFORMED',
  })
})

// PHP reads `.method`, ` method` (`+method`) and `[method` as `_method`; any case.
for (const name of ['.method', '+method', '[method', '_METHOD']) {
  step(`a URL parameter ${name} is 400 MALFORMED`, async () => {
    const path = `/api/articles?${name}=DELETE`
    const answer = await viaSocket(curl('GET', path, { headers: [fullKey()] }))
    expectAnswer(`GET ${path}`, answer, { status: 400, code: 'MALFORMED' })
  })
}
