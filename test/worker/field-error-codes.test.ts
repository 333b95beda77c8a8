// SPEC §2 "Machine codes (addition)": every field error of the admin routes carries a
// stable `code`, beside its English message, which stays as it was.
import { env } from 'cloudflare:workers'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { ADMIN_ACTIONS, type FieldError } from '../../contract/api-tokens'
import { admin, createToken, uniqueName } from './helpers'

const DAY_MS = 86_400_000
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString()

/** One request and the one field error it must answer. */
interface CodeCase {
  rule: string
  method?: 'POST' | 'PUT'
  /** The path after `/admin/api-tokens`; `{id}` is a fresh token's id. */
  path?: string
  body: Record<string, unknown>
  field: string
  code: FieldError['code']
  message: string | RegExp
}

const CASES: CodeCase[] = [
  {
    rule: 'name missing',
    body: { name: undefined, type: 'read-only' },
    field: 'name',
    code: 'required',
    message: 'name is a required field',
  },
  {
    rule: 'name blank',
    body: { name: '   ', type: 'read-only' },
    field: 'name',
    code: 'required',
    message: 'name is a required field',
  },
  {
    rule: 'name too long',
    body: { name: 'n'.repeat(117), type: 'read-only' },
    field: 'name',
    code: 'too_long',
    message: 'name must be at most 100 characters',
  },
  {
    rule: 'name invisible',
    body: { name: 'a\u200bb', type: 'read-only' },
    field: 'name',
    code: 'invisible_characters',
    message: 'name must not contain control or invisible characters',
  },
  {
    rule: 'name not a string',
    body: { name: 7, type: 'read-only' },
    field: 'name',
    code: 'invalid_value',
    message: 'name must be a string',
  },
  {
    rule: 'description too long',
    body: { description: 'd'.repeat(257), type: 'read-only' },
    field: 'description',
    code: 'too_long',
    message: 'description must be at most 256 characters',
  },
  {
    rule: 'description invisible',
    body: { description: 'a\tb', type: 'read-only' },
    field: 'description',
    code: 'invisible_characters',
    message: /^description must not contain/,
  },
  {
    rule: 'type missing',
    body: { name: 'x' },
    field: 'type',
    code: 'required',
    message: 'type is a required field',
  },
  {
    rule: 'type unknown',
    body: { type: 'admin' },
    field: 'type',
    code: 'invalid_type',
    message: /^type must be one of/,
  },
  {
    rule: 'lifespan unknown',
    body: { type: 'read-only', lifespan: 5 },
    field: 'lifespan',
    code: 'invalid_lifespan',
    message: /^lifespan must be one of/,
  },
  {
    rule: 'expiresAt not a date',
    body: { type: 'read-only', expiresAt: 'soon' },
    field: 'expiresAt',
    code: 'invalid_date',
    message: 'expiresAt must be a date in the future',
  },
  {
    rule: 'expiresAt passed',
    body: { type: 'read-only', expiresAt: inDays(-1) },
    field: 'expiresAt',
    code: 'expiry_passed',
    message: 'expiresAt must be a date in the future',
  },
  {
    rule: 'expiresAt too far',
    body: { type: 'read-only', expiresAt: inDays(4000) },
    field: 'expiresAt',
    code: 'expiry_too_far',
    message: 'expiresAt must be at most 10 years ahead',
  },
  {
    rule: 'lifespan and expiresAt',
    body: { type: 'read-only', lifespan: 604_800_000, expiresAt: inDays(3) },
    field: 'expiresAt',
    code: 'lifespan_or_expiry',
    message: 'Send either lifespan or expiresAt',
  },
  {
    rule: 'permissions on read-only',
    body: { type: 'read-only', permissions: ['x'] },
    field: 'permissions',
    code: 'permissions_not_allowed',
    message: 'Non-custom tokens should not reference permissions',
  },
  {
    rule: 'custom without permissions',
    body: { type: 'custom' },
    field: 'permissions',
    code: 'permissions_missing',
    message: 'Missing permissions attribute for custom token',
  },
  {
    rule: 'unknown permissions',
    body: { type: 'custom', permissions: ['no::such.action'] },
    field: 'permissions',
    code: 'unknown_permissions',
    message: 'Unknown permissions provided: no::such.action',
  },
  {
    rule: 'unknown field',
    body: { type: 'read-only', color: 'red' },
    field: 'color',
    code: 'unknown_field',
    message: 'color is not an allowed field',
  },
  {
    rule: 'IP invalid',
    body: { type: 'read-only', allowedIps: ['10.0.0.300'] },
    field: 'allowedIps',
    code: 'ip_invalid',
    message: 'allowedIps: "10.0.0.300" is not an IP address or CIDR range',
  },
  {
    rule: 'IP host bits',
    body: { type: 'read-only', allowedIps: ['10.0.0.1/8'] },
    field: 'allowedIps',
    code: 'ip_host_bits',
    message: /did you mean "10\.0\.0\.0\/8"/,
  },
  {
    rule: 'too many IPs',
    body: { type: 'read-only', allowedIps: Array.from({ length: 21 }, (_, i) => `10.0.0.${i}`) },
    field: 'allowedIps',
    code: 'too_many_ips',
    message: 'allowedIps may hold at most 20 entries',
  },
  {
    rule: 'unknown tier',
    body: { type: 'read-only', rateLimit: 'gold' },
    field: 'rateLimit',
    code: 'unknown_tier',
    message: /^rateLimit must be null/,
  },
  {
    rule: 'owner invalid',
    body: { type: 'read-only', owner: 'a b' },
    field: 'owner',
    code: 'owner_invalid',
    message: /^owner must be 1–128 visible ASCII/,
  },
  {
    rule: 'edit: name blank',
    method: 'PUT',
    path: '/{id}',
    body: { name: '' },
    field: 'name',
    code: 'required',
    message: 'name is a required field',
  },
  {
    rule: 'edit: enabled not a boolean',
    method: 'PUT',
    path: '/{id}',
    body: { enabled: 'yes' },
    field: 'enabled',
    code: 'invalid_value',
    message: 'enabled must be true or false',
  },
  {
    rule: 'regenerate: grace period out of range',
    path: '/{id}/regenerate',
    body: { gracePeriod: -1 },
    field: 'gracePeriod',
    code: 'invalid_grace_period',
    message: 'gracePeriod must be between 0 and 604800 seconds',
  },
]

