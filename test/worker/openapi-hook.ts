// A setup file of the worker tests: every answer the worker gives them is checked against
// its OpenAPI document (SPEC §11), errors included, and a test whose request got an
// answer the document does not allow fails. The tests reach the worker through
// `createTollgate` — `createApp()`, worker/index.ts's default export — whose app's `fetch`
// is wrapped here, or through `exports.default` (its own module graph, which mocks do not
// reach), which helpers.ts's `call` wraps.
import { exports } from 'cloudflare:workers'
import { AsyncLocalStorage } from 'node:async_hooks'
import type { OpenAPIV3_1 } from 'openapi-types'
import { afterEach, vi } from 'vitest'
import { checkedFetch, setDocumentSource, takeConformanceFailures } from './openapi-conformance'

// vitest's mocker calls `disable()` on its AsyncLocalStorage once a mock factory settles,
// only to spare Node's promises a slowdown; workerd's throws "not implemented" there.
AsyncLocalStorage.prototype.disable = function disable() {}

vi.mock('../../worker/tollgate', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../worker/tollgate')>()
  return {
    ...original,
    createTollgate(...args: Parameters<typeof original.createTollgate>) {
      const tollgate = original.createTollgate(...args)
      // `app.request()` and a mounting Worker call `app.fetch` too.
      tollgate.app.fetch = checkedFetch(tollgate.app.fetch)
      return { ...tollgate, fetch: tollgate.app.fetch }
    },
  }
})

// The document, from the worker's own entry, past the hook.
setDocumentSource(async () => {
  const response = await exports.default.fetch(new Request('https://gate.test/openapi.json'))
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
