// The geometry of the usage chart: one stacked bar per day, passed at the bottom and
// refused on top, heights proportional to the counts. Pure, so it is tested alone.
import type { UsageDay } from '../types'

/** One day's bar in a chart of the given height: the two stacked segments. */
export interface UsageBar extends UsageDay {
  /** Left edge, in chart units. */
  x: number
  /** Top of the passed segment (it reaches down to the baseline). */
  passedY: number
  passedHeight: number
  /** Top of the refused segment (it sits on the passed one). */
  refusedY: number
  refusedHeight: number
}

/** The chart's bars and its scale: the tallest day (passed + refused) fills `height`. */
export interface UsageBars {
  bars: UsageBar[]
  /** The largest daily total, the top of the scale (0 when there was no request). */
  max: number
  /** Each bar's width, gap included. */
  step: number
}

/**
 * Lays out `days` as bars `step` units wide (`gap` of them left empty) in a chart
 * `height` units tall. A day without requests gets two zero-height segments, so there
 * is still one bar per day.
 *
 * @example
 * usageBars([{ date: '2026-11-01', requests: 3, refused: 1 }], { height: 100 })
 * // → { max: 4, bars: [{ …, passedHeight: 75, refusedHeight: 25 }] }
 */
export function usageBars(
  days: readonly UsageDay[],
  { height, step = 10, gap = 2 }: { height: number; step?: number; gap?: number },
): UsageBars {
  const max = Math.max(0, ...days.map((day) => day.requests + day.refused))
  const scale = max === 0 ? 0 : height / max
  const bars = days.map((day, index) => {
    const passedHeight = day.requests * scale
    const refusedHeight = day.refused * scale
    return {
      ...day,
      x: index * step + gap / 2,
      passedY: height - passedHeight,
      passedHeight,
      refusedY: height - passedHeight - refusedHeight,
      refusedHeight,
    }
  })
  return { bars, max, step }
}
