import { Task, TaskStatus, initialState } from '@lit/task'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import {
  createTollgateClient,
  TollgateApiError,
  type AuthTokenSource,
  type TollgateClient,
} from '../../client'
import { errorObjectOf } from '../internal/api-errors'
import { TokenErrorEvent } from '../events'
import type { AdminPermissionsBody } from '../../contract/admin-wire'
import type { AdminAction, ApiErrorObject } from '../types'

/** What the session reads from its element: the host contract of SPEC §5. */
export interface SessionHost extends ReactiveControllerHost, EventTarget {
  apiBase: string | undefined
  authEndpoint: string | undefined
  getAuthToken: AuthTokenSource | undefined
}

/**
 * The signed-in admin's actions, whether it is an operator (SPEC §8: `meta.owner` `null`),
 * and the `meta` of the answer: its grant policy (SPEC §13), absent from an older worker.
 */
export interface AdminPermissions {
  actions: Set<AdminAction>
  operator: boolean
  meta: Partial<AdminPermissionsBody['meta']> | undefined
}

/** The admin actions by their last word: `can('delete')`. */
export type AdminVerb = AdminAction extends `admin::api-tokens.${infer Verb}` ? Verb : never

const MODULE_ORIGIN = new URL(import.meta.url).origin

/**
 * The admin's session with the worker: where the JWT comes from (the host's
 * `getAuthToken`, else its `auth-endpoint`), the API client, the admin's permissions,
 * and whether the session has expired (a 401 that survived the client's one retry).
 *
 * An expired session unmounts nothing: each call that failed with 401 leaves a retry,
 * and when the host gives a new `getAuthToken` (or `auth-endpoint`) whose JWT is not the
 * one refused, the session is live again and every retry runs, once.
 *
 * It stays quiet until the host gives it a way to authenticate: no request is sent while
 * neither `getAuthToken` nor `auth-endpoint` is set. A new `getAuthToken` is used from
 * the next request on without reloading; a new `api-base` starts over.
 *
 * @example
 * private readonly session = new SessionController(this)
 * render() { return this.session.can('create') ? html`<button>…</button>` : nothing }
 */
export class SessionController implements ReactiveController {
  /** Whether a 401 survived the retry: the section shows "Your session has expired". */
  expired = false

  private started: TollgateClient | undefined
  /** What failed with 401, to run again once the host's token recovers; by key, so once each. */
  private readonly retries = new Map<unknown, () => unknown>()
  /** The token source of the last update, and the JWT it gave last (the refused one, when expired). */
  private source: unknown
  private lastJwt: string | null | undefined
  private clientFor: { base: string; client: TollgateClient } | undefined

  /** The admin's permissions, asked once the session is configured. */
  readonly permissions: Task<[TollgateClient, boolean], AdminPermissions>

  constructor(private readonly host: SessionHost) {
    host.addController(this)
    this.permissions = new Task(host, {
      task: async ([client, configured], { signal }) => {
        if (!configured) return initialState
        try {
          const body = await client.me({ signal })
          // A worker from before SPEC §8 answers no `meta`: no operator.
          const meta = body.meta as AdminPermissions['meta']
          return {
            actions: new Set(body.data.map((permission) => permission.action)),
            operator: meta?.owner === null,
            meta,
          }
        } catch (error) {
          this.report(error, () => this.permissions.run(), this.permissions)
          throw error
        }
      },
      args: () => [this.client, this.configured],
    })
  }

  /** The client for the current `api-base` (default: the origin this module came from). */
  get client(): TollgateClient {
    const base = this.host.apiBase || MODULE_ORIGIN
    if (this.clientFor?.base !== base) {
      const client = createTollgateClient({
        baseUrl: base,
        getAuthToken: (signal) => this.jwt(signal),
      })
      this.clientFor = { base, client }
    }
    return this.clientFor.client
  }

  /** Whether the host has said where the JWT comes from. */
  get configured(): boolean {
    return Boolean(this.host.getAuthToken || this.host.authEndpoint)
  }

  /** Whether the admin holds `admin::api-tokens.<verb>` (false until the permissions are known). */
  can(verb: AdminVerb): boolean {
    return (
      this.permissions.status === TaskStatus.COMPLETE &&
      (this.permissions.value?.actions.has(`admin::api-tokens.${verb}`) ?? false)
    )
  }

  /**
   * Whether the admin is an operator (SPEC §8: no `owner` claim), who sees the Owner
   * column, filter and field; false for a scoped admin and until the permissions are known.
   */
  get operator(): boolean {
    return (
      this.permissions.status === TaskStatus.COMPLETE && this.permissions.value?.operator === true
    )
  }

  hostUpdate(): void {
    // A new worker (or the first configuration) is a new session.
    const client = this.configured ? this.client : undefined
    if (client !== this.started) {
      this.started = client
      this.expired = false
      this.retries.clear()
    }
    const source = this.host.getAuthToken ?? this.host.authEndpoint
    if (source !== this.source) {
      this.source = source
      if (this.expired) void this.recover()
    }
  }

  /** A new token source: when its JWT is not the refused one, the session is live again. */
  private async recover(): Promise<void> {
    const refused = this.lastJwt
    const jwt = await this.jwt().catch(() => refused)
    if (!this.expired || jwt === refused) return
    this.expired = false
    const retries = [...this.retries.values()]
    this.retries.clear()
    this.host.requestUpdate()
    for (const retry of retries) void retry()
  }

  /** Asked before every request, so the host can refresh it. */
  private async jwt(signal?: AbortSignal): Promise<string | null | undefined> {
    return (this.lastJwt = await this.askJwt(signal))
  }

  private async askJwt(signal?: AbortSignal): Promise<string | null | undefined> {
    const { getAuthToken, authEndpoint } = this.host
    if (getAuthToken) return getAuthToken(signal)
    if (!authEndpoint) return undefined
    const response = await fetch(authEndpoint, { credentials: 'include', signal })
    if (!response.ok) return undefined
    return ((await response.json()) as { token?: string }).token
  }

  /**
   * Reports a failed call: an `api-token-error` event on the element, and on a 401 the
   * session marked expired with `retry` kept (under `key`: a later 401 of the same call
   * replaces it) to run when the host's token recovers. Returns the error object for the
   * caller to show.
   */
  report(error: unknown, retry?: () => unknown, key: unknown = retry): ApiErrorObject {
    const object = errorObjectOf(error)
    if (error instanceof TollgateApiError && error.status === 401) {
      this.expired = true
      if (retry) this.retries.set(key, retry)
      this.host.requestUpdate()
    }
    this.host.dispatchEvent(new TokenErrorEvent({ error: object }))
    return object
  }
}
