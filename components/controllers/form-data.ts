import { Task, initialState } from '@lit/task'
import type { ReactiveControllerHost } from 'lit'
import type { AdminApiClient } from '../api-client'
import type { SectionView } from '../section-state'
import type { PermissionCatalog, RouteCatalog, Token } from '../types'
import type { SessionController } from './session'

interface Catalog {
  client: AdminApiClient
  permissions: PermissionCatalog
  routes: RouteCatalog
}

/**
 * What the create/edit/view forms load, with `@lit/task`: the action catalog for the
 * picker (once per worker, when a form first opens) and, for an opened token, the token
 * itself afresh. The fresh token is handed to `loaded` with the visit it was asked for,
 * so the section can drop it when that view is gone.
 */
export class FormDataController {
  private readonly catalog: Task<readonly [AdminApiClient, boolean], Catalog>

  constructor(
    host: ReactiveControllerHost,
    session: SessionController,
    view: () => SectionView,
    loaded: (visit: number, token: Token) => void,
    failed: (error: unknown) => void,
  ) {
    this.catalog = new Task(host, {
      task: async ([client, wanted], { signal }) => {
        if (!wanted) return initialState
        if (this.catalog.value?.client === client) return this.catalog.value
        return { client, ...(await client.catalog({ signal })) }
      },
      args: () => [session.client, view().kind !== 'list'] as const,
      onError: failed,
    })
    new Task(host, {
      task: async ([client, visit, id], { signal }) => {
        if (id === undefined) return initialState
        const token = await client.getToken(id, { signal })
        loaded(visit, token)
        return token
      },
      args: () => {
        const shown = view()
        const id = shown.kind === 'edit' || shown.kind === 'view' ? shown.token.id : undefined
        return [session.client, shown.visit, id] as const
      },
      onError: failed,
    })
  }

  /** The permission catalog, `{}` until it is loaded. */
  get permissions(): PermissionCatalog {
    return this.catalog.value?.permissions ?? {}
  }

  /** The routes bound to actions, `{}` until they are loaded. */
  get routes(): RouteCatalog {
    return this.catalog.value?.routes ?? {}
  }
}
