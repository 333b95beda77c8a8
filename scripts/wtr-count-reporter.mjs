// A @web/test-runner reporter that writes the run's pass/fail counts as JSON, so
// `npm test` can total every suite on one closing line.
import { writeFileSync } from 'node:fs'

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) continue
    if (test.passed) totals.passed += 1
    else totals.failed += 1
  }
  for (const child of suite?.suites ?? []) count(child, totals)
}

export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, sessionErrors: 0 }
      for (const session of sessions) {
        count(session.testResults, totals)
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.sessionErrors += 1
      }
      if (file) writeFileSync(file, JSON.stringify(totals))
    },
  }
}
