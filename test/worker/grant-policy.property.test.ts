// Property (SPEC §13 "Grant policy"): whatever an admin with a random `grantable` claim
// sends to create and edit tokens, no token is ever saved with a right outside it.
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fuzzParameters } from './fuzz'
import { grantJwt } from './grant-helpers'
import { admin, uniqueName } from './helpers'

const ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::article.article.create',
  'api::category.category.find',
] as const
const RIGHTS = ['read-only', 'full-access', ...ACTIONS] as const
const TYPES = ['read-only', 'full-access', 'custom'] as const

/** A type and permissions as a create or an edit may send them (not always valid). */
const rightsBody = fc.record(
  {
    type: fc.constantFrom(...TYPES),
    permissions: fc.subarray([...ACTIONS]),
  },
  { requiredKeys: [] },
)

/** The rights a token holds: its type's word, or its custom actions. */
const rightsOf = (token: { type: string; permissions: string[] }) =>
  token.type === 'custom' ? token.permissions : [token.type]

describe('grant policy (property)', () => {
  it('never saves a token with a right outside the admin’s grantable', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...RIGHTS]),
        fc.option(fc.constant('acme-property'), { nil: undefined }),
        rightsBody,
        fc.array(rightsBody, { maxLength: 3 }),
        async (grantable, owner, create, edits) => {
          const jwt = await grantJwt(grantable, owner)
          const allowed = new Set<string>(grantable)
          const expectWithin = (status: number, token: { type: string; permissions: string[] }) => {
            if (status >= 200 && status < 300) {
              for (const right of rightsOf(token)) expect(allowed).toContain(right)
            }
          }
          const created = await admin(
            'POST',
            '/admin/api-tokens',
            { name: uniqueName('prop'), type: 'custom', ...create },
            jwt,
          )
          expect([201, 400, 403]).toContain(created.status)
          if (created.status !== 201) return
          expectWithin(created.status, created.body.data)
          const id = created.body.data.id as number
          for (const edit of edits) {
            const edited = await admin('PUT', `/admin/api-tokens/${id}`, edit, jwt)
            expect([200, 400, 403]).toContain(edited.status)
            expectWithin(edited.status, edited.body.data ?? {})
            const stored = await admin('GET', `/admin/api-tokens/${id}`, undefined, jwt)
            expectWithin(stored.status, stored.body.data)
          }
          // Keeps the scoped admin's owner under MAX_TOKENS_PER_OWNER run after run.
          expect((await admin('DELETE', `/admin/api-tokens/${id}`, undefined, jwt)).status).toBe(
            200,
          )
        },
      ),
      // Each run is several admin calls: fewer runs than the API fuzz, the same seed.
      fuzzParameters(Math.min(Number(env.FUZZ_RUNS), 100)),
    )
  }, 60_000)
})
