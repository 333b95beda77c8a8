// The docs' wrangler.toml blocks, read by the worker's own config parser: each block whose
// cover comment says `tested-by: test/worker/docs.test.ts#<id>` is parsed as TOML and its
// vars go through parseSettings, as wrangler would hand them to the worker.
import { parse } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { parseSettings, type Vars } from '../../worker/config/settings'
import gateDoc from '../../docs/gate.md?raw'
import scaleDoc from '../../docs/scale.md?raw'
import readme from '../../README.md?raw'

interface WranglerConfig {
  vars: Vars
  services?: { binding: string; service: string }[]
  ratelimits?: { name: string; simple: { limit: number; period: number } }[]
}

/** The TOML block of `markdown` marked for this file as `<doc>#<id>`, parsed. */
function tomlBlock(markdown: string, name: string): WranglerConfig {
  const after = markdown.split(`worker/docs.test.ts#${name.split('#')[1]} -->`)[1]
  const code = after === undefined ? undefined : /^\s*```toml\n([\s\S]*?)\n```/.exec(after)?.[1]
  if (code === undefined) throw new Error(`no TOML block marked ${name}`)
  return parse(code) as unknown as WranglerConfig
}

describe('the TOML in the docs', () => {
  it('README.md#readme-gate: binds ORIGIN, protects /api and /graphql, catalogs Article', () => {
    const config = tomlBlock(readme, 'README.md#readme-gate')
    expect(config.services).toEqual([{ binding: 'ORIGIN', service: 'my-api' }])
    const settings = parseSettings(config.vars)
    expect(settings.protectedPaths).toEqual(['/api', '/graphql'])
    expect([...settings.catalog.actions.keys()]).toEqual(
      ['find', 'findOne', 'create', 'update', 'delete'].map(
        (name) => `api::article.article.${name}`,
      ),
    )
    expect(settings.catalog.graphqlFields.get('createArticle')).toEqual({
      operation: 'mutation',
      action: 'api::article.article.create',
    })
  })

  it('docs/gate.md#catalog: a collection type and a custom route', () => {
    const settings = parseSettings(tomlBlock(gateDoc, 'docs/gate.md#catalog').vars)
    expect(settings.catalog.routes.map((route) => `${route.method} ${route.path}`)).toEqual([
      'GET /api/articles',
      'GET /api/articles/:id',
      'POST /api/articles',
      'PUT /api/articles/:id',
      'DELETE /api/articles/:id',
      'GET /api/articles/:id/related',
    ])
    expect(settings.catalog.actions.has('api::article.article.related')).toBe(true)
  })

  it('docs/gate.md#catalog-cost: a custom route with its cost in credits', () => {
    const settings = parseSettings(tomlBlock(gateDoc, 'docs/gate.md#catalog-cost').vars)
    expect(settings.catalog.routes.map((route) => `${route.method} ${route.path}`)).toEqual([
      'POST /api/reports',
    ])
    expect(settings.catalog.costs.get('api::report.report.generate')).toBe(10)
  })

  it('docs/scale.md#tiers: a tier on its own [[ratelimits]] binding, with its period', () => {
    const config = tomlBlock(scaleDoc, 'docs/scale.md#tiers')
    const tier = parseSettings(config.vars).rateLimitTiers.get('standard')
    expect(tier).toEqual({
      binding: 'RATE_LIMIT_STANDARD',
      label: '600 requests a minute',
      period: 60,
    })
    expect(config.ratelimits).toEqual([
      { name: tier?.binding, namespace_id: '1001', simple: { limit: 600, period: tier?.period } },
    ])
  })
})
