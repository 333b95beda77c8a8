import { Task, TaskStatus, initialState } from '@lit/task'
import type { ReactiveControllerHost } from 'lit'
import { USAGE_DAYS } from '../../contract/api-tokens'
import { isAbort, type TollgateClient } from '../../client'
import { errorObjectOf } from '../internal/api-errors'
import type { TokenUsage } from '../types'
import type { SessionController } from './session'

/** The token whose usage is wanted, and the visit of the view that shows it. */
export interface UsageSubject {
  id: number
  visit: number
}

/**
 * The opened token's requests per day (`GET /admin/api-tokens/:id/usage`), loaded with
 * `@lit/task` each time an edit or view opens (a new visit), for `<api-token-usage>`.
 * A newer load aborts the older one's request, and a load answered for another token
 * is never shown: `usage` is only the current load's result.
 *
 * @example
 * private readonly usage = new UsageController(this, this.session, () => openedToken)
 * html`<api-token-usage .usage=${this.usage.usage} .loading=${this.usage.loading}>`
 */
export class UsageController {
  private readonly task: Task<
    readonly [TollgateClient, number | undefined, number | undefined],
    TokenUsage
  >

  constructor(
    host: ReactiveControllerHost,
    session: SessionController,
    subject: () => UsageSubject | undefined,
    /** The window, in days. */
    readonly days: number = USAGE_DAYS.default,
  ) {
    this.task = new Task(host, {
      task: async ([client, id], { signal }) => {
        if (id === undefined) return initialState
        try {
          return await client.tokens.usage(id, { days: this.days }, { signal })
        } catch (error) {
          if (!isAbort(error)) session.report(error, () => this.task.run(), this.task)
          throw error
        }
      },
      args: () => {
        const shown = subject()
        return [session.client, shown?.id, shown?.visit] as const
      },
    })
  }

  /** The loaded usage, or `null` while none is loaded for the current token. */
  get usage(): TokenUsage | null {
    return this.task.status === TaskStatus.COMPLETE ? (this.task.value ?? null) : null
  }

  get loading(): boolean {
    return this.task.status === TaskStatus.PENDING
  }

  /** The message of the last load's failure, or `''`. */
  get error(): string {
    return this.task.status === TaskStatus.ERROR ? errorObjectOf(this.task.error).message : ''
  }
}
