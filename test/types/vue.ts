// Vue 3: what a template may bind on each element, as Vue's language tools read it from
// GlobalComponents: properties, attributes and `@api-token-created` (`onApiTokenCreated`).
import type { GlobalComponents } from 'vue'
import type {} from 'tollgate/elements/vue'

type Props<T extends keyof GlobalComponents> = InstanceType<GlobalComponents[T]>['$props']

export const settings: Props<'api-token-settings'> = {
  class: 'settings',
  'api-base': 'https://gate.example.com',
  apiBase: 'https://gate.example.com',
  'auth-endpoint': '/admin/tollgate-token',
  authEndpoint: '/admin/tollgate-token',
  getAuthToken: async () => 'jwt',
  theme: 'light',
  locale: 'es',
  strings: { heading: 'Tokens de API' },
  onApiTokenCreated: (e) => e.detail.accessKey,
  onApiTokenUpdated: (e) => e.detail.token,
  onApiTokenDeleted: (e) => e.detail.token,
  onApiTokenRegenerated: (e) => e.detail.accessKey,
  onApiTokenError: (e) => e.detail.error.status,
  onApiTokenSessionExpired: (e) => e.type,
  onApiTokenLeave: (e) => (e.detail.reason === 'host' ? e.preventDefault() : e.detail.uncopiedKey),
}

// @ts-expect-error: a theme is light or dark
export const wrongTheme: Props<'api-token-settings'> = { theme: 'blue' }
// @ts-expect-error: getAuthToken is a function
export const wrongSource: Props<'api-token-settings'> = { getAuthToken: 'jwt' }
export const wrongDetail: Props<'api-token-settings'> = {
  // @ts-expect-error: the deleted event carries no key
  onApiTokenDeleted: (e) => e.detail.accessKey,
}
export const table: Props<'api-token-table'> = {
  tokens: [],
  pageSize: 25,
  'page-size': 25,
  onApiTokenRowAction: (e) => e.detail.action,
  onApiTokenQueryChange: (e) => e.detail.sort,
}
// @ts-expect-error: a page is a number
export const wrongPage: Props<'api-token-table'> = { page: 'one' }
export const activity: Props<'api-token-activity'> = {
  pageCount: 2,
  onApiTokenActivityPage: (e) => e.detail.page,
}
