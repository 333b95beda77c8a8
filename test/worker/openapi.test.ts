// SPEC §11 OpenAPI 3.1: GET /openapi.json describes every route the worker serves beside
// the gate, and the worker tests' hook (openapi-hook.ts) checks every answer against it.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createTollgate } from '../../worker/tollgate'
import { BASE, call, createToken, type JsonBody } from './helpers'
import {
  checkedAnswers,
  checkedFetch,
  openApiDocument,
  takeConformanceFailures,
  type WorkerFetch,
} from './openapi-conformance'

/** A fetch that answers `response` to anything, checked as the worker's answers are. */
const answering = (response: Response) => checkedFetch<WorkerFetch>(async () => response)
const request = (method: string, path: string) =>
  new Request(`https://gate.test${path}`, { method })

describe('GET /openapi.json', () => {
  it('answers an OpenAPI 3.1 document without credentials, cached for five minutes', async () => {
    const response = await call('/openapi.json')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
    const document: JsonBody = await response.json()
    expect(document.openapi).toMatch(/^3\.1\.\d+$/)
    expect(document.info.title).toBe('Tollgate')
    expect(document.components.securitySchemes.adminJwt).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    })
  })

  it('documents every route the worker serves beside the gate, the demo login aside', async () => {
    const { app } = createTollgate()
    const served = new Set(
      app.routes
        .filter(({ method }) => ['GET', 'POST', 'PUT', 'DELETE'].includes(method))
        .filter(({ path }) =>
          /^\/(admin|auth|revoke|secret-scanning|\.well-known|openapi\.json)/.test(path),
        )
        .map(({ method, path }) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`),
    )
    const document = await openApiDocument()
    const documented = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(new Set(documented)).toEqual(served)
    expect(documented).toHaveLength(20)
  })

  it('says which admin routes need the admin JWT and which need nothing', async () => {
    const { paths = {} } = await openApiDocument()
    expect(paths['/admin/api-tokens']?.post?.security).toEqual([{ adminJwt: [] }])
    expect(paths['/auth/verify']?.post?.security).toEqual([])
    expect(paths['/revoke']?.post?.security).toEqual([])
    expect(paths['/secret-scanning/github']?.post?.security).toEqual([])
    expect(paths['/.well-known/jwks.json']?.get?.security).toEqual([])
  })

  it('takes its request schemas from the routes’ validators: the create body, :id, ?sort', async () => {
    const { paths = {} } = await openApiDocument()
    const create: JsonBody = paths['/admin/api-tokens']?.post?.requestBody
    expect(create.required).toBe(true)
    const body = create.content['application/json'].schema
    expect(body.required).toEqual(['name', 'type'])
    expect(body.additionalProperties).toBe(false)
    expect(body.properties.type.enum).toEqual(['read-only', 'full-access', 'custom'])
    expect(body.properties.name.maxLength).toBe(100)
    const regenerate: JsonBody = paths['/admin/api-tokens/{id}/regenerate']?.post?.requestBody
    expect(regenerate.required).toBe(false)
    expect(paths['/admin/api-tokens/{id}']?.get?.parameters).toEqual([
      {
        in: 'path',
        name: 'id',
        required: true,
        schema: { type: 'string', pattern: '^[1-9]\\d{0,15}$' },
      },
    ])
    const list: JsonBody = paths['/admin/api-tokens']?.get?.parameters
    expect(list.map((parameter: JsonBody) => parameter.name)).toEqual([
      'sort',
      'q',
      'owner',
      'enabled',
      'type',
      'page',
      'pageSize',
    ])
  })

  it('describes each error in the §2 shape, a 400 listing field errors with their codes', async () => {
    const { paths = {}, components = {} } = await openApiDocument()
    const put: JsonBody = paths['/admin/api-tokens/{id}']?.put?.responses
    expect(Object.keys(put).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '413',
      '500',
      '503',
    ])
    expect(put['400'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error400',
    })
    const error400: JsonBody = components.schemas?.['Error400']
    expect(error400.properties.error.properties.name.const).toBe('ValidationError')
    const fieldError: JsonBody = components.schemas?.['FieldError']
    expect(fieldError.properties.code.enum).toContain('name_taken')
    const verify: JsonBody = paths['/auth/verify']?.post?.responses
    expect(verify['429'].headers['Retry-After']).toBeDefined()
  })
})

describe('the answers hook', () => {
  it('passes conforming answers, through exports.default and createTollgate alike', async () => {
    const before = checkedAnswers()
    const token = await createToken()
    const response = await call(`/admin/api-tokens/${token.id}`)
    expect(response.status).toBe(401)
    const { app } = createTollgate()
    const tiers = await app.fetch(new Request(`${BASE}/admin/rate-limit-tiers`), env)
    expect(tiers.status).toBe(401)
    expect(checkedAnswers()).toBe(before + 3)
    expect(takeConformanceFailures()).toEqual([])
  })

  it('records a body the schema refuses, naming the request and the field', async () => {
    const fetch = answering(Response.json({ data: { id: 'seven' } }))
    await fetch(request('GET', '/admin/api-tokens/7'))
    const [failure, ...more] = takeConformanceFailures()
    expect(more).toEqual([])
    expect(failure?.request).toBe('GET /admin/api-tokens/7')
    expect(failure?.status).toBe(200)
    expect(failure?.problems.join('\n')).toMatch(/GET \/admin\/api-tokens\/\{id\} → 200: #\/data/)
  })

  it('records an error body that is not the §2 shape', async () => {
    const fetch = answering(Response.json({ error: 'nope' }, { status: 404 }))
    await fetch(request('GET', '/admin/api-tokens/7'))
    expect(takeConformanceFailures()).toHaveLength(1)
  })

  it('records a status the operation does not document', async () => {
    const fetch = answering(Response.json({ data: null }, { status: 418 }))
    await fetch(request('DELETE', '/admin/api-tokens/7'))
    expect(takeConformanceFailures()).toEqual([
      {
        request: 'DELETE /admin/api-tokens/7',
        status: 418,
        problems: ['DELETE /admin/api-tokens/{id} → 418: status not documented'],
      },
    ])
  })

  it('records a content type the answer does not document', async () => {
    const fetch = answering(new Response('ok', { headers: { 'Content-Type': 'text/plain' } }))
    await fetch(request('GET', '/admin/rate-limit-tiers'))
    const [failure] = takeConformanceFailures()
    expect(failure?.problems).toEqual([
      'GET /admin/rate-limit-tiers → 200: content type "text/plain" not documented',
    ])
  })

  it('leaves paths the document does not describe alone (the gate’s, the components’)', async () => {
    const fetch = answering(new Response('<html>', { status: 418 }))
    await fetch(request('GET', '/api/articles'))
    await fetch(request('OPTIONS', '/admin/api-tokens'))
    expect(takeConformanceFailures()).toEqual([])
  })
})
