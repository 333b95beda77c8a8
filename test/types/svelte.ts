// Svelte 5: what markup may set on each element (SvelteHTMLElements), events as
// `onapi-token-created` and as the older `on:api-token-created`.
import type { SvelteHTMLElements } from 'svelte/elements'
import type {} from 'tollgate/elements/svelte'

export const settings: SvelteHTMLElements['api-token-settings'] = {
  class: 'settings',
  'api-base': 'https://gate.example.com',
  apiBase: 'https://gate.example.com',
  'auth-endpoint': '/admin/tollgate-token',
  authEndpoint: '/admin/tollgate-token',
  getAuthToken: () => 'jwt',
  theme: 'dark',
  locale: 'fr',
  strings: { heading: 'Jetons d’API' },
  'onapi-token-created': (e) => e.detail.accessKey,
  'onapi-token-updated': (e) => e.detail.token,
  'onapi-token-deleted': (e) => e.detail.token,
  'onapi-token-regenerated': (e) => e.detail.accessKey,
  'onapi-token-error': (e) => e.detail.error.name,
  'onapi-token-session-expired': (e) => e.type,
  'onapi-token-leave': (e) => e.detail.unsavedEdits,
  'on:api-token-created': (e) => e.detail.token.keyHint,
}

// @ts-expect-error: a theme is light or dark
export const wrongTheme: SvelteHTMLElements['api-token-settings'] = { theme: 'blue' }
// @ts-expect-error: every string is a string
export const wrongStrings: SvelteHTMLElements['api-token-settings'] = { strings: { save: 1 } }
export const wrongDetail: SvelteHTMLElements['api-token-settings'] = {
  // @ts-expect-error: the updated event carries no key
  'on:api-token-updated': (e) => e.detail.accessKey,
}
export const usage: SvelteHTMLElements['api-token-usage'] = { usage: null, days: 7 }
// @ts-expect-error: the usage is a TokenUsage
export const wrongUsage: SvelteHTMLElements['api-token-usage'] = { usage: [] }
