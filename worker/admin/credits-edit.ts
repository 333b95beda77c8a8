import type { Credits } from '../../contract/api-tokens'
import { validationError } from '../http/api-error'
import type { CreditsConfig } from '../credits/credit-rules'

/** What an edit sends as `credits` (SPEC §13): any of the two, or `null` to stop metering. */
export type CreditsEdit = { remaining?: number; refill?: Credits['refill'] } | null

/**
 * The credits an edit gives a token whose live credits are `live` (`null`: unmetered):
 * as D1 will store them (`stored`, configured at `now`) and as the token will show them.
 * What the edit leaves out stays the token's own; without `remaining` the Durable Object
 * keeps the balance it holds (`keepBalance`), so nothing spent meanwhile comes back. An
 * unmetered token needs a `remaining` to be metered.
 */
export function creditsOfEdit(
  live: Credits | null,
  edit: CreditsEdit,
  now: number,
): { stored: CreditsConfig | null; shown: Credits | null } {
  if (edit === null) return { stored: null, shown: null }
  const remaining = edit.remaining ?? live?.remaining
  if (remaining === undefined) {
    const message = 'credits.remaining is a required field for a token without credits'
    throw validationError([
      { path: ['credits', 'remaining'], name: 'ValidationError', message, code: 'required' },
    ])
  }
  const shown = {
    remaining,
    refill: edit.refill === undefined ? (live?.refill ?? null) : edit.refill,
  }
  const keepBalance = edit.remaining === undefined ? { keepBalance: true as const } : {}
  return { stored: { ...shown, configuredAt: now, ...keepBalance }, shown }
}
