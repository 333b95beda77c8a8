import ipaddr from 'ipaddr.js'

type Address = ipaddr.IPv4 | ipaddr.IPv6
type Range = [Address, number]

const PREFIX = /^(0|[1-9]\d{0,2})$/

/** One address in its strict textual form: dotted-quad IPv4 or IPv6 without a zone. */
function parseAddress(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text)
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text)
  return undefined
}

/**
 * Reads one `allowedIps` entry (SPEC §9): an IPv4 or IPv6 address, or a CIDR range, in
 * strict notation (no `0x7f.1`, no zone ids, a prefix within the family's bits).
 * Returns the range, or `undefined` for anything else.
 */
export function parseIpRange(entry: string): Range | undefined {
  const [text = '', prefix, extra] = entry.split('/')
  if (extra !== undefined) return undefined
  const address = parseAddress(text)
  if (!address) return undefined
  const bits = address.kind() === 'ipv4' ? 32 : 128
  if (prefix === undefined) return [address, bits]
  if (!PREFIX.test(prefix) || Number(prefix) > bits) return undefined
  return [address, Number(prefix)]
}

/**
 * An entry written the one way the worker stores it: lower-case, IPv6 compressed,
 * a single address without `/32` or `/128`. `undefined` when it is not an entry.
 *
 * @example
 * canonicalIpEntry(' 2001:DB8:0::1/64 ') // '2001:db8::1/64'
 */
export function canonicalIpEntry(entry: string): string | undefined {
  const range = parseIpRange(entry.trim())
  if (!range) return undefined
  const [address, bits] = range
  const full = address.kind() === 'ipv4' ? 32 : 128
  return bits === full ? address.toString() : `${address.toString()}/${bits}`
}

const compiled = new WeakMap<readonly string[], Range[]>()

/**
 * Whether a client address (`CF-Connecting-IP`) may use a key restricted to `entries`
 * (`[]` = any address). An IPv4-mapped IPv6 client is judged as its IPv4 address; a
 * missing or unreadable address never matches a restriction (the gate fails closed).
 */
export function isAllowedIp(client: string | undefined, entries: readonly string[]): boolean {
  if (entries.length === 0) return true
  if (client === undefined || !ipaddr.isValid(client)) return false
  let ranges = compiled.get(entries)
  if (!ranges) {
    ranges = entries.map(parseIpRange).filter((range) => range !== undefined)
    compiled.set(entries, ranges)
  }
  const address = ipaddr.process(client)
  return ranges.some(
    (range) => range[0].kind() === address.kind() && address.match(range[0], range[1]),
  )
}
