/**
 * The form's check of one Allowed IP entry, by the same rules as the worker's
 * `readIpEntry` (worker/tokens/ip-allow-list.ts, SPEC §9) but without ipaddr.js, so the
 * edit view's chunk stays small: an IPv4 or IPv6 address or CIDR range in strict notation
 * (dotted-quad IPv4 without leading zeros, IPv6 without a zone, a prefix within the
 * family's bits) with no bits set past the prefix. test/worker/ip-entry-parity.test.ts
 * holds it to the worker's answers.
 */

/** Why an entry is refused (with the network it was likely meant as), or `ok`. */
export type IpEntryCheck =
  { ok: true } | { problem: 'unreadable' } | { problem: 'host-bits'; network: string }

const OCTET = /^(0|[1-9]\d{0,2})$/
const HEXTET = /^[0-9a-f]{1,4}$/i
const PREFIX = /^(0|[1-9]\d{0,2})$/

/** A dotted-quad IPv4 address as 4 bytes, or `undefined`. */
function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((part) => OCTET.test(part))) return undefined
  const bytes = parts.map(Number)
  return bytes.every((byte) => byte <= 255) ? bytes : undefined
}

/** An IPv6 address (no zone; an embedded IPv4 part dotted-quad) as 16 bytes, or `undefined`. */
function ipv6Bytes(text: string): number[] | undefined {
  let hexText = text
  if (text.includes('.')) {
    // The embedded IPv4 part, spelled as the two groups it stands for.
    const cut = text.lastIndexOf(':')
    const v4 = cut < 0 ? undefined : ipv4Bytes(text.slice(cut + 1))
    if (!v4) return undefined
    const word = (high: number, low: number) => ((high << 8) | low).toString(16)
    hexText = `${text.slice(0, cut + 1)}${word(v4[0]!, v4[1]!)}:${word(v4[2]!, v4[3]!)}`
  }
  const halves = hexText.split('::')
  if (halves.length > 2) return undefined
  const groups = (half: string) => (half === '' ? [] : half.split(':'))
  const left = groups(halves[0]!)
  const right = halves.length === 2 ? groups(halves[1]!) : []
  if (![...left, ...right].every((group) => HEXTET.test(group))) return undefined
  const missing = 8 - left.length - right.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const words = [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16))
  return words.flatMap((word) => [word >> 8, word & 0xff])
}

/** IPv6 bytes as RFC 5952 text (lower case, longest run of two or more zero groups as ::). */
function ipv6Text(bytes: number[]): string {
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!)
  let best = { at: -1, length: 1 }
  for (let at = 0; at < 8; at += 1) {
    let length = 0
    while (at + length < 8 && words[at + length] === 0) length += 1
    if (length > best.length) best = { at, length }
  }
  const hex = (list: number[]) => list.map((word) => word.toString(16)).join(':')
  if (best.at < 0) return hex(words)
  return `${hex(words.slice(0, best.at))}::${hex(words.slice(best.at + best.length))}`
}

/**
 * Checks one entry as the worker reads it.
 *
 * @example
 * checkIpEntry('10.0.0.5/24') // { problem: 'host-bits', network: '10.0.0.0/24' }
 * checkIpEntry('10.0.0.300')  // { problem: 'unreadable' }
 */
export function checkIpEntry(entry: string): IpEntryCheck {
  const [text = '', prefix, extra] = entry.trim().split('/')
  if (extra !== undefined || text.includes('%')) return { problem: 'unreadable' }
  let bytes = ipv4Bytes(text) ?? ipv6Bytes(text)
  if (!bytes) return { problem: 'unreadable' }
  let full = bytes.length * 8
  let offset = 0
  // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 address, as the gate reads it.
  if (
    bytes.length === 16 &&
    bytes.slice(0, 10).every((b) => b === 0) &&
    bytes[10] === 255 &&
    bytes[11] === 255
  ) {
    bytes = bytes.slice(12)
    full = 32
    offset = 96
  }
  let bits = full
  if (prefix !== undefined) {
    if (!PREFIX.test(prefix)) return { problem: 'unreadable' }
    bits = Number(prefix) - offset
    if (bits < 0 || bits > full) return { problem: 'unreadable' }
  }
  const network = bytes.map(
    (byte, i) => byte & (0xff << Math.max(0, Math.min(8, 8 * (i + 1) - bits))) & 0xff,
  )
  if (network.every((byte, i) => byte === bytes[i])) return { ok: true }
  const address = network.length === 4 ? network.join('.') : ipv6Text(network)
  return { problem: 'host-bits', network: bits === full ? address : `${address}/${bits}` }
}
