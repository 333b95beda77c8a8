// SPEC §9 "IP allow-list": validated on create and update, enforced at the gate.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isAllowedIp, readIpEntry } from '../../worker/tokens/ip-allow-list'
import { fuzzParameters } from './fuzz'
import { bearer, gateEnv } from './gate-helpers'
import { admin, call, createToken, uniqueName } from './helpers'

const from = (address: string | undefined, key: string) =>
  bearer(key, address === undefined ? {} : { 'CF-Connecting-IP': address })

describe('allowedIps on the admin API', () => {
  it('is [] by default and stored in one canonical spelling, once', async () => {
    expect((await createToken()).allowedIps).toEqual([])
    const token = await createToken({
      allowedIps: [
        ' 203.0.113.7 ',
        '2001:DB8:0:0::/64',
        '10.0.0.0/8',
        '10.0.0.0/8',
        '::1/128',
        '::ffff:198.51.100.7',
        '::ffff:198.51.100.0/120',
      ],
    })
    expect(token.allowedIps).toEqual([
      '203.0.113.7',
      '2001:db8::/64',
      '10.0.0.0/8',
      '::1',
      '198.51.100.7',
      '198.51.100.0/24',
    ])
    const { body } = await admin('GET', `/admin/api-tokens/${token.id}`)
    expect(body.data.allowedIps).toEqual(token.allowedIps)
  })

  it('refuses a bad entry with a 400 naming it, on create and on update', async () => {
    const bad = [
      '10.0.0.300',
      '10.0.0.0/33',
      '::1/129',
      'fe80::1%eth0',
      '0x7f.1',
      '::ffff:0xc6.51.100.7',
      '::ffff:01.02.03.04',
      '10.0.0.0/08',
      'localhost',
      '',
    ]
    for (const entry of bad) {
      const created = await admin('POST', '/admin/api-tokens', {
        name: uniqueName(),
        type: 'read-only',
        allowedIps: ['192.0.2.1', entry],
      })
      expect(created.status).toBe(400)
      expect(created.body.error.details.errors).toEqual([
        {
          path: ['allowedIps'],
          name: 'ValidationError',
          message: `allowedIps: ${JSON.stringify(entry)} is not an IP address or CIDR range`,
          code: 'ip_invalid',
        },
      ])
    }
    const token = await createToken()
    const updated = await admin('PUT', `/admin/api-tokens/${token.id}`, { allowedIps: ['1.2.3'] })
    expect(updated.status).toBe(400)
    expect(updated.body.error.message).toBe(
      'allowedIps: "1.2.3" is not an IP address or CIDR range',
    )
  })

  it('refuses a range with bits set past its prefix, naming the network meant', async () => {
    for (const [entry, network] of [
      ['10.0.0.5/24', '10.0.0.0/24'],
      ['203.0.113.7/1', '128.0.0.0/1'],
      ['2001:db8::1/32', '2001:db8::/32'],
    ]) {
      const response = await admin('POST', '/admin/api-tokens', {
        name: uniqueName(),
        type: 'read-only',
        allowedIps: [entry],
      })
      expect(response.status).toBe(400)
      expect(response.body.error.message).toBe(
        `allowedIps: "${entry}" has bits set past its prefix: did you mean "${network}"?`,
      )
    }
  })

  it('repeats a bad entry with its invisible characters escaped', async () => {
    const response = await admin('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
      allowedIps: ['\u202e1.2.3.4\u200b'],
    })
    expect(response.body.error.message).toBe(
      'allowedIps: "\\u202e1.2.3.4\\u200b" is not an IP address or CIDR range',
    )
  })

  it('holds at most 20 entries and must be a list of strings', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `192.0.2.${i}`)
    expect((await createToken({ allowedIps: twenty })).allowedIps).toHaveLength(20)
    const tooMany = await admin('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
      allowedIps: [...twenty, '192.0.2.99'],
    })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.error.message).toBe('allowedIps may hold at most 20 entries')
    for (const allowedIps of ['10.0.0.1', [1], null]) {
      const response = await admin('POST', '/admin/api-tokens', {
        name: uniqueName(),
        type: 'read-only',
        allowedIps,
      })
      expect(response.status).toBe(400)
      expect(response.body.error.details.errors[0].path[0]).toBe('allowedIps')
    }
  })

  it('is replaced by an update, and [] lifts the restriction', async () => {
    const token = await createToken({ allowedIps: ['192.0.2.1'] })
    const narrowed = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      allowedIps: ['198.51.100.0/24'],
    })
    expect(narrowed.body.data.allowedIps).toEqual(['198.51.100.0/24'])
    const lifted = await admin('PUT', `/admin/api-tokens/${token.id}`, { allowedIps: [] })
    expect(lifted.body.data.allowedIps).toEqual([])
  })
})

