import { Task, TaskStatus, initialState } from '@lit/task'
import type { ReactiveControllerHost } from 'lit'
import type { TollgateClient } from '../../client'
import type { SectionView } from '../api-token-settings/section-state'
import type { PermissionCatalog, RateLimitTier, RouteCatalog, Token, TokenEvent } from '../types'
import type { SessionController } from './session'

interface Tiers {
  client: TollgateClient
  tiers: RateLimitTier[]
}

interface Catalog {
  client: TollgateClient
  permissions: PermissionCatalog
  routes: RouteCatalog
}

/**
 * What the create/edit/view forms load, with `@lit/task`: the action catalog for the
 * picker and the rate-limit tiers for the Rate limit field (each once per worker, when a
 * form first opens) and, for an opened token, the token itself afresh. The fresh token
 * is handed to `loaded` with the visit it was asked for, so the section can drop it when
 * that view is gone.
 */
export class FormDataController {
  private readonly catalog: Task<readonly [TollgateClient, boolean], Catalog>
  private readonly tierList: Task<readonly [TollgateClient, boolean], Tiers>
  private readonly leakReport: Task<readonly [TollgateClient, number | undefined], TokenEvent>

  constructor(
    host: ReactiveControllerHost,
    session: SessionController,
    view: () => SectionView,
    loaded: (visit: number, token: Token) => void,
    /** A load failed; `retry` runs it again (`key`: the same for the same load). */
    failed: (error: unknown, retry: () => unknown, key: unknown) => void,
  ) {
    this.catalog = new Task(host, {
      task: async ([client, wanted], { signal }) => {
        if (!wanted) return initialState
        if (this.catalog.value?.client === client) return this.catalog.value
        const [permissions, routes] = await Promise.all([
          client.permissions({ signal }),
          client.routes({ signal }),
        ])
        return { client, permissions, routes }
      },
      args: () => [session.client, view().kind !== 'list'] as const,
      onError: (error) => failed(error, () => this.catalog.run(), this.catalog),
    })
    this.tierList = new Task(host, {
      task: async ([client, wanted], { signal }) => {
        if (!wanted) return initialState
        if (this.tierList.value?.client === client) return this.tierList.value
        return { client, tiers: await client.rateLimitTiers({ signal }) }
      },
      args: () => [session.client, view().kind !== 'list'] as const,
      onError: (error) => failed(error, () => this.tierList.run(), this.tierList),
    })
    // A token disabled as leaked: the report that did it (SPEC §12), newest first.
    this.leakReport = new Task(host, {
      task: async ([client, id], { signal }) => {
        if (id === undefined) return initialState
        const query = { action: 'leaked', tokenId: id, pageSize: 1 } as const
        const [report] = (await client.tokens.events(undefined, query, { signal })).data
        return report ?? initialState
      },
      args: () => {
        const shown = view()
        const leaked =
          shown.kind !== 'list' &&
          shown.kind !== 'create' &&
          shown.token.disabledReason === 'leaked'
        return [session.client, leaked ? shown.token.id : undefined] as const
      },
    })
    const fresh: Task<readonly [TollgateClient, number, number | undefined], Token> = new Task(
      host,
      {
        task: async ([client, visit, id], { signal }) => {
          if (id === undefined) return initialState
          const token = await client.tokens.get(id, { signal })
          loaded(visit, token)
          return token
        },
        args: () => {
          const shown = view()
          const id = shown.kind === 'edit' || shown.kind === 'view' ? shown.token.id : undefined
          return [session.client, shown.visit, id] as const
        },
        onError: (error) => failed(error, () => fresh.run(), fresh),
      },
    )
  }

  /** The permission catalog, `{}` until it is loaded. */
  get permissions(): PermissionCatalog {
    return this.catalog.value?.permissions ?? {}
  }

  /** The routes bound to actions, `{}` until they are loaded. */
  get routes(): RouteCatalog {
    return this.catalog.value?.routes ?? {}
  }

  /** Whether the catalog or the tiers are still on their way (the form says so meanwhile). */
  get loading(): boolean {
    return [this.catalog, this.tierList].some((task) => task.status === TaskStatus.PENDING)
  }

  /** The `leaked` event of a token disabled as leaked, once loaded. */
  get leak(): TokenEvent | undefined {
    return this.leakReport.value
  }

  /** The rate-limit tiers, `[]` until they are loaded (or when the worker declares none). */
  get tiers(): RateLimitTier[] {
    return this.tierList.value?.tiers ?? []
  }
}
