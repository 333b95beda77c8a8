import { afterEach, describe, expect, it, vi } from 'vitest'
import { bytesToBigInt, toBase62 } from '../../worker/keys/base62'
import { crc32 } from '../../worker/keys/crc32'
import { generateApiKey, isWellFormedApiKey, keyHintOf } from '../../worker/keys/key-format'
import { hashApiKey } from '../../worker/keys/key-hash'

const KEY = /^tg_[0-9A-Za-z]{43}[0-9A-Za-z]{6}$/

// Expected keys computed outside the code under test, with Python:
//   body = base62(int.from_bytes(bytes, 'big')) left-padded with '0' to 43 characters
//   key  = head + base62(zlib.crc32(head)) padded to 6, where head = f'{prefix}_{body}'
const ZERO_BYTES = new Uint8Array(32)
const FF_BYTES = new Uint8Array(32).fill(0xff)
const COUNTING_BYTES = Uint8Array.from({ length: 32 }, (_, i) => i)
const ZERO_KEY = 'tg_00000000000000000000000000000000000000000003L6u1e'
const FF_KEY = 'tg_yhjskwdA6OZ1AL1YmHWZWm8LLG7HjnuCA2j5rOw8Xp10Xwm86'
const COUNTING_KEY = 'tg_003aUlTJC7tjlCTQj2uNU3MFagCXG9LRKRcwGkBIDlf2qQZBW'
const COUNTING_KEY_ACME = 'acme42_003aUlTJC7tjlCTQj2uNU3MFagCXG9LRKRcwGkBIDlf1qx10K'

/** Makes `crypto.getRandomValues` fill its array with `bytes`, and returns the spy. */
function stubRandomBytes(bytes: Uint8Array) {
  return vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T>(array: T): T => {
    ;(array as Uint8Array).set(bytes)
    return array
  })
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('crc32', () => {
  it('matches zlib on the standard check value and other known values', () => {
    expect(crc32('123456789')).toBe(0xcbf43926)
    expect(crc32('')).toBe(0)
    expect(crc32('a')).toBe(0xe8b7be43)
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339)
  })

  it('hashes the UTF-8 bytes of the text', () => {
    // zlib.crc32('é'.encode('utf-8')), i.e. of the bytes c3 a9
    expect(crc32('é')).toBe(0x0e048d3e)
  })
})

describe('base62', () => {
  it('writes big-endian integers left-padded', () => {
    expect(toBase62(0n, 3)).toBe('000')
    expect(toBase62(61n, 2)).toBe('0z')
    expect(toBase62(62n, 2)).toBe('10')
    expect(toBase62(3843n, 1)).toBe('zz')
    expect(bytesToBigInt(new Uint8Array([1, 0]))).toBe(256n)
    expect(bytesToBigInt(new Uint8Array([0x12, 0x34, 0x56]))).toBe(0x123456n)
  })

  it('writes the largest 32-byte value in exactly 43 characters', () => {
    const max = bytesToBigInt(FF_BYTES)
    expect(max).toBe(2n ** 256n - 1n)
    expect(toBase62(max, 43)).toBe('yhjskwdA6OZ1AL1YmHWZWm8LLG7HjnuCA2j5rOw8Xp1')
  })
})

describe('generateApiKey', () => {
  it('draws 32 random bytes', () => {
    const spy = stubRandomBytes(ZERO_BYTES)
    generateApiKey('tg')
    expect(spy).toHaveBeenCalledTimes(1)
    const array = spy.mock.calls[0]![0] as Uint8Array
    expect(array).toBeInstanceOf(Uint8Array)
    expect(array.length).toBe(32)
  })

  it('writes all-zero bytes as a body of zeros and its checksum', () => {
    stubRandomBytes(ZERO_BYTES)
    expect(generateApiKey('tg')).toBe(ZERO_KEY)
  })

  it('writes all-0xff bytes as the largest body and its checksum', () => {
    stubRandomBytes(FF_BYTES)
    expect(generateApiKey('tg')).toBe(FF_KEY)
  })

  it('writes the bytes 0..31 big-endian, left-padded to 43 characters', () => {
    stubRandomBytes(COUNTING_BYTES)
    expect(generateApiKey('tg')).toBe(COUNTING_KEY)
  })

  it('puts the prefix in the key and in the checksum', () => {
    stubRandomBytes(COUNTING_BYTES)
    expect(generateApiKey('acme42')).toBe(COUNTING_KEY_ACME)
  })

  it('produces prefix, 43-character body and 6-character checksum from real randomness', () => {
    const key = generateApiKey('tg')
    expect(key).toMatch(KEY)
    expect(isWellFormedApiKey(key, 'tg')).toBe(true)
  })

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey('tg')))
    expect(keys.size).toBe(200)
  })
})

