import type { D1Migration } from 'cloudflare:test'
import type { Bindings } from '../../worker/env'

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {
      TEST_MIGRATIONS: D1Migration[]
      /** fast-check's seed and runs per property (`npm run fuzz` sets them). */
      FUZZ_SEED: string
      FUZZ_RUNS: string
    }
    interface GlobalProps {
      mainModule: typeof import('../../worker/index')
    }
  }
}