describe('allowedIps at the gate', () => {
  it('passes IPv4 addresses and ranges it holds, and refuses others with reason "ip"', async () => {
    const gate = gateEnv()
    const { accessKey } = await createToken({ allowedIps: ['203.0.113.7', '10.1.0.0/16'] })
    for (const address of ['203.0.113.7', '10.1.0.1', '10.1.255.254', '::ffff:10.1.2.3']) {
      const response = await gate.fetch('/api/articles', { headers: from(address, accessKey) })
      expect(response.status, address).toBe(200)
    }
    for (const address of [
      '203.0.113.8',
      '10.2.0.1',
      '2001:db8::1',
      'not-an-ip',
      '10.1.0.1, 203.0.113.9',
      undefined,
    ]) {
      const response = await gate.fetch('/api/articles', { headers: from(address, accessKey) })
      expect(response.status, address).toBe(403)
      expect(await response.json()).toEqual({
        data: null,
        error: {
          status: 403,
          name: 'ForbiddenError',
          message: 'Forbidden',
          details: { code: 'FORBIDDEN', reason: 'ip' },
        },
      })
    }
    expect(gate.seen).toHaveLength(4)
  })

  it('reads the client address as strictly as the entries', async () => {
    const gate = gateEnv()
    const { accessKey } = await createToken({ allowedIps: ['8.1.2.3', '1.2.0.3', 'fe80::/10'] })
    for (const address of ['010.1.2.3', '1.2.3', '0x08.1.2.3', '134283779', 'fe80::1%eth0']) {
      const response = await gate.fetch('/api/articles', { headers: from(address, accessKey) })
      expect(response.status, address).toBe(403)
    }
    expect(
      (await gate.fetch('/api/articles', { headers: from('fe80::1', accessKey) })).status,
    ).toBe(200)
  })

  it('passes IPv6 addresses and ranges it holds', async () => {
    const gate = gateEnv()
    const { accessKey } = await createToken({ allowedIps: ['2001:db8:abcd::/48', '::1'] })
    for (const [address, status] of [
      ['2001:db8:abcd:12::1', 200],
      ['2001:DB8:ABCD:0:0:0:0:1', 200],
      ['::1', 200],
      ['2001:db8:abce::1', 403],
      ['127.0.0.1', 403],
    ] as const) {
      const response = await gate.fetch('/api/articles', { headers: from(address, accessKey) })
      expect(response.status, address).toBe(status)
    }
  })

  it('passes any address when the list is empty', async () => {
    const gate = gateEnv()
    const { accessKey } = await createToken()
    for (const address of ['198.51.100.1', '2001:db8::1', undefined]) {
      expect(
        (await gate.fetch('/api/articles', { headers: from(address, accessKey) })).status,
      ).toBe(200)
    }
  })

  it('applies a narrowed list at once in this isolate', async () => {
    const gate = gateEnv()
    const token = await createToken()
    const request = () =>
      gate.fetch('/api/articles', { headers: from('198.51.100.1', token.accessKey) })
    expect((await request()).status).toBe(200)
    await admin('PUT', `/admin/api-tokens/${token.id}`, { allowedIps: ['192.0.2.0/24'] })
    expect((await request()).status).toBe(403)
  })
})

