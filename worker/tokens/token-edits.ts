import { TOKEN_UPDATE_FIELDS } from '../../contract/admin-wire'
import type { EventChanges, Token, TokenEventAction } from '../../contract/api-tokens'

/** One event to record beside a change. */
export interface NewEvent {
  action: TokenEventAction
  changes?: EventChanges
}

/** The fields an edit may change (the contract's writable fields), as the audit log names them. */
const AUDITED_FIELDS = TOKEN_UPDATE_FIELDS satisfies readonly (keyof Token)[]

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The events of an edit from `before` to `after` (SPEC §7): `enabled` / `disabled` when
 * that switch moved, `updated` with `{field: [before, after]}` for the other fields that
 * changed; none when nothing did.
 */
export function editEvents(
  before: Pick<Token, (typeof AUDITED_FIELDS)[number]>,
  after: Pick<Token, (typeof AUDITED_FIELDS)[number]>,
): NewEvent[] {
  const events: NewEvent[] = []
  if (before.enabled !== after.enabled) {
    events.push({
      action: after.enabled ? 'enabled' : 'disabled',
      changes: { enabled: [before.enabled, after.enabled] },
    })
  }
  const changes: EventChanges = {}
  for (const field of AUDITED_FIELDS) {
    if (field !== 'enabled' && !same(before[field], after[field])) {
      changes[field] = [before[field], after[field]]
    }
  }
  if (Object.keys(changes).length) events.push({ action: 'updated', changes })
  return events
}
