import { describe, expect, it } from 'vitest'
import { evictToken, MAX_ENTRIES, verifiedKeyCache } from '../../worker/gate/verified-key-cache'
import { type GateToken } from '../../worker/tokens/gate-token'

const token = (id: number): GateToken => ({
  id,
  name: `t${id}`,
  type: 'read-only',
  expiresAt: null,
  lastUsedAt: null,
  permissions: new Set(),
  allowedIps: [],
  rateLimit: null,
  enabled: true,
  owner: null,
  meta: {},
  credits: null,
})

describe('verifiedKeyCache', () => {
  it('forgets entries once they are no longer fresh', () => {
    verifiedKeyCache.set('stale', token(1), 1_000, verifiedKeyCache.generation())
    expect(verifiedKeyCache.get('stale', 999)?.token?.id).toBe(1)
    expect(verifiedKeyCache.get('stale', 1_000)).toBeUndefined()
    expect(verifiedKeyCache.get('stale', 0)).toBeUndefined()
  })

  it('keeps negative entries apart from misses', () => {
    verifiedKeyCache.set('unknown', null, 10_000, verifiedKeyCache.generation())
    expect(verifiedKeyCache.get('unknown', 0)).toEqual({ token: null, freshUntil: 10_000 })
    expect(verifiedKeyCache.get('never-seen', 0)).toBeUndefined()
  })

  it('drops the least recently used entry beyond its bound', () => {
    const fresh = Number.MAX_SAFE_INTEGER
    verifiedKeyCache.set('first', token(1), fresh, verifiedKeyCache.generation())
    verifiedKeyCache.set('second', token(2), fresh, verifiedKeyCache.generation())
    for (let i = 0; i < MAX_ENTRIES - 2; i++)
      verifiedKeyCache.set(`filler-${i}`, token(3), fresh, verifiedKeyCache.generation())
    expect(verifiedKeyCache.get('first', 0)?.token?.id).toBe(1) // now the most recent
    verifiedKeyCache.set('one-more', token(4), fresh, verifiedKeyCache.generation())
    expect(verifiedKeyCache.get('second', 0)).toBeUndefined()
    expect(verifiedKeyCache.get('first', 0)?.token?.id).toBe(1)
  })

  it('never lets negative entries evict a known key', () => {
    const fresh = Number.MAX_SAFE_INTEGER
    verifiedKeyCache.set('known', token(5), fresh, verifiedKeyCache.generation())
    for (let i = 0; i <= MAX_ENTRIES; i++) {
      verifiedKeyCache.set(`probe-${i}`, null, fresh, verifiedKeyCache.generation())
    }
    expect(verifiedKeyCache.get('known', 0)?.token?.id).toBe(5)
    // The unknown ones stay bounded among themselves: the oldest went.
    expect(verifiedKeyCache.get('probe-0', 0)).toBeUndefined()
    expect(verifiedKeyCache.get(`probe-${MAX_ENTRIES}`, 0)?.token).toBeNull()
  })

  it('evicts every entry of a token', () => {
    verifiedKeyCache.set(
      'old-key',
      token(42),
      Number.MAX_SAFE_INTEGER,
      verifiedKeyCache.generation(),
    )
    verifiedKeyCache.set('other', token(43), Number.MAX_SAFE_INTEGER, verifiedKeyCache.generation())
    evictToken(42)
    expect(verifiedKeyCache.get('old-key', 0)).toBeUndefined()
    expect(verifiedKeyCache.get('other', 0)?.token?.id).toBe(43)
  })

  it('refuses a lookup result that began before an eviction', () => {
    const before = verifiedKeyCache.generation()
    evictToken(7)
    verifiedKeyCache.set('raced', token(7), Number.MAX_SAFE_INTEGER, before)
    expect(verifiedKeyCache.get('raced', 0)).toBeUndefined()
    verifiedKeyCache.set('raced', token(7), Number.MAX_SAFE_INTEGER, verifiedKeyCache.generation())
    expect(verifiedKeyCache.get('raced', 0)?.token?.id).toBe(7)
  })
})
