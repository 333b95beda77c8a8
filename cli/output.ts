// What the CLI prints for people: aligned tables and key–value lists, dates as UTC minutes.

/** Where the CLI writes: the process's streams, or a test's. */
export interface CliOutput {
  out(text: string): void
  err(text: string): void
  /** The terminal's width, when it is one. */
  columns?: number
}

/** An ISO date as `2026-12-04 15:51 UTC`, or `never` / `—` for none. */
export function dateOf(iso: string | null, none = '—'): string {
  return iso === null ? none : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/**
 * Rows as a table with a header, each column as wide as its widest cell; the last
 * column is not padded.
 */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

/** `label: value` lines, the values aligned. */
export function keyValues(entries: [string, string][]): string {
  const width = Math.max(...entries.map(([label]) => label.length)) + 1
  return entries.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`).join('\n')
}
