// `npm run fuzz`: the property tests (test/worker/*.property.test.ts, and the GraphQL
// re-printing and differential properties) with a random seed
// and many more runs than `npm test`. Prints the seed; rerun a failure with
// `FUZZ_SEED=<seed> npm run fuzz`. FUZZ_RUNS sets the runs per property (default 5000).
import { spawnSync } from 'node:child_process'
import { randomInt } from 'node:crypto'

const seed = process.env.FUZZ_SEED ?? String(randomInt(2 ** 31))
const runs = process.env.FUZZ_RUNS ?? '5000'
console.log(`fuzz: seed ${seed}, ${runs} runs per property`)
const result = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--testTimeout=0',
    // File filters: every *.property.test.ts, and the GraphQL files that hold properties.
    '.property.test.ts',
    'graphql-reprint.test.ts',
    'graphql-differential.test.ts',
  ],
  { stdio: 'inherit', env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs } },
)
console.log(
  `fuzz: seed ${seed} ${result.status === 0 ? 'found nothing' : 'FOUND A COUNTEREXAMPLE (above)'}`,
)
process.exit(result.status ?? 1)
