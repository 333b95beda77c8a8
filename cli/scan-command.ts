// `tollgate scan PATH…` (SPEC §12): finds Tollgate keys in files before they leak, offline —
// no worker, no admin JWT. Prints `file:line:column keyHint` per key (never the key) and
// exits 1 when it found any, for a pre-commit hook or CI.
import { stat } from 'node:fs/promises'
import { Command } from 'commander'
import type { CliIo } from './cli-context'
import { KeyScanner } from './key-scanner'
import { scanPaths, type ScanReport } from './scan-files'
import { Refused, UsageError } from './usage-error'

const DEFAULT_PREFIX = 'tg'
const DEFAULT_MAX_MEGABYTES = 5
const MEGABYTE = 1_000_000

/** The `scan` command. */
export function scanCommand(io: CliIo): Command {
  return new Command('scan')
    .description('find Tollgate keys in files and directories (offline); exit 1 if any')
    .argument('<paths...>', 'files and directories (skips .git, node_modules and binaries)')
    .option('--prefix <prefix>', "the keys' TOKEN_PREFIX", DEFAULT_PREFIX)
    .option(
      '--max-size <megabytes>',
      'skip files larger than this (listed on stderr)',
      String(DEFAULT_MAX_MEGABYTES),
    )
    .action(
      async (paths: string[], options: { prefix: string; maxSize: string }, command: Command) => {
        const scanner = scannerFor(options.prefix)
        const maxBytes = megabytesOf(options.maxSize) * MEGABYTE
        await expectPaths(paths)
        const report = scanPaths(paths, scanner, { maxBytes })
        const { json } = command.optsWithGlobals<{ json?: boolean }>()
        const { findings } = report
        if (json) io.out(JSON.stringify(findings, null, 2))
        else if (findings.length) {
          io.out(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.keyHint}`).join('\n'))
        }
        for (const line of notesOf(report, options.maxSize)) io.err(line)
        if (findings.length) throw new Refused('keys found')
      },
    )
}

/** The scanner for `--prefix`: `tg` (TOKEN_PREFIX) or `tg_` (how keys start) alike. */
function scannerFor(prefix: string): KeyScanner {
  try {
    return new KeyScanner(prefix.endsWith('_') ? prefix.slice(0, -1) : prefix)
  } catch (error) {
    throw new UsageError(`--prefix: ${(error as Error).message}`)
  }
}

function megabytesOf(text: string): number {
  const megabytes = Number(text)
  if (!(megabytes > 0) || !Number.isFinite(megabytes)) {
    throw new UsageError(`--max-size must be a positive number of megabytes, not "${text}"`)
  }
  return megabytes
}

/** Throws a usage error naming each path that does not exist. */
async function expectPaths(paths: string[]): Promise<void> {
  const missing: string[] = []
  for (const path of paths) {
    await stat(path).catch(() => missing.push(path))
  }
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`)
}

/** What stderr says: files not scanned, then one line of totals. */
function notesOf(report: ScanReport, maxSize: string): string[] {
  const notes = report.tooLarge.map((file) => `skipped ${file}: over ${maxSize} MB (--max-size)`)
  for (const { file, reason } of report.unreadable) notes.push(`could not read ${file}: ${reason}`)
  const scanned = `${count(report.files, 'file')} (${(report.bytes / MEGABYTE).toFixed(1)} MB)`
  const binaries = report.binary ? `, ${count(report.binary, 'binary file')} skipped` : ''
  const keys = report.findings.length
  const files = new Set(report.findings.map((finding) => finding.file)).size
  notes.push(
    keys
      ? `${count(keys, 'key')} in ${count(files, 'file')}; scanned ${scanned}${binaries}. Revoke each key, then remove it.`
      : `no keys; scanned ${scanned}${binaries}`,
  )
  return notes
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`
