// Walking files and directories for `tollgate scan`: `.git` and `node_modules` skipped,
// binaries (a NUL byte in the first 8 KB) and files over a size skipped, each file read
// once into one reused buffer. Only a file holding `<prefix>_` is decoded and searched with
// the regex; most files are ruled out by one byte search.
//
// The reads are synchronous, one file at a time, on purpose: measured on this repository's
// node_modules (19,000 files, 190 MB, page-cached as a checkout or a pre-commit's files
// are; 2 cores at a load of 7), libuv's thread pool — an open, a stat, a read and a close
// per file, each a round trip, and a new buffer per file — scanned 40–95 MB/s with 4 to 64
// files in flight; synchronous reads into one buffer scan 230–260 MB/s (bench/scan.mjs).
import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  type Dirent,
} from 'node:fs'
import { join } from 'node:path'
import type { FoundKey, KeyScanner } from './key-scanner'

/** Directories never entered while walking (a path named on the command line is scanned). */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', 'node_modules'])
/** How much of a file is looked at for a NUL byte, the sign of a binary. */
export const BINARY_SNIFF_BYTES = 8192

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
}

/**
 * Scans `paths` (files or directories, which must exist) for keys. A directory is walked
 * without following symbolic links, skipping `SKIPPED_DIRECTORIES` inside it.
 *
 * @example
 * const report = scanPaths(['src'], new KeyScanner('tg'), { maxBytes: 5_000_000 })
 */
export function scanPaths(
  paths: string[],
  scanner: KeyScanner,
  { maxBytes }: ScanOptions,
): ScanReport {
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
  let buffer = Buffer.allocUnsafe(1 << 20)

  const scanFile = (file: string) => {
    const fd = openSync(file, 'r')
    try {
      const { size } = fstatSync(fd)
      if (size > maxBytes) {
        report.tooLarge.push(file)
        return
      }
      if (size > buffer.length) buffer = Buffer.allocUnsafe(size)
      let length = 0
      for (let read = -1; read !== 0 && length < size; length += read) {
        read = readSync(fd, buffer, length, size - length, length)
      }
      const bytes = buffer.subarray(0, length)
      if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
        report.binary += 1
        return
      }
      report.files += 1
      report.bytes += length
      if (!bytes.includes(marker)) return
      for (const found of scanner.scan(bytes.toString('utf8'))) {
        report.findings.push({ file, ...found })
      }
    } finally {
      closeSync(fd)
    }
  }
  for (const file of filesUnder(paths, unreadable)) {
    try {
      scanFile(file)
    } catch (error) {
      unreadable(file, error)
    }
  }

  report.findings.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column)
  report.tooLarge.sort(compare)
  report.unreadable.sort((a, b) => compare(a.file, b.file))
  return report
}

/** The regular files of `paths`, depth first; what cannot be listed goes to `unreadable`. */
function* filesUnder(
  paths: string[],
  unreadable: (path: string, error: unknown) => void,
): Generator<string> {
  // `tollgate scan . src` names src's files twice: each is scanned once.
  const seen = new Set<string>()
  for (const file of walk(paths, unreadable)) {
    if (seen.has(file)) continue
    seen.add(file)
    yield file
  }
}

function* walk(
  paths: string[],
  unreadable: (path: string, error: unknown) => void,
): Generator<string> {
  for (const path of paths) {
    const info = statSync(path)
    if (!info.isDirectory()) {
      if (info.isFile()) yield join(path)
      continue
    }
    const directories = [path]
    for (let directory = directories.pop(); directory !== undefined;) {
      let entries: Dirent[]
      try {
        entries = readdirSync(directory, { withFileTypes: true })
      } catch (error) {
        unreadable(directory, error)
        entries = []
      }
      // Directories pushed in reverse, popped in name order; files in name order.
      for (const entry of entries.sort((a, b) => compare(b.name, a.name))) {
        if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) {
          directories.push(join(directory, entry.name))
        }
      }
      for (const entry of entries.reverse()) {
        if (entry.isFile()) yield join(directory, entry.name)
      }
      directory = directories.pop()
    }
  }
}

/** Strings in code-unit order: the same on every machine and locale. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const reasonOf = (error: unknown) =>
  error instanceof Error && 'code' in error ? String(error.code) : String(error)
