import { expect } from '@open-wc/testing'
import {
  EXPIRY_WARNING_MS,
  exactTime,
  expiryStatus,
  expiryTone,
  relativeTime,
} from '../../components/internal/relative-time'

const NOW = Date.UTC(2026, 2, 3, 12, 0, 0)
const DAY = 86_400_000
const at = (offset: number) => new Date(NOW + offset).toISOString()

describe('relative-time', () => {
  it('says how long ago in the largest unit that fits, in the given language', () => {
    expect(relativeTime(at(-3 * DAY), NOW)).to.equal('3 days ago')
    expect(relativeTime(at(-2 * 3_600_000), NOW)).to.equal('2 hours ago')
    expect(relativeTime(at(-DAY), NOW)).to.equal('yesterday')
    expect(relativeTime(at(-10_000), NOW)).to.equal('now')
    expect(relativeTime(at(-3 * DAY), NOW, 'fr')).to.equal('il y a 3 jours')
    expect(relativeTime(at(-3 * DAY), NOW, 'es')).to.equal('hace 3 días')
  })

  it('falls back to English for a language Intl does not know', () => {
    expect(relativeTime(at(-3 * DAY), NOW, 'not a language')).to.equal('3 days ago')
    expect(exactTime(at(0), 'not a language')).to.equal(exactTime(at(0), 'en'))
  })

  it('gives the exact date through Intl in the given language', () => {
    const options = { dateStyle: 'long', timeStyle: 'short' } as const
    expect(exactTime(at(0))).to.equal(new Intl.DateTimeFormat('en', options).format(NOW))
    expect(exactTime(at(0), 'de')).to.equal(new Intl.DateTimeFormat('de', options).format(NOW))
    expect(exactTime(at(0), 'de')).to.contain('März 2026')
  })

  it('says Unlimited, Expires in N days or hours, and Expired', () => {
    expect(expiryStatus(null, NOW)).to.equal('Unlimited')
    expect(expiryStatus(at(6 * DAY + 3_600_000), NOW)).to.equal('Expires in 6 days')
    expect(expiryStatus(at(DAY), NOW)).to.equal('Expires in 1 day')
    expect(expiryStatus(at(5 * 3_600_000), NOW)).to.equal('Expires in 5 hours')
    expect(expiryStatus(at(60_000), NOW)).to.equal('Expires in 1 hour')
    expect(expiryStatus(at(0), NOW)).to.equal('Expired')
    expect(expiryStatus(at(-DAY), NOW)).to.equal('Expired')
  })

  it('colours expiry: danger once expired, warning within 7 days, neutral otherwise', () => {
    expect(expiryTone(null, NOW)).to.equal('neutral')
    expect(expiryTone(at(-1), NOW)).to.equal('danger')
    expect(expiryTone(at(0), NOW)).to.equal('danger')
    expect(expiryTone(at(1), NOW)).to.equal('warning')
    expect(expiryTone(at(EXPIRY_WARNING_MS), NOW)).to.equal('warning')
    expect(expiryTone(at(EXPIRY_WARNING_MS + 1), NOW)).to.equal('neutral')
    expect(expiryTone(at(30 * DAY), NOW)).to.equal('neutral')
  })
})
