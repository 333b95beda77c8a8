// A setup file of the worker tests: every answer the worker gives them is checked against
// its OpenAPI document (SPEC §11), errors included, and a test whose request got an
// answer the document does not allow fails. The tests reach the worker through
// worker/index.ts — its default export (which `exports.default`, helpers.ts's `call`,
// serves too) and `createApp()` — or `createTollgate()`: both modules are mocked here so
// that the `fetch` they hand out is checked.
import { env } from 'cloudflare:workers'
import { AsyncLocalStorage } from 'node:async_hooks'
import type { OpenAPIV3_1 } from 'openapi-types'
import { afterEach, vi } from 'vitest'
import type { Tollgate } from '../../worker/tollgate'
import { checkedFetch, setDocumentSource, takeConformanceFailures } from './openapi-conformance'

// vitest's mocker calls `disable()` on its AsyncLocalStorage once a mock factory settles,
// only to spare Node's promises a slowdown; workerd's throws "not implemented" there.
AsyncLocalStorage.prototype.disable = function disable() {}

/** `tollgate` with its app's `fetch` checked (`app.request()` and mounting Workers use it too). */
function checked(tollgate: Tollgate): Tollgate {
  tollgate.app.fetch = checkedFetch(tollgate.app.fetch)
  return { ...tollgate, fetch: tollgate.app.fetch }
}

vi.mock('../../worker/tollgate', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../worker/tollgate')>()
  return {
    ...original,
    createTollgate: (...args: Parameters<typeof original.createTollgate>) =>
      checked(original.createTollgate(...args)),
  }
})

// worker/index.ts may have been loaded before the mock above (it is the main module).
vi.mock('../../worker/index', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../worker/index')>()
  return {
    ...original,
    default: { ...original.default, fetch: checkedFetch(original.default.fetch) },
    createApp: (...args: Parameters<typeof original.createApp>) => {
      const app = original.createApp(...args)
      app.fetch = checkedFetch(app.fetch)
      return app
    },
  }
})

// The document, from a Tollgate of its own, past the hook.
setDocumentSource(async () => {
  const actual =
    await vi.importActual<typeof import('../../worker/tollgate')>('../../worker/tollgate')
  const { app } = actual.createTollgate()
  const response = await app.fetch(new Request('https://gate.test/openapi.json'), env)
  return response.json<OpenAPIV3_1.Document>()
})

afterEach(() => {
  const failures = takeConformanceFailures()
  if (failures.length === 0) return
  const lines = failures.map(
    ({ request, status, problems }) => `${request} (${status}):\n  ${problems.join('\n  ')}`,
  )
  throw new Error(`Answers that break the OpenAPI document:\n${lines.join('\n')}`)
})
