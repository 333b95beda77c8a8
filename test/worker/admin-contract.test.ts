// The admin API's shared contract (test/contract/admin-api.cases.ts) against the real
// worker in workerd on D1; the component tests run the same cases against their fake.
import { describe, it } from 'vitest'
import { adminApiContract } from '../contract/admin-api.cases'
import { admin } from './helpers'

describe('the admin API contract, against the worker', () => {
  for (const contractCase of adminApiContract) {
    it(contractCase.name, () =>
      contractCase.run(async (method, path, body) => {
        const { status, body: answer } = await admin(method, path, body)
        return { status, body: answer }
      }),
    )
  }
})