describe('field error codes', () => {
  it.each(CASES)('$rule → $code on $field', async (c) => {
    const path = c.path?.includes('{id}')
      ? c.path.replace('{id}', String((await createToken()).id))
      : (c.path ?? '')
    const named = c.method === 'PUT' || c.path !== undefined || 'name' in c.body
    const body = named ? c.body : { name: uniqueName(), ...c.body }
    const response = await admin(c.method ?? 'POST', `/admin/api-tokens${path}`, body)
    expect(response.status).toBe(400)
    const errors = response.body.error.details.errors as FieldError[]
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ path: [c.field], name: 'ValidationError', code: c.code })
    if (typeof c.message === 'string') expect(errors[0]!.message).toBe(c.message)
    else expect(errors[0]!.message).toMatch(c.message)
  })

  it('names a taken name name_taken', async () => {
    const { name } = await createToken()
    const response = await admin('POST', '/admin/api-tokens', { name, type: 'read-only' })
    expect(response.body.error.details.errors).toEqual([
      {
        path: ['name'],
        name: 'ValidationError',
        message: 'Name already taken',
        code: 'name_taken',
      },
    ])
  })

  it('names an owner sent by a scoped admin owner_not_allowed', async () => {
    const jwt = await new SignJWT({ permissions: [...ADMIN_ACTIONS], owner: 'acme' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('codes-test')
      .setAudience('tollgate')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(env.ADMIN_JWT_SECRET))
    const body = { name: uniqueName(), type: 'read-only', owner: 'acme' }
    const response = await admin('POST', '/admin/api-tokens', body, jwt)
    expect(response.body.error.details.errors[0]).toMatchObject({
      path: ['owner'],
      code: 'owner_not_allowed',
    })
  })

  it('gives each of several errors its own code', async () => {
    const response = await admin('POST', '/admin/api-tokens', { name: '', type: 'x', lifespan: 2 })
    expect(response.body.error.message).toBe('3 errors occurred')
    const codes = (response.body.error.details.errors as FieldError[]).map((e) => [
      e.path[0],
      e.code,
    ])
    expect(codes).toEqual([
      ['name', 'required'],
      ['type', 'invalid_type'],
      ['lifespan', 'invalid_lifespan'],
    ])
  })
})
