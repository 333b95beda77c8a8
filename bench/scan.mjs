// (j) `tollgate scan` on a big real tree: this repository's node_modules (named on the
// command line, so walked; the node_modules nested in it skipped as in any scan). Runs the
// scanner as the command does (cli/scan-files.ts), BENCH_SCAN_RUNS times, and prints
// MB/s and files/s of each run and the median: the first run may read from disk, the
// others from the page cache. Alone: `npx node bench/scan.mjs`; `npm run bench` runs it too.
import { availableParallelism, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

const { KeyScanner } = await tsImport('../cli/key-scanner.ts', import.meta.url)
const { scanPaths } = await tsImport('../cli/scan-files.ts', import.meta.url)

const ROOT = fileURLToPath(new URL('../node_modules', import.meta.url))
const MAX_BYTES = 5_000_000

/** The median of `values`. */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * Scans node_modules `runs` times and prints a row per run and the median.
 * @param {{ runs?: number }} [options]
 * @returns {Promise<{ mbPerSecond: number, filesPerSecond: number }>} the medians
 */
export async function runScanBench({ runs = Number(process.env.BENCH_SCAN_RUNS ?? 3) } = {}) {
  const scanner = new KeyScanner('tg')
  const rows = []
  for (let run = 1; run <= runs; run += 1) {
    const started = process.hrtime.bigint()
    const report = scanPaths([ROOT], scanner, { maxBytes: MAX_BYTES })
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    rows.push({ run, seconds, report })
  }
  const { report } = rows[0]
  console.log(
    `\n(j) tollgate scan of node_modules — ${report.files} text files, ${(report.bytes / 1e6).toFixed(1)} MB ` +
      `scanned; ${report.binary} binaries and ${report.tooLarge.length} files over ${MAX_BYTES / 1e6} MB skipped; ` +
      `${report.findings.length} keys found; load average ${loadAverage()}\n`,
  )
  console.log('| run | seconds | MB/s | files/s |\n|---|---|---|---|')
  const rates = rows.map(({ run, seconds, report: { files, bytes } }) => {
    const rate = { mbPerSecond: bytes / 1e6 / seconds, filesPerSecond: files / seconds }
    console.log(
      `| ${run} | ${seconds.toFixed(2)} | ${rate.mbPerSecond.toFixed(0)} | ${rate.filesPerSecond.toFixed(0)} |`,
    )
    return rate
  })
  const medians = {
    mbPerSecond: median(rates.map((rate) => rate.mbPerSecond)),
    filesPerSecond: median(rates.map((rate) => rate.filesPerSecond)),
  }
  console.log(
    `\n  median: ${medians.mbPerSecond.toFixed(0)} MB/s, ${medians.filesPerSecond.toFixed(0)} files/s`,
  )
  return medians
}

/** The 1-minute load average and the cores, e.g. `1.52 on 2 cores`. */
function loadAverage() {
  return `${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runScanBench()
