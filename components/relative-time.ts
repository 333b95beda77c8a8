const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
]

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
const exact = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' })

/** "3 days ago", "in 6 days", "now": the largest unit that fits. */
export function relativeTime(iso: string, now = Date.now()): string {
  const diff = Date.parse(iso) - now
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit)
  }
  return 'just now'
}

/** The exact date shown on hover. */
export function exactTime(iso: string): string {
  return exact.format(new Date(iso))
}

/** "Expires in 6 days", "Expired", "Unlimited". */
export function expiryStatus(expiresAt: string | null, now = Date.now()): string {
  if (expiresAt === null) return 'Unlimited'
  const left = Date.parse(expiresAt) - now
  if (left <= 0) return 'Expired'
  const days = Math.round(left / 86_400_000)
  if (days >= 1) return `Expires in ${days} ${days === 1 ? 'day' : 'days'}`
  const hours = Math.max(1, Math.round(left / 3_600_000))
  return `Expires in ${hours} ${hours === 1 ? 'hour' : 'hours'}`
}
