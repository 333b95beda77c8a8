// A day as the admin reads it ("3 March 2027"), for the texts of the lazily loaded views:
// not in relative-time.ts, which the list view loads, so it costs the list nothing.

const formats = new Map<string, Intl.DateTimeFormat>()

/**
 * The day of `when` in `locale`'s long date style, one `Intl.DateTimeFormat` per locale.
 *
 * @example
 * longDate('2027-03-03T12:00:00Z', 'en-GB') // '3 March 2027'
 */
export function longDate(when: string | number | Date, locale: string): string {
  let format = formats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long' })
    formats.set(locale, format)
  }
  return format.format(new Date(when))
}
