import { DurableObject } from 'cloudflare:workers'
import { isRefillDue, type CreditRefill, type CreditsConfig } from './credit-rules'

/** What a spend answers: whether the credits were taken, and the balance after it. */
export interface SpendResult {
  ok: boolean
  remaining: number
}

interface BalanceRow extends Record<string, SqlStorageValue> {
  remaining: number
  refill_amount: number | null
  refill_interval: string | null
  refilled_at: number
}

/**
 * One metered token's balance (SPEC §13), one instance per token
 * (`idFromName(String(tokenId))`), SQLite-backed. Every method runs to its end without
 * awaiting, so parallel spends from any number of isolates are applied one at a time
 * and never take more than the balance. A refill is applied lazily on each call, from
 * the time of the last one: at 00:00 UTC (`day`) or on the 1st at 00:00 UTC (`month`).
 * The admin API starts the balance when it creates the token (`configure`); should that
 * have failed, it starts from the token's configured credits the first time it is touched.
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
        refilled_at INTEGER NOT NULL
      )`,
    )
  }

  /** The balance with any refill due at `now` applied, started from `config` when new. */
  private current(config: CreditsConfig, now: number): BalanceRow {
    const sql = this.ctx.storage.sql
    let row = sql.exec<BalanceRow>('SELECT * FROM balance WHERE id = 1').toArray()[0]
    if (!row) {
      row = {
        remaining: config.remaining,
        refill_amount: config.refill?.amount ?? null,
        refill_interval: config.refill?.interval ?? null,
        refilled_at: now,
      }
      this.write(row)
    }
    const refill = refillOf(row)
    if (refill && isRefillDue(row.refilled_at, refill, now)) {
      row = { ...row, remaining: refill.amount, refilled_at: now }
      this.write(row)
    }
    return row
  }

  private write(row: BalanceRow): void {
    this.ctx.storage.sql.exec(
      `INSERT OR REPLACE INTO balance (id, remaining, refill_amount, refill_interval, refilled_at)
       VALUES (1, ?, ?, ?, ?)`,
      row.remaining,
      row.refill_amount,
      row.refill_interval,
      row.refilled_at,
    )
  }

  /** Takes `cost` credits if the balance holds them; else takes none. */
  spend(cost: number, config: CreditsConfig, now = Date.now()): SpendResult {
    const row = this.current(config, now)
    if (row.remaining < cost) return { ok: false, remaining: row.remaining }
    const remaining = row.remaining - cost
    this.write({ ...row, remaining })
    return { ok: true, remaining }
  }

  /** The balance, refilled if due, without spending. */
  peek(config: CreditsConfig, now = Date.now()): number {
    return this.current(config, now).remaining
  }

  /**
   * An admin's `{"add": n}` or `{"set": n}` (SPEC §13), keeping the refill rule;
   * answers the balance before and after it, read in the same step.
   */
  change(
    change: { add: number } | { set: number },
    config: CreditsConfig,
    now = Date.now(),
  ): { before: number; remaining: number } {
    const row = this.current(config, now)
    const remaining = 'add' in change ? row.remaining + change.add : change.set
    this.write({ ...row, remaining })
    return { before: row.remaining, remaining }
  }

  /** Replaces balance and refill rule (an admin's create or update); `null` forgets both. */
  configure(config: CreditsConfig | null, now = Date.now()): void {
    if (config === null) {
      this.ctx.storage.sql.exec('DELETE FROM balance')
      return
    }
    this.write({
      remaining: config.remaining,
      refill_amount: config.refill?.amount ?? null,
      refill_interval: config.refill?.interval ?? null,
      refilled_at: now,
    })
  }
}

function refillOf(row: BalanceRow): CreditRefill | null {
  if (row.refill_amount === null) return null
  const interval = row.refill_interval === 'month' ? 'month' : 'day'
  return { amount: row.refill_amount, interval }
}
