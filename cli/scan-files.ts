// Walking files and directories for `tollgate scan`: `.git` and `node_modules` skipped,
// binaries (a NUL byte in the first 8 KB) and files over a size skipped, each file read
// once as bytes, several at a time. Only a file holding the prefix is decoded and
// searched with the regex; most files are ruled out by one byte search.
import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { FoundKey, KeyScanner } from './key-scanner'

/** Directories never entered while walking (a path named on the command line is scanned). */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', 'node_modules'])
/** How much of a file is looked at for a NUL byte, the sign of a binary. */
export const BINARY_SNIFF_BYTES = 8192
/** Files read at the same time: enough to keep libuv's file threads busy. */
export const SCAN_CONCURRENCY = 16

/** A key found in a file. */
export interface FileFinding extends FoundKey {
  file: string
}

/** What a scan found and what it read. */
export interface ScanReport {
  /** Sorted by file, then line and column. */
  findings: FileFinding[]
  /** Text files scanned, and their bytes. */
  files: number
  bytes: number
  /** Files not scanned: binaries (a count), files over the size (their paths), errors. */
  binary: number
  tooLarge: string[]
  unreadable: { file: string; reason: string }[]
}

/** How a scan runs. */
export interface ScanOptions {
  /** Files larger than this are skipped (listed in `tooLarge`). */
  maxBytes: number
  concurrency?: number
}

/**
 * Scans `paths` (files or directories, which must exist) for keys. A directory is walked
 * without following symbolic links, skipping `SKIPPED_DIRECTORIES` inside it.
 *
 * @example
 * const report = await scanPaths(['src'], new KeyScanner('tg'), { maxBytes: 5_000_000 })
 */
export async function scanPaths(
  paths: string[],
  scanner: KeyScanner,
  { maxBytes, concurrency = SCAN_CONCURRENCY }: ScanOptions,
): Promise<ScanReport> {
  const report: ScanReport = {
    findings: [],
    files: 0,
    bytes: 0,
    binary: 0,
    tooLarge: [],
    unreadable: [],
  }
  const unreadable = (file: string, error: unknown) =>
    report.unreadable.push({ file, reason: reasonOf(error) })
  const marker = Buffer.from(scanner.marker)
  const files = filesUnder(paths, unreadable)

  const scanFile = async (file: string) => {
    const handle = await open(file, 'r')
    try {
      const { size } = await handle.stat()
      if (size > maxBytes) {
        report.tooLarge.push(file)
        return
      }
      const bytes = await handle.readFile()
      if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
        report.binary += 1
        return
      }
      report.files += 1
      report.bytes += bytes.length
      if (!bytes.includes(marker)) return
      for (const found of scanner.scan(bytes.toString('utf8'))) {
        report.findings.push({ file, ...found })
      }
    } finally {
      await handle.close()
    }
  }
  // Several readers share one walk: an async generator hands each file to one of them.
  const reader = async () => {
    for await (const file of files) {
      await scanFile(file).catch((error: unknown) => unreadable(file, error))
    }
  }
  await Promise.all(Array.from({ length: concurrency }, reader))

  report.findings.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column)
  report.tooLarge.sort(compare)
  report.unreadable.sort((a, b) => compare(a.file, b.file))
  return report
}

/** The regular files of `paths`, depth first; what cannot be listed goes to `unreadable`. */
async function* filesUnder(
  paths: string[],
  unreadable: (path: string, error: unknown) => void,
): AsyncGenerator<string> {
  for (const path of paths) {
    const info = await stat(path)
    if (!info.isDirectory()) {
      if (info.isFile()) yield path
      continue
    }
    const directories = [path]
    for (let directory = directories.pop(); directory !== undefined;) {
      try {
        const entries = await readdir(directory, { withFileTypes: true })
        // Pushed in reverse, popped in name order.
        for (const entry of entries.sort((a, b) => compare(b.name, a.name))) {
          const child = join(directory, entry.name)
          if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) directories.push(child)
        }
        for (const entry of entries.reverse()) {
          if (entry.isFile()) yield join(directory, entry.name)
        }
      } catch (error) {
        unreadable(directory, error)
      }
      directory = directories.pop()
    }
  }
}

/** Strings in code-unit order: the same on every machine and locale. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const reasonOf = (error: unknown) =>
  error instanceof Error && 'code' in error ? String(error.code) : String(error)
