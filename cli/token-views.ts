// A token as people read it in the terminal: one row of the list, or every field.
import type { Token } from '../contract/api-tokens'
import { dateOf, keyValues, table } from './output'

/** `active`, `expired` or `disabled`. */
export function statusOf(token: Token, now = Date.now()): string {
  if (!token.enabled) return 'disabled'
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) return 'expired'
  return 'active'
}

/** The tokens as a table: id, name, type, status, expiry, last use, key hint. */
export function tokenTable(tokens: Token[]): string {
  if (tokens.length === 0) return 'No tokens.'
  return table(
    ['ID', 'NAME', 'TYPE', 'STATUS', 'EXPIRES', 'LAST USED', 'KEY'],
    tokens.map((token) => [
      String(token.id),
      token.name,
      token.type,
      statusOf(token),
      dateOf(token.expiresAt, 'never'),
      dateOf(token.lastUsedAt, 'never'),
      token.keyHint,
    ]),
  )
}

/** Every field of a token, one a line. */
export function tokenDetails(token: Token): string {
  const entries: [string, string][] = [
    ['ID', String(token.id)],
    ['Name', token.name],
    ['Description', token.description || '—'],
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
  return keyValues(entries)
}
