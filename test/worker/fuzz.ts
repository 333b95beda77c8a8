import { env } from 'cloudflare:workers'
import type { Parameters } from 'fast-check'

/**
 * fast-check's parameters for every property: a fixed seed and a few hundred runs in
 * `npm test`; `npm run fuzz` passes a random seed (printed) and many more runs.
 */
export function fuzzParameters<T>(runs = Number(env.FUZZ_RUNS)): Parameters<T> {
  return { seed: Number(env.FUZZ_SEED), numRuns: runs, endOnFailure: true }
}
