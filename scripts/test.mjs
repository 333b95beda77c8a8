// `npm test`: every check and test suite, then one closing line `N passed, N failed`
// totalling them all (CI reads that line). Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const tmp = '.tmp'
mkdirSync(tmp, { recursive: true })
let passed = 0
let failed = 0

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

/** A check with no test count of its own (typecheck, formatting): one pass or one fail. */
function check(title, command, args) {
  if (run(title, command, args)) passed += 1
  else failed += 1
}

/** A vitest run, counted from its JSON report. */
function vitest(title, config) {
  const report = `${tmp}/${title.replace(/\W+/g, '-')}.json`
  rmSync(report, { force: true })
  const ok = run(title, 'npx', [
    'vitest',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ])
  try {
    const { numPassedTests, numFailedTests, numTotalTests } = JSON.parse(
      readFileSync(report, 'utf8'),
    )
    passed += numPassedTests
    failed += numFailedTests
    if (!ok && numFailedTests === 0) failed += 1
    if (numTotalTests === 0) failed += 1
  } catch {
    failed += 1
  }
}

check('typecheck (worker)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])
check('typecheck (tooling)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json'])
check('formatting (prettier --check)', 'npx', ['prettier', '--check', '.'])
vitest('worker tests (workerd + D1)', 'vitest.config.ts')

console.log('')
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
