// GET /openapi.json over real HTTP (SPEC §11): served as curl asks for it, without
// credentials, and valid OpenAPI 3.1 by a maintained validator — which compiles schemas
// with `new Function`, so it runs here in Node rather than in workerd.
import { Validator } from '@seriousme/openapi-schema-validator'
import { curl, expectAnswer, expectEqual, step, viaSocket } from './steps.mjs'

step('GET /openapi.json as curl sends it: a valid OpenAPI 3.1 document, cached', async () => {
  const answer = await viaSocket(curl('GET', '/openapi.json'))
  const document = expectAnswer('GET /openapi.json', answer, { status: 200 })
  expectEqual(
    'content type, cache, openapi 3.1.x',
    ['application/json', 'public, max-age=300', true],
    [
      answer.headers['content-type']?.split(';')[0],
      answer.headers['cache-control'],
      /^3\.1\.\d+$/.test(document?.openapi),
    ],
  )
  const validator = new Validator()
  const result = await validator.validate(document)
  expectEqual(
    'valid as OpenAPI 3.1',
    { valid: true, version: '3.1' },
    {
      valid: result.valid,
      version: validator.version,
      ...(result.valid ? {} : { errors: result.errors }),
    },
  )
})