// An independent model: an address and a range as bit strings, compared prefix-wise.
const v4 = fc.tuple(...Array.from({ length: 4 }, () => fc.nat(255)))
const v6 = fc.tuple(...Array.from({ length: 8 }, () => fc.nat(0xffff)))
const bitsOf = (parts: number[], width: number) =>
  parts.map((part) => part.toString(2).padStart(width, '0')).join('')
const partsOf = (bits: string, width: number) =>
  (bits.match(new RegExp(`.{${width}}`, 'g')) ?? []).map((part) => parseInt(part, 2))
const textOf = (bits: string) =>
  bits.length === 32
    ? partsOf(bits, 8).join('.')
    : partsOf(bits, 16)
        .map((part) => part.toString(16))
        .join(':')

describe('property: an allow-list passes exactly the addresses inside its ranges', () => {
  it('for random IPv4 and IPv6 addresses and ranges', () => {
    const address = fc.oneof(
      v4.map((parts) => bitsOf(parts, 8)),
      // Not IPv4-mapped: those are IPv4 addresses, in entries and clients alike.
      v6.filter((parts) => parts[5] !== 0xffff).map((parts) => bitsOf(parts, 16)),
    )
    const range = address.chain((bits) =>
      fc.nat(bits.length).map((prefix) => ({
        network: bits.slice(0, prefix).padEnd(bits.length, '0'),
        prefix,
      })),
    )
    fc.assert(
      fc.property(fc.array(range, { maxLength: 4 }), address, (ranges, client) => {
        const entries = ranges.map((r) => `${textOf(r.network)}/${r.prefix}`)
        const inside = ranges.some(
          (r) =>
            r.network.length === client.length &&
            r.network.slice(0, r.prefix) === client.slice(0, r.prefix),
        )
        expect(isAllowedIp(textOf(client), entries)).toBe(entries.length === 0 || inside)
        // What the API stores means the same ranges.
        const stored = entries.map((entry) => {
          const read = readIpEntry(entry)
          if (!('canonical' in read)) throw new Error(`${entry} refused`)
          return read.canonical
        })
        expect(isAllowedIp(textOf(client), stored)).toBe(entries.length === 0 || inside)
      }),
      fuzzParameters(),
    )
  })

  it('stores every entry it accepts in a spelling that reads back the same', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\d.:a-f/]{1,24}$/)), (entry) => {
        const read = readIpEntry(entry)
        if (!('canonical' in read)) return
        expect(readIpEntry(read.canonical)).toEqual(read)
      }),
      fuzzParameters(),
    )
  })
})

describe('allowedIps in /auth/verify', () => {
  const verify = (body: object) =>
    call('/auth/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '192.0.2.200' },
      body: JSON.stringify(body),
    })

  it('judges the client address the caller passes as ip, as the gate would', async () => {
    const token = await createToken({ allowedIps: ['203.0.113.0/24'] })
    const inside = await verify({ key: token.accessKey, ip: '203.0.113.9' })
    expect(await inside.json()).toMatchObject({ valid: true, code: 'VALID' })
    const outside = await verify({ key: token.accessKey, ip: '198.51.100.1' })
    expect(await outside.json()).toMatchObject({
      valid: false,
      code: 'FORBIDDEN',
      reason: 'ip',
      token: { id: token.id },
    })
    // Without ip there is no client address to judge: a restricted token fails closed
    // (SPEC §10; the caller's own address is not the client's).
    expect(await (await verify({ key: token.accessKey })).json()).toMatchObject({
      valid: false,
      code: 'FORBIDDEN',
      reason: 'ip',
    })
  })
})
