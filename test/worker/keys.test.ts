import { describe, expect, it } from 'vitest'
import { bytesToBigInt, toBase62 } from '../../worker/keys/base62'
import { crc32 } from '../../worker/keys/crc32'
import { generateApiKey, isWellFormedApiKey, keyHintOf } from '../../worker/keys/key-format'
import { hashApiKey } from '../../worker/keys/key-hash'

const KEY = /^tg_[0-9A-Za-z]{43}[0-9A-Za-z]{6}$/

describe('crc32', () => {
  it('matches zlib on the standard check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926)
    expect(crc32('')).toBe(0)
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339)
  })
})

describe('base62', () => {
  it('writes big-endian integers left-padded', () => {
    expect(toBase62(0n, 3)).toBe('000')
    expect(toBase62(61n, 2)).toBe('0z')
    expect(toBase62(62n, 2)).toBe('10')
    expect(bytesToBigInt(new Uint8Array([1, 0]))).toBe(256n)
  })

  it('fits the largest 32-byte value in 43 characters', () => {
    const max = bytesToBigInt(new Uint8Array(32).fill(255))
    expect(toBase62(max, 43)).toHaveLength(43)
  })
})

describe('generateApiKey', () => {
  it('produces prefix, 43-character body and 6-character checksum', () => {
    const key = generateApiKey('tg')
    expect(key).toMatch(KEY)
    expect(isWellFormedApiKey(key, 'tg')).toBe(true)
  })

  it('puts the CRC-32 of prefix and body in base62 at the end', () => {
    const key = generateApiKey('tg')
    const head = key.slice(0, -6)
    expect(key.slice(-6)).toBe(toBase62(BigInt(crc32(head)), 6))
  })

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey('tg')))
    expect(keys.size).toBe(200)
  })
})

describe('isWellFormedApiKey', () => {
  const key = generateApiKey('tg')

  it('rejects a key with one character changed (checksum)', () => {
    const i = 10
    const swapped = key[i] === 'a' ? 'b' : 'a'
    expect(isWellFormedApiKey(key.slice(0, i) + swapped + key.slice(i + 1), 'tg')).toBe(false)
  })

  it('rejects a wrong checksum, another prefix, and wrong shapes', () => {
    const badChecksum = key.slice(0, -1) + (key.endsWith('0') ? '1' : '0')
    expect(isWellFormedApiKey(badChecksum, 'tg')).toBe(false)
    expect(isWellFormedApiKey(key, 'other')).toBe(false)
    expect(isWellFormedApiKey(key + 'x', 'tg')).toBe(false)
    expect(isWellFormedApiKey(key.replace('tg_', 'tg-'), 'tg')).toBe(false)
    expect(isWellFormedApiKey('', 'tg')).toBe(false)
  })

  it('accepts keys with a custom prefix', () => {
    expect(isWellFormedApiKey(generateApiKey('acme42'), 'acme42')).toBe(true)
  })
})

describe('keyHintOf', () => {
  it('shows the prefix, four body characters and the last four', () => {
    const key = generateApiKey('tg')
    expect(keyHintOf(key)).toBe(`tg_${key.slice(3, 7)}…${key.slice(-4)}`)
  })
})

describe('hashApiKey', () => {
  it('is HMAC-SHA-256 under the pepper, in hex', async () => {
    const pepper = 'pepper'
    const expected = await crypto.subtle.sign(
      'HMAC',
      await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(pepper),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      ),
      new TextEncoder().encode('tg_key'),
    )
    const hex = [...new Uint8Array(expected)].map((b) => b.toString(16).padStart(2, '0')).join('')
    expect(await hashApiKey('tg_key', pepper)).toBe(hex)
  })

  it('depends on the pepper', async () => {
    expect(await hashApiKey('tg_key', 'a')).not.toBe(await hashApiKey('tg_key', 'b'))
  })
})
