// `tokens usage` as a bar chart in the terminal: one row a day, passed requests in full
// blocks and refused ones in shaded blocks, scaled to the busiest day.
import type { TokenUsage } from '../contract/api-tokens'

/** Eighths of a block, for bars finer than a character. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']

/** A bar of `cells` character cells (fractions drawn in eighths), with `full` as its block. */
function bar(cells: number, full: string): string {
  const eighths = Math.round(cells * 8)
  const whole = full.repeat(Math.floor(eighths / 8))
  return full === '█' ? whole + EIGHTHS[eighths % 8] : whole + (eighths % 8 >= 4 ? full : '')
}

/**
 * The usage as rows `YYYY-MM-DD │█████▒▒  12 passed, 3 refused`, bars scaled so the
 * busiest day fills `width` cells; a day without requests shows an empty bar.
 *
 * @example
 * barChart(usage, 40)
 */
export function barChart({ days, total }: TokenUsage, width: number): string {
  const busiest = Math.max(1, ...days.map((day) => day.requests + day.refused))
  const scale = width / busiest
  const rows = days.map(({ date, requests, refused }) => {
    const bars = bar(requests * scale, '█') + bar(refused * scale, '▒')
    const counts = refused ? `${requests} passed, ${refused} refused` : `${requests}`
    return `${date} │${bars.padEnd(width + 1)} ${counts}`
  })
  const legend = `█ passed  ▒ refused   total: ${total.requests} passed, ${total.refused} refused`
  return [...rows, legend].join('\n')
}