describe('isWellFormedApiKey', () => {
  it('accepts keys whose checksum was computed independently', () => {
    expect(isWellFormedApiKey(ZERO_KEY, 'tg')).toBe(true)
    expect(isWellFormedApiKey(FF_KEY, 'tg')).toBe(true)
    expect(isWellFormedApiKey(COUNTING_KEY, 'tg')).toBe(true)
    expect(isWellFormedApiKey(COUNTING_KEY_ACME, 'acme42')).toBe(true)
  })

  it('rejects a key with one body character changed (checksum)', () => {
    // position 10 of COUNTING_KEY is 'J'
    expect(isWellFormedApiKey(`${COUNTING_KEY.slice(0, 10)}K${COUNTING_KEY.slice(11)}`, 'tg')).toBe(
      false,
    )
  })

  it('rejects a wrong checksum, another prefix, and wrong shapes', () => {
    expect(isWellFormedApiKey(`${COUNTING_KEY.slice(0, -1)}X`, 'tg')).toBe(false)
    expect(isWellFormedApiKey(COUNTING_KEY, 'other')).toBe(false)
    expect(isWellFormedApiKey(COUNTING_KEY_ACME, 'tg')).toBe(false)
    // the acme42 body with the tg checksum: right shape, wrong checksum for this prefix
    expect(isWellFormedApiKey(`acme42_${COUNTING_KEY.slice(3)}`, 'acme42')).toBe(false)
    expect(isWellFormedApiKey(`${COUNTING_KEY}x`, 'tg')).toBe(false)
    expect(isWellFormedApiKey(COUNTING_KEY.slice(0, -1), 'tg')).toBe(false)
    expect(isWellFormedApiKey(COUNTING_KEY.replace('tg_', 'tg-'), 'tg')).toBe(false)
    expect(isWellFormedApiKey('', 'tg')).toBe(false)
  })
})

describe('keyHintOf', () => {
  it('shows the prefix, four body characters and the last four', () => {
    expect(keyHintOf(COUNTING_KEY)).toBe('tg_003a…QZBW')
    expect(keyHintOf(ZERO_KEY)).toBe('tg_0000…6u1e')
    expect(keyHintOf(COUNTING_KEY_ACME)).toBe('acme42_003a…x10K')
  })
})

describe('hashApiKey', () => {
  // hashApiKey(key, pepper) = hex HMAC-SHA-256 with the pepper as HMAC key, the API key as data.
  it('matches RFC 4231 test case 1 (key 0x0b × 20, data "Hi There")', async () => {
    expect(await hashApiKey('Hi There', '\x0b'.repeat(20))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    )
  })

  it('matches RFC 4231 test case 2 (key "Jefe")', async () => {
    expect(await hashApiKey('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    )
  })

  it('uses the UTF-8 bytes of the pepper and the key', async () => {
    // Python: hmac.new('pépper-ü'.encode(), COUNTING_KEY.encode(), hashlib.sha256).hexdigest()
    expect(await hashApiKey(COUNTING_KEY, 'pépper-ü')).toBe(
      '30703b07f588fb7a0ab308beb12f0edc6c5002e25dffe0095a630326917ae838',
    )
  })

  it('depends on the pepper', async () => {
    expect(await hashApiKey('tg_key', 'pepper')).toBe(
      'ea1fed7545848b4387f28a5b2f8f5040e98b71ceb20afdc2e63d60bc582a7ccd',
    )
    expect(await hashApiKey('tg_key', 'Jefe')).toBe(
      'df02cd7e74cb36294c5023c5c05aad72aae957ac9ef9ab52297fa92f108f4072',
    )
  })
})
