// Property-based test of the admin JWT's claims (SPEC §10, fast-check): for random `aud`
// and `owner` claims, the admin API answers 401 exactly when an oracle written here —
// not the worker's code — says the JWT is invalid.
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { SignJWT, type JWTPayload } from 'jose'
import { describe, expect, it } from 'vitest'
import { ADMIN_ACTIONS } from '../../contract/api-tokens'
import { fuzzParameters } from './fuzz'
import { gateEnv } from './gate-helpers'
import { call } from './helpers'

/**
 * The oracle for `aud` (RFC 7519 §4.1.3): a string equal to the audience, or an array
 * holding it; absent, or anything else, is invalid.
 */
function audienceAccepted(aud: unknown, audience: string): boolean {
  if (typeof aud === 'string') return aud === audience
  return Array.isArray(aud) && aud.some((entry) => entry === audience)
}

/**
 * The oracle for `owner`: absent (an operator), or 1 to 128 characters each between
 * `!` (0x21) and `~` (0x7E) — checked code point by code point, without a regex.
 */
function ownerAccepted(owner: unknown): boolean {
  if (owner === undefined) return true
  if (typeof owner !== 'string') return false
  const characters = [...owner]
  if (characters.length < 1 || characters.length > 128) return false
  return characters.every((character) => {
    const code = character.codePointAt(0) ?? 0
    return code >= 0x21 && code <= 0x7e
  })
}

const VISIBLE_ASCII = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code))

/** Plain owners of exactly `length` characters. */
const plainOf = (length: number) =>
  fc.string({ unit: VISIBLE_ASCII, minLength: length, maxLength: length })

/**
 * Characters an owner must not hold: most often the neighbours of the range (space and
 * DEL), then controls, line breaks, separators and characters past ASCII.
 */
const OUTSIDE = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(' ', '\u007f') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '\t',
      '\r',
      '\n',
      '\r\n',
      '\u0000',
      '\u001f',
      '\u0080',
      '\u0085',
      '\u00a0',
      'é',
      '\u200b',
      '\u2028',
      '\ufeff',
      '\ud800',
      '😀',
      'ａ',
    ),
  },
)

const owner = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  // Plain owners at the ends of the length range, and of any length 0–200.
  { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, 127, 128, 129, 200).chain(plainOf) },
  { weight: 3, arbitrary: fc.nat(200).chain(plainOf) },
  // Plain owners with one character from outside the range somewhere.
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.string({ unit: VISIBLE_ASCII, maxLength: 60 }),
        OUTSIDE,
        fc.string({ unit: VISIBLE_ASCII, maxLength: 60 }),
      )
      .map((parts) => parts.join('')),
  },
  // Anything at all, any code unit; not strings.
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 42, true, ['acme'], { id: 'acme' }) },
)

/** Audiences near the configured ones, and random strings. */
const audienceValue = fc.oneof(
  fc.constantFrom(
    'tollgate',
    'Tollgate',
    'TOLLGATE',
    ' tollgate',
    'tollgate ',
    'tollgate\u0000',
    'tollgat',
    '',
    'other',
    'acme-admin',
    'https://tollgate',
  ),
  fc.string({ maxLength: 20 }),
)

/** An `aud` claim: absent, a string, or an array — often holding `audience`, often not. */
const audFor = (audience: string) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.constant(audience) },
    { weight: 2, arbitrary: audienceValue },
    { weight: 2, arbitrary: fc.array(audienceValue, { maxLength: 4 }) },
    {
      weight: 3,
      arbitrary: fc
        .array(audienceValue, { maxLength: 3 })
        .chain((others) =>
          fc
            .nat(others.length)
            .map((at) => [...others.slice(0, at), audience, ...others.slice(at)]),
        ),
    },
  )

/** The test environment (`ADMIN_JWT_AUDIENCE` unset: "tollgate"), or one that sets it. */
const configured = fc.constantFrom(
  { audience: 'tollgate', worker: { fetch: call } },
  { audience: 'acme-admin', worker: gateEnv({ ADMIN_JWT_AUDIENCE: 'acme-admin' }) },
)

/** A configuration and the claims of one JWT. */
const jwtCase = configured.chain((config) =>
  fc.record({ config: fc.constant(config), aud: audFor(config.audience), owner }),
)

describe('property: an admin JWT is refused (401) exactly when its aud or owner claim is bad', () => {
  it('for random aud (absent, string, array) and owner claims, against an independent oracle', async () => {
    await fc.assert(
      fc.asyncProperty(jwtCase, async ({ config, aud, owner }) => {
        const claims: JWTPayload = { permissions: [...ADMIN_ACTIONS], sub: 'property-admin' }
        if (aud !== undefined) claims.aud = aud
        if (owner !== undefined) claims.owner = owner
        const jwt = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(env.ADMIN_JWT_SECRET))
        const response = await config.worker.fetch('/admin/users/me/permissions', {
          headers: { Authorization: `Bearer ${jwt}` },
        })
        const body = (await response.json()) as {
          meta?: { owner: unknown }
          error?: { status: number; name: string }
        }
        const valid = audienceAccepted(aud, config.audience) && ownerAccepted(owner)
        const said = `aud ${JSON.stringify(aud)}, owner ${JSON.stringify(owner)}`
        expect(response.status, said).toBe(valid ? 200 : 401)
        if (valid) {
          expect(body.meta, said).toEqual({
            owner: owner ?? null,
            grantable: null,
            maxLifespanDays: null,
          })
        } else {
          expect(body.error, said).toMatchObject({ status: 401, name: 'UnauthorizedError' })
        }
      }),
      fuzzParameters(),
    )
  })
})
