import { describe, expect, it } from 'vitest'
import { groupedPermissions, parseCatalog } from '../../worker/catalog/catalog'
import { ConfigError } from '../../worker/config/config-error'
import { parseSettings } from '../../worker/config/settings'

describe('parseCatalog', () => {
  it('expands a collection type into actions, routes and GraphQL fields', () => {
    const catalog = parseCatalog({
      contentTypes: [
        {
          uid: 'api::article.article',
          displayName: 'Article',
          rest: '/api/articles',
          graphql: { singular: 'article', plural: 'articles' },
        },
      ],
    })
    expect([...catalog.actions.keys()]).toEqual([
      'api::article.article.find',
      'api::article.article.findOne',
      'api::article.article.create',
      'api::article.article.update',
      'api::article.article.delete',
    ])
    expect(catalog.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/articles',
      'GET /api/articles/:id',
      'POST /api/articles',
      'PUT /api/articles/:id',
      'DELETE /api/articles/:id',
    ])
    expect(Object.fromEntries(catalog.graphqlFields)).toEqual({
      articles: { operation: 'query', action: 'api::article.article.find' },
      articles_connection: { operation: 'query', action: 'api::article.article.find' },
      article: { operation: 'query', action: 'api::article.article.findOne' },
      createArticle: { operation: 'mutation', action: 'api::article.article.create' },
      updateArticle: { operation: 'mutation', action: 'api::article.article.update' },
      deleteArticle: { operation: 'mutation', action: 'api::article.article.delete' },
    })
  })

  it('groups custom routes of unknown content types under their controller', () => {
    const catalog = parseCatalog({
      routes: [{ method: 'post', path: '/api/health/ping', action: 'api::health.health.ping' }],
    })
    expect(catalog.routes[0]!.method).toBe('POST')
    expect(groupedPermissions(catalog)).toEqual({
      'api::health': { displayName: 'Health', controllers: { health: ['ping'] } },
    })
  })

  it('reads a var of only whitespace as unset, not as 0 or an empty list', () => {
    const settings = parseSettings({ CACHE_TTL_SECONDS: ' ', PROTECTED_PATHS: '  ' })
    expect(settings.cacheTtlMs).toBe(300_000)
    expect(settings.protectedPaths).toEqual(['/api', '/graphql'])
  })

  it.each([
    [{ contentTypes: [{ uid: 'article', displayName: 'A' }] }, /contentTypes\.0\.uid/],
    [{ contentTypes: [{ uid: 'api::a.a', displayName: 'A', rest: 'api/a' }] }, /rest/],
    [{ routes: [{ method: 'FETCH', path: '/a', action: 'api::a.a.x' }] }, /routes\.0\.method/],
    [{ routes: [{ method: 'GET', path: '/a', action: 'x' }] }, /routes\.0\.action/],
    [{ extra: true }, /API_CATALOG/],
    [
      {
        routes: [
          { method: 'GET', path: '/a', action: 'api::a.a.x' },
          { method: 'GET', path: '/a', action: 'api::a.a.y' },
        ],
      },
      /GET \/a twice/,
    ],
  ])('refuses %j with a clear error', (config, message) => {
    expect(() => parseCatalog(config)).toThrowError(ConfigError)
    expect(() => parseCatalog(config)).toThrowError(message)
  })

  it('treats a missing catalog as empty', () => {
    expect(parseCatalog(undefined).actions.size).toBe(0)
  })
})

describe('parseSettings', () => {
  it('applies the defaults of SPEC §4b with only the D1 binding', () => {
    const settings = parseSettings({})
    expect(settings).toMatchObject({
      tokenPrefix: 'tg',
      protectedPaths: ['/api', '/graphql'],
      cacheTtlMs: 300_000,
      revocationPollMs: 1000,
      lastUsedResolutionMs: 60_000,
      forwardAuthorization: false,
      demo: false,
    })
    expect(settings.rateLimitTiers.size).toBe(0)
    expect(settings.allowedOrigins.size).toBe(0)
    expect(settings.publicActions.size).toBe(0)
    expect(settings.catalog.actions.size).toBe(0)
  })

  it('parses vars given as strings', () => {
    const settings = parseSettings({
      CACHE_TTL_SECONDS: '0',
      DEMO: 'true',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      PROTECTED_PATHS: '["/v1/"]',
      FORWARD_AUTHORIZATION: '1',
    })
    expect(settings.cacheTtlMs).toBe(0)
    expect(settings.demo).toBe(true)
    expect([...settings.allowedOrigins]).toEqual(['https://a.example', 'https://b.example'])
    expect(settings.protectedPaths).toEqual(['/v1'])
    expect(settings.forwardAuthorization).toBe(true)
  })

  it.each([
    [{ TOKEN_PREFIX: 'TG!' }, /TOKEN_PREFIX/],
    [{ CACHE_TTL_SECONDS: 'soon' }, /CACHE_TTL_SECONDS/],
    [{ DEMO: 'maybe' }, /DEMO/],
    [{ PUBLIC_ACTIONS: 'api::x.x.find' }, /PUBLIC_ACTIONS/],
    [{ ADMIN_ROLES: '{"a": "b"}' }, /ADMIN_ROLES/],
    [{ API_CATALOG: '{nope' }, /API_CATALOG is not valid JSON/],
    [{ ORIGIN_URL: 'https://user:secret@origin.example' }, /ORIGIN_URL must not hold credentials/],
    [{ ORIGIN_URL: 'ftp://origin.example' }, /ORIGIN_URL must be an http\(s\) URL/],
  ])('refuses %j', (vars, message) => {
    expect(() => parseSettings(vars)).toThrowError(message)
  })
})
