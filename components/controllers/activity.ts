import { Task, TaskStatus, initialState } from '@lit/task'
import type { ReactiveControllerHost } from 'lit'
import { isAbort, type TollgateClient } from '../../client'
import { errorObjectOf } from '../internal/api-errors'
import type { TokenEvent } from '../types'

/** A page of a token's audit events, newest first. */
interface EventPage {
  events: TokenEvent[]
  page: number
  pageCount: number
  total: number
}
import type { SessionController } from './session'
import type { UsageSubject } from './usage'

/** Events per page of the Activity list. */
export const ACTIVITY_PAGE_SIZE = 10

/**
 * The opened token's audit events (`GET /admin/api-tokens/:id/events`), a page at a time,
 * loaded with `@lit/task` like {@link UsageController}: a new visit starts at page 1,
 * `goTo` asks for another page, and `reload()` asks again after a change made in the view
 * (save, regenerate). A newer load aborts the older one's request, and a load answered
 * for another token or page is never shown.
 *
 * @example
 * private readonly activity = new ActivityController(this, this.session, () => openedToken)
 * html`<api-token-activity .events=${this.activity.events} .page=${this.activity.page}>`
 */
export class ActivityController {
  private readonly host: ReactiveControllerHost
  private readonly task: Task<
    readonly [TollgateClient, number | undefined, number | undefined, number, number],
    EventPage & { visit: number | undefined }
  >
  private wanted = 1
  private revision = 0
  private visit: number | undefined

  constructor(
    host: ReactiveControllerHost,
    session: SessionController,
    subject: () => UsageSubject | undefined,
    readonly pageSize: number = ACTIVITY_PAGE_SIZE,
  ) {
    this.host = host
    this.task = new Task(host, {
      task: async ([client, id, visit, page], { signal }) => {
        if (id === undefined) return initialState
        try {
          const query = { page, pageSize: this.pageSize }
          const { data, meta } = await client.tokens.events(id, query, { signal })
          return { events: data, ...meta.pagination, visit }
        } catch (error) {
          if (!isAbort(error)) session.report(error, () => this.task.run(), this.task)
          throw error
        }
      },
      args: () => {
        const shown = subject()
        // Each visit starts on the first page.
        if (shown?.visit !== this.visit) {
          this.visit = shown?.visit
          this.wanted = 1
        }
        return [session.client, shown?.id, shown?.visit, this.wanted, this.revision] as const
      },
    })
  }

  /** Asks for another page. */
  goTo(page: number): void {
    this.wanted = Math.max(1, page)
    this.host.requestUpdate()
  }

  /** Loads the current page again (after a change made in the view). */
  reload(): void {
    this.revision += 1
    this.host.requestUpdate()
  }

  /**
   * The last page loaded in this visit — kept on screen while the next one loads, so
   * paging and reloading do not flash the list away — or `null`.
   */
  private get loaded(): EventPage | null {
    const { value, status } = this.task
    if (status === TaskStatus.ERROR || !value || value.visit !== this.visit) return null
    return value
  }

  get events(): TokenEvent[] {
    return this.loaded?.events ?? []
  }

  get page(): number {
    return this.loaded?.page ?? this.wanted
  }

  get pageCount(): number {
    return this.loaded?.pageCount ?? 1
  }

  get loading(): boolean {
    return this.task.status === TaskStatus.PENDING
  }

  /** The message of the last load's failure, or `''`. */
  get error(): string {
    return this.task.status === TaskStatus.ERROR ? errorObjectOf(this.task.error).message : ''
  }
}
