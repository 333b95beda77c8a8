// How graphql-java's lexer reads a document, for the differential tests: its grammar
// (src/main/antlr/GraphqlCommon.g4) ends a `#` comment at U+2028 and U+2029 as well as
// at LF and CR (`Comment: '#' ~[\n\r\u2028\u2029]*`), ignores both as line terminators,
// and refuses them in a plain string (`StringValue: '"' (~["\\\n\r\u2028\u2029] | …)* '"'`).
// graphql-js ends a comment at LF and CR only: text after a U+2028 is a comment to one and
// code to the other.

/**
 * The document rewritten so that a spec-following parser reads what graphql-java reads:
 * comments removed where graphql-java ends them, U+2028/U+2029 between tokens turned
 * into line feeds, strings and block strings kept as written. `undefined` where
 * graphql-java's lexer fails (a plain string holding a line terminator, or unterminated).
 *
 * @example
 * asGraphqlJavaReadsIt('{ a # \u2028 b\n}') // '{ a  b\n}': the field b, a comment to graphql-js
 */
export function asGraphqlJavaReadsIt(source: string): string | undefined {
  const lineEnd = /[\n\r\u2028\u2029]/
  let out = ''
  let i = 0
  while (i < source.length) {
    const char = source[i]!
    if (char === '#') {
      i += 1
      while (i < source.length && !lineEnd.test(source[i]!)) i += 1
    } else if (char === '\u2028' || char === '\u2029') {
      out += '\n'
      i += 1
    } else if (source.startsWith('"""', i)) {
      let end = i + 3
      for (;;) {
        if (end >= source.length) return undefined
        if (source.startsWith('\\"""', end)) end += 4
        else if (source.startsWith('"""', end)) break
        else end += 1
      }
      out += source.slice(i, end + 3)
      i = end + 3
    } else if (char === '"') {
      let end = i + 1
      for (;;) {
        if (end >= source.length || lineEnd.test(source[end]!)) return undefined
        if (source[end] === '\\') end += 2
        else if (source[end] === '"') break
        else end += 1
      }
      out += source.slice(i, end + 1)
      i = end + 1
    } else {
      out += char
      i += 1
    }
  }
  return out
}
