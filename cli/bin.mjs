#!/usr/bin/env node
// The `tollgate` executable: runs the CLI with this process's streams and environment.
import { createInterface } from 'node:readline/promises'
import { runTollgate } from './tollgate.ts'

/**
 * A yes/no question on the terminal (only when stdin is one).
 * @param {string} question
 */
async function confirm(question) {
  const readline = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await readline.question(`${question} [y/N] `)).trim())
  } catch {
    // Ctrl+C or Ctrl+D at the question: no.
    return false
  } finally {
    readline.close()
  }
}

// Piped into `head`, which stops reading: that is not an error.
process.stdout.on('error', (error) => {
  if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EPIPE') process.exit(0)
  throw error
})

process.exitCode = await runTollgate(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  columns: process.stdout.columns,
  env: process.env,
  confirm: process.stdin.isTTY ? confirm : undefined,
})
