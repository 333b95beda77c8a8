import { Task, TaskStatus, initialState } from '@lit/task'
import type { ReactiveControllerHost } from 'lit'
import { isAbort } from '../../client'
import { errorObjectOf } from '../internal/api-errors'
import type { SortDirection, SortField, Token, TokenType } from '../types'
import type { SessionController } from './session'

/** What the table asks for: a sort, a search, a page, filters by status and type, and (operators) by owner. */
export interface ListQuery {
  sort: SortField
  direction: SortDirection
  q: string
  page: number
  /** `?owner=`: that owner's tokens, `''` = tokens without owner; absent = all (SPEC §8). */
  owner?: string | undefined
  /** `?enabled=`: only enabled (`true`) or disabled (`false`) tokens; absent = both. */
  enabled?: boolean | undefined
  /** `?type=`: only tokens of this type; absent = every type. */
  type?: TokenType | undefined
}

export const PAGE_SIZE = 25

/**
 * The page of tokens the table shows, loaded with `@lit/task`: asked again whenever the
 * query changes or the list view is opened (`shown()` returns a new visit number), and
 * never while another view is shown or the admin may not read. A newer load aborts the
 * older one's request.
 *
 * @example
 * private readonly list = new TokenListController(this, this.session, () => visitOfTheList)
 * html`<api-token-table .tokens=${this.list.tokens} .loading=${this.list.loading}>`
 */
export class TokenListController {
  query: ListQuery = { sort: 'name', direction: 'asc', q: '', page: 1 }

  private readonly task: Task<
    readonly [unknown, boolean, ListQuery, number | undefined],
    { tokens: Token[]; total: number }
  >

  constructor(
    private readonly host: ReactiveControllerHost,
    session: SessionController,
    shown: () => number | undefined,
  ) {
    this.task = new Task(host, {
      task: async ([, canRead, query, visit], { signal }) => {
        if (!canRead || visit === undefined) return initialState
        try {
          const { sort, direction, q, ...filters } = query
          const { data, meta } = await session.client.tokens.list(
            { ...filters, sort: `${sort}:${direction}`, q: q || undefined, pageSize: PAGE_SIZE },
            { signal },
          )
          return { tokens: data, total: meta.pagination.total }
        } catch (error) {
          if (!isAbort(error)) session.report(error, () => this.task.run(), this.task)
          throw error
        }
      },
      args: () => [session.client, session.can('read'), this.query, shown()] as const,
    })
  }

  get tokens(): Token[] {
    return this.task.value?.tokens ?? []
  }

  get total(): number {
    return this.task.value?.total ?? 0
  }

  get loading(): boolean {
    return this.task.status === TaskStatus.PENDING
  }

  /** The message of the last load's failure, or `''`. */
  get error(): string {
    return this.task.status === TaskStatus.ERROR ? errorObjectOf(this.task.error).message : ''
  }

  /** Asks for other rows (a new sort, search, filter or page); the same query again reloads it (Retry). */
  setQuery(query: ListQuery): void {
    this.query = query
    this.host.requestUpdate()
  }

  /** Loads the current page again (after a delete). */
  reload(): void {
    void this.task.run()
  }
}
