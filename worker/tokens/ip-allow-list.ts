import ipaddr from 'ipaddr.js'

type Address = ipaddr.IPv4 | ipaddr.IPv6
type Range = [Address, number]

const PREFIX = /^(0|[1-9]\d{0,2})$/

/**
 * One address in its strict textual form: dotted-quad IPv4, or IPv6 without a zone whose
 * embedded IPv4 part (if any) is dotted-quad too. An IPv4-mapped IPv6 address is read as
 * its IPv4 address, as the gate reads clients.
 */
function parseAddress(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text)
  if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined
  const embedded = text.includes('.') ? text.slice(text.lastIndexOf(':') + 1) : undefined
  if (embedded !== undefined && !ipaddr.IPv4.isValidFourPartDecimal(embedded)) return undefined
  const address = ipaddr.IPv6.parse(text)
  return address.isIPv4MappedAddress() ? address.toIPv4Address() : address
}

/** Why an `allowedIps` entry is refused, or the range it stands for. */
export type IpEntry =
  | { range: Range; canonical: string }
  | { problem: 'unreadable' }
  | { problem: 'host-bits'; network: string }

/**
 * Reads one `allowedIps` entry (SPEC §9): an IPv4 or IPv6 address, or a CIDR range, in
 * strict notation (no `0x7f.1`, no zone ids, a prefix within the family's bits, no bits
 * set past the prefix), and gives its canonical spelling: lower-case, IPv6 compressed,
 * IPv4-mapped IPv6 as IPv4, a single address without `/32` or `/128`.
 *
 * @example
 * readIpEntry(' 2001:DB8:0::/64 ') // { range, canonical: '2001:db8::/64' }
 * readIpEntry('10.0.0.5/24')       // { problem: 'host-bits', network: '10.0.0.0/24' }
 */
export function readIpEntry(entry: string): IpEntry {
  const [text = '', prefix, extra] = entry.trim().split('/')
  const parsed = extra === undefined ? parseAddress(text) : undefined
  if (!parsed) return { problem: 'unreadable' }
  const mapped = parsed.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(text)
  const full = parsed.kind() === 'ipv4' ? 32 : 128
  let bits = full
  if (prefix !== undefined) {
    if (!PREFIX.test(prefix)) return { problem: 'unreadable' }
    // `::ffff:a.b.c.d/120` is the IPv4 range `a.b.c.d/24`.
    bits = Number(prefix) - (mapped ? 96 : 0)
    if (bits < 0 || bits > full) return { problem: 'unreadable' }
  }
  const network = ipaddr.fromByteArray(
    parsed
      .toByteArray()
      .map((byte, i) => byte & (0xff << Math.max(0, Math.min(8, 8 * (i + 1) - bits)))),
  )
  const spelled = (address: Address) =>
    bits === full ? address.toString() : `${address.toString()}/${bits}`
  if (network.toString() !== parsed.toString()) {
    return { problem: 'host-bits', network: spelled(network) }
  }
  return { range: [parsed, bits], canonical: spelled(parsed) }
}

/** A client address (`CF-Connecting-IP`), read as strictly as entries are. */
function readClient(client: string | undefined): Address | undefined {
  return client === undefined ? undefined : parseAddress(client.trim())
}

/**
 * The client address the gate judges (`CF-Connecting-IP`) in its canonical spelling, as
 * the allow-list reads it (an IPv4-mapped address as IPv4), or `undefined` when missing
 * or unreadable: what the origin is told in `X-Forwarded-For` and the assertion's `cip`.
 *
 * @example
 * clientAddress('::ffff:203.0.113.7') // '203.0.113.7'
 */
export function clientAddress(client: string | undefined): string | undefined {
  return readClient(client)?.toString()
}

/**
 * What per-client limits count a client address (`CF-Connecting-IP`) under: an IPv4
 * address itself, an IPv6 address its /64 (one subscriber's or host's allocation, whose
 * 2^64 addresses are free to rotate through), `"unknown"` when missing or unreadable.
 * Keyed by the address alone, an IPv6 client would get a fresh limit per request.
 *
 * @example
 * clientNetwork('2001:db8:1:2::9') // '2001:db8:1:2::/64'
 * clientNetwork('203.0.113.7')     // '203.0.113.7'
 */
export function clientNetwork(client: string | undefined): string {
  const address = readClient(client)
  if (!address) return 'unknown'
  if (address.kind() === 'ipv4') return address.toString()
  const network = address.toByteArray().map((byte, i) => (i < 8 ? byte : 0))
  return `${ipaddr.fromByteArray(network).toString()}/64`
}

const compiled = new WeakMap<readonly string[], Range[]>()

/**
 * Whether a client address (`CF-Connecting-IP`) may use a key restricted to `entries`
 * (`[]` = any address). An IPv4-mapped IPv6 client is judged as its IPv4 address; a
 * missing or unreadable address never matches a restriction (the gate fails closed).
 */
export function isAllowedIp(client: string | undefined, entries: readonly string[]): boolean {
  if (entries.length === 0) return true
  const address = readClient(client)
  if (!address) return false
  let ranges = compiled.get(entries)
  if (!ranges) {
    ranges = entries.flatMap((entry) => {
      const read = readIpEntry(entry)
      return 'range' in read ? [read.range] : []
    })
    compiled.set(entries, ranges)
  }
  return ranges.some(
    ([network, bits]) => network.kind() === address.kind() && address.match(network, bits),
  )
}
