// A token as people read it in the terminal: one row of the list, or every field.
import type { Credits, Token } from '../contract/api-tokens'
import { dateOf, keyValues, table } from './output'

/** `active`, `expired` or `disabled`. */
export function statusOf(token: Token, now = Date.now()): string {
  if (!token.enabled) return 'disabled'
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) return 'expired'
  return 'active'
}

/** Text on one line: a name or description's line breaks and tabs as spaces. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ')

/**
 * The tokens as a table: id, name, type, status, expiry, last use, key hint — the owner
 * when any token has one (an operator's list), the credits left when any is metered (the
 * balance last written back; `tokens show` reads the live one).
 */
export function tokenTable(tokens: Token[]): string {
  if (tokens.length === 0) return 'No tokens.'
  const owners = tokens.some((token) => token.owner !== null)
  const metered = tokens.some((token) => token.credits !== null)
  return table(
    [
      'ID',
      'NAME',
      'TYPE',
      'STATUS',
      'EXPIRES',
      'LAST USED',
      ...(owners ? ['OWNER'] : []),
      ...(metered ? ['CREDITS'] : []),
      'KEY',
    ],
    tokens.map((token) => [
      String(token.id),
      oneLine(token.name),
      token.type,
      statusOf(token),
      dateOf(token.expiresAt, 'never'),
      dateOf(token.lastUsedAt, 'never'),
      ...(owners ? [token.owner ?? '—'] : []),
      ...(metered ? [token.credits ? String(token.credits.remaining) : '—'] : []),
      token.keyHint,
    ]),
  )
}

/** Every field of a token, one a line. */
export function tokenDetails(token: Token): string {
  const entries: [string, string][] = [
    ['ID', String(token.id)],
    ['Name', oneLine(token.name)],
    ['Description', oneLine(token.description) || '—'],
    ['Type', token.type],
    ['Status', statusOf(token)],
    ['Expires', dateOf(token.expiresAt, 'never')],
    ['Last used', dateOf(token.lastUsedAt, 'never')],
    ['Created', dateOf(token.createdAt)],
    ['Key', token.keyHint],
  ]
  if (token.previousKey) {
    entries.push([
      'Previous key',
      `${token.previousKey.keyHint} until ${dateOf(token.previousKey.expiresAt)}`,
    ])
  }
  if (token.type === 'custom') entries.push(['Permissions', token.permissions.join(', ') || '—'])
  entries.push(['Allowed IPs', token.allowedIps.join(', ') || 'any'])
  entries.push(['Rate limit', token.rateLimit ?? 'none'])
  if (token.owner !== null) entries.push(['Owner', token.owner])
  if (token.credits) entries.push(['Credits', creditsText(token.credits)])
  if (Object.keys(token.meta).length) entries.push(['Meta', JSON.stringify(token.meta)])
  return keyValues(entries)
}

/** A metered token's balance and refill: `42 left, 100 each day`. */
function creditsText({ remaining, refill }: Credits): string {
  const left = `${remaining} left`
  return refill ? `${left}, ${refill.amount} each ${refill.interval}` : left
}
