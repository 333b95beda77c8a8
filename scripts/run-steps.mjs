// The step runner of the suites that drive a running worker (end to end, wire): named
// steps in order, ✓/✗ per step, a closing `label: N passed, N failed` line, the counts
// written to `countFile` for `npm test`, and the exit code.
import { writeFileSync } from 'node:fs'

/**
 * Runs `setup`, then each step, then `teardown` (always), prints and records the counts,
 * and exits. A failed setup counts every step not passed as failed. With
 * `stopAfterFailure` the steps after a failed one are reported as not run (they build on
 * each other, as the end-to-end story does).
 * @param {{ label: string, steps: { name: string, run: () => Promise<void> }[],
 *   setup?: () => Promise<void>, teardown?: () => Promise<void> | void,
 *   countFile?: string, stopAfterFailure?: boolean }} options
 */
export async function runSteps({
  label,
  steps,
  setup = async () => {},
  teardown = () => {},
  countFile,
  stopAfterFailure = false,
}) {
  let passed = 0
  let failed = 0
  // Enough of the message to see the difference (a Playwright error goes on with its call log).
  const brief = (error) =>
    error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n      ') : error
  try {
    await setup()
    const started = Date.now()
    let broken = false
    for (const { name, run } of steps) {
      if (broken) {
        failed += 1
        console.log(`  ✗ ${name} (not run: an earlier step failed)`)
        continue
      }
      try {
        await run()
        passed += 1
        console.log(`  ✓ ${name}`)
      } catch (error) {
        failed += 1
        broken = stopAfterFailure
        console.log(`  ✗ ${name}\n      ${brief(error)}`)
      }
    }
    console.log(`\n  (${((Date.now() - started) / 1000).toFixed(1)} s after setup)`)
  } catch (error) {
    failed += steps.length - passed
    console.log(`  ✗ ${label} setup failed: ${error instanceof Error ? error.message : error}`)
  } finally {
    await teardown()
  }
  console.log(`\n${label}: ${passed} passed, ${failed} failed`)
  if (countFile) writeFileSync(countFile, JSON.stringify({ passed, failed }))
  process.exit(failed === 0 ? 0 : 1)
}
