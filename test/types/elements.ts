// tollgate/elements: the classes through HTMLElementTagNameMap, events through
// GlobalEventHandlersEventMap with their detail types.
import { loadTollgateElements, type ApiErrorObject, type Token } from 'tollgate/elements'

const settings = document.createElement('api-token-settings')
settings.apiBase = 'https://gate.example.com'
settings.authEndpoint = '/admin/tollgate-token'
settings.getAuthToken = async () => 'jwt'
settings.theme = 'dark'
settings.locale = 'fr-CA'
settings.strings = { heading: 'Clés d’API' }
// @ts-expect-error: a theme is light or dark
settings.theme = 'blue'
// @ts-expect-error: getAuthToken is a function returning the JWT
settings.getAuthToken = 'jwt'
// @ts-expect-error: every string is a string
settings.strings = { heading: 1 }
// @ts-expect-error: no such string
settings.strings = { title: 'API' }

settings.addEventListener('api-token-created', (event) => {
  const token: Token = event.detail.token
  const key: string = event.detail.accessKey
  return [token, key]
})
settings.addEventListener('api-token-deleted', (event) => {
  // @ts-expect-error: only created and regenerated carry the key
  return event.detail.accessKey
})
settings.addEventListener('api-token-error', (event) => {
  const error: ApiErrorObject = event.detail.error
  return error.status
})

settings.addEventListener('api-token-session-expired', (event) => event.type)
settings.addEventListener('api-token-leave', (event) => {
  const reason: 'back' | 'host' = event.detail.reason
  const lost: boolean = event.detail.uncopiedKey || event.detail.unsavedEdits
  if (reason === 'host' && lost) event.preventDefault()
})
const uncopied: boolean = settings.hasUncopiedKey
// @ts-expect-error: hasUncopiedKey is read-only
settings.hasUncopiedKey = false
const mayGo: boolean = settings.requestLeave()
export const leaving = [uncopied, mayGo]

const table = document.createElement('api-token-table')
table.tokens = []
table.sort = 'createdAt'
// @ts-expect-error: sortable by name, createdAt or lastUsedAt only
table.sort = 'description'
table.addEventListener('api-token-row-action', (event) => {
  const action: 'edit' | 'view' | 'delete' = event.detail.action
  return action
})

const usage = document.querySelector('api-token-usage')
if (usage) usage.days = 30
// @ts-expect-error: a number of days
if (usage) usage.days = '30'

export async function loadParts(): Promise<void> {
  await loadTollgateElements('api-token-usage', 'api-token-activity')
  await loadTollgateElements()
  // @ts-expect-error: not one of the elements loaded when first needed
  await loadTollgateElements('api-token-settings')
}
