/**
 * The name PHP files a URL or form parameter under (`$_GET`, `$_POST`), as
 * `php_register_variable_ex` reads it: the name ends at a NUL byte (C string), leading
 * spaces are skipped, ` ` and `.` become `_` up to the first `[`; `name[…]` is an array
 * named `name`, and an unmatched `[` becomes `_` with the rest kept. Laravel, Symfony and
 * Lighthouse read parameters through it, so ` operationName` or `query%00x` is
 * `operationName` or `query` to them (SPEC §10).
 *
 * @example
 * phpParameterName(' operationName') // 'operationName'
 * phpParameterName('query\u0000x')   // 'query'
 * phpParameterName('_method[]')      // '_method'
 */
export function phpParameterName(name: string): string {
  const [text = ''] = name.split('\u0000', 1)
  const trimmed = text.replace(/^ +/, '')
  const bracket = trimmed.indexOf('[')
  if (bracket === -1) return trimmed.replace(/[ .]/g, '_')
  const base = trimmed.slice(0, bracket).replace(/[ .]/g, '_')
  if (trimmed.includes(']', bracket)) return base
  return `${base}_${trimmed.slice(bracket + 1)}`
}
