import { DurableObject } from 'cloudflare:workers'
import { MAX_CREDITS, type Credits } from '../../contract/api-tokens'
import { isRefillDue, type CreditRefill, type CreditsConfig } from './credit-rules'

/** What a spend answers: whether the credits were taken, and the balance after it. */
export interface SpendResult {
  ok: boolean
  remaining: number
}

/** What an admin's change answers: the balance before, and the credits after (or a refusal). */
export type ChangeResult =
  { ok: true; before: number; credits: Credits } | { ok: false; before: number }

interface BalanceRow extends Record<string, SqlStorageValue> {
  remaining: number
  refill_amount: number | null
  refill_interval: string | null
  refilled_at: number
  configured_at: number
}

/** A balance started from `config`, as of the time it was configured. */
function rowOf(config: CreditsConfig): BalanceRow {
  return {
    remaining: config.remaining,
    refill_amount: config.refill?.amount ?? null,
    refill_interval: config.refill?.interval ?? null,
    refilled_at: config.configuredAt,
    configured_at: config.configuredAt,
  }
}

/** What a refill-only edit keeps of a balance: what is left, and when it was last refilled. */
function keptOf(row: BalanceRow): Pick<BalanceRow, 'remaining' | 'refilled_at'> {
  return { remaining: row.remaining, refilled_at: row.refilled_at }
}

function refillOf(row: BalanceRow): CreditRefill | null {
  if (row.refill_amount === null) return null
  return { amount: row.refill_amount, interval: row.refill_interval === 'month' ? 'month' : 'day' }
}

/**
 * One metered token's balance (SPEC §13), one instance per token
 * (`idFromName(String(tokenId))`), SQLite-backed. Every method runs to its end without
 * awaiting, so parallel spends from any number of isolates are applied one at a time
 * and never take more than the balance.
 *
 * Each call brings the token's credits as D1 stores them: when they were configured
 * later than the balance held here (the token is new, or an admin edited its credits),
 * the balance starts again from them, as of that time — or, for an edit of the refill
 * alone, keeps what is left under the new refill; an older configuration is ignored. A refill is applied lazily on each call: at 00:00 UTC (`day`) or on the 1st at
 * 00:00 UTC (`month`) after the last one, the balance is set to its amount.
 */
export class TokenCredits extends DurableObject<object> {
  constructor(ctx: DurableObjectState, env: object) {
    super(ctx, env)
    ctx.storage.sql.exec(
      `CREATE TABLE IF NOT EXISTS balance (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        remaining INTEGER NOT NULL,
        refill_amount INTEGER,
        refill_interval TEXT,
        refilled_at INTEGER NOT NULL,
        configured_at INTEGER NOT NULL
      )`,
    )
  }

  /** The balance as of `now`: started from `config` if that is newer, refilled if due. */
  private current(config: CreditsConfig, now: number): BalanceRow {
    const sql = this.ctx.storage.sql
    let row = sql.exec<BalanceRow>('SELECT * FROM balance WHERE id = 1').toArray()[0]
    if (!row) row = this.write(rowOf(config))
    else if (config.configuredAt > row.configured_at) {
      // A newer configuration: a new balance, or the one held under a new refill.
      row = this.write(config.keepBalance ? { ...rowOf(config), ...keptOf(row) } : rowOf(config))
    }
    const refill = refillOf(row)
    if (refill && isRefillDue(row.refilled_at, refill, now)) {
      row = this.write({ ...row, remaining: refill.amount, refilled_at: now })
    }
    return row
  }

  private write(row: BalanceRow): BalanceRow {
    this.ctx.storage.sql.exec(
      `INSERT OR REPLACE INTO balance
        (id, remaining, refill_amount, refill_interval, refilled_at, configured_at)
       VALUES (1, ?, ?, ?, ?, ?)`,
      row.remaining,
      row.refill_amount,
      row.refill_interval,
      row.refilled_at,
      row.configured_at,
    )
    return row
  }

  /** Takes `cost` credits if the balance holds them; at 0, or short of them, takes none. */
  spend(cost: number, config: CreditsConfig, now = Date.now()): SpendResult {
    const row = this.current(config, now)
    if (row.remaining === 0 || row.remaining < cost) return { ok: false, remaining: row.remaining }
    const remaining = this.write({ ...row, remaining: row.remaining - cost }).remaining
    return { ok: true, remaining }
  }

  /** Gives back what a spend took for a request that never reached the origin. */
  refund(cost: number, config: CreditsConfig, now = Date.now()): number {
    const row = this.current(config, now)
    return this.write({ ...row, remaining: Math.min(row.remaining + cost, MAX_CREDITS) }).remaining
  }

  /** The credits as of `now` (refilled if due), without spending. */
  peek(config: CreditsConfig, now = Date.now()): Credits {
    const row = this.current(config, now)
    return { remaining: row.remaining, refill: refillOf(row) }
  }

  /**
   * An admin's `{"add": n}` or `{"set": n}` (SPEC §13), keeping the refill; refused when
   * the balance would pass {@link MAX_CREDITS}.
   */
  change(
    change: { add: number } | { set: number },
    config: CreditsConfig,
    now = Date.now(),
  ): ChangeResult {
    const row = this.current(config, now)
    const remaining = 'add' in change ? row.remaining + change.add : change.set
    if (remaining > MAX_CREDITS) return { ok: false, before: row.remaining }
    this.write({ ...row, remaining })
    return { ok: true, before: row.remaining, credits: { remaining, refill: refillOf(row) } }
  }

  /** Forgets the balance: the token is gone. */
  forget(): void {
    this.ctx.storage.sql.exec('DELETE FROM balance')
  }
}
