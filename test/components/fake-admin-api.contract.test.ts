// The admin API's shared contract (test/contract/admin-api.cases.ts) against the component
// tests' stand-in: the same cases pass against the real worker (test/worker/
// admin-contract.test.ts), so the fake answers what the worker answers.
import { adminApiContract } from '../contract/admin-api.cases'
import { FakeAdminApi } from './fake-admin-api'

describe('the admin API contract, against the fake admin API', () => {
  let api: FakeAdminApi
  beforeEach(() => {
    api = new FakeAdminApi().install()
  })
  afterEach(() => api.restore())

  for (const contractCase of adminApiContract) {
    it(contractCase.name, () =>
      contractCase.run(async (method, path, body) => {
        const response = await fetch(`${api.base}${path}`, {
          method,
          headers: {
            Authorization: 'Bearer contract',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
        const text = await response.text()
        return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null }
      }),
    )
  }
})
