// The docs and their fenced code blocks, each block with the HTML comment on the line
// before its fence that says what covers it (scripts/check-docs.mjs reads the comments;
// test/wire/docs.mjs finds the blocks it runs by them).
import { existsSync, readdirSync } from 'node:fs'

/** The Markdown files whose code blocks must be covered: the top-level ones and docs/. */
export function docFiles() {
  const pages = readdirSync('docs').filter((name) => name.endsWith('.md'))
  return ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', 'CHANGELOG.md']
    .concat(pages.map((name) => `docs/${name}`))
    .filter((path) => existsSync(path))
}

/**
 * @typedef {{ kind: 'excerpt' | 'tested-by' | 'not-run', target: string, id?: string }} Cover
 * @typedef {{ line: number, lang: string, code: string, cover?: Cover, comment?: string }} Block
 */

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([\w+-]*).*$/
const COVER = /^<!--\s*(excerpt|tested-by|not-run):\s*(.*?)\s*-->$/

/**
 * What a cover comment says: `<!-- excerpt: FILE -->`, `<!-- tested-by: FILE#id -->` or
 * `<!-- not-run: why -->`; `undefined` for any other line.
 * @param {string} line
 * @returns {Cover | undefined}
 */
export function coverOf(line) {
  const match = COVER.exec(line.trim())
  if (!match) return undefined
  const kind = /** @type {Cover['kind']} */ (match[1])
  const text = match[2] ?? ''
  if (kind !== 'tested-by') return { kind, target: text }
  const at = text.indexOf('#')
  return at < 0
    ? { kind, target: text }
    : { kind, target: text.slice(0, at), id: text.slice(at + 1) }
}

/**
 * Every fenced code block of `markdown`, in order: its fence's line number (1-based), its
 * language, its text (the fence's indentation removed) and, when the last non-blank line
 * before the fence is an HTML comment, that comment and the cover it names.
 * @param {string} markdown
 * @returns {Block[]}
 */
export function codeBlocks(markdown) {
  const lines = markdown.split('\n')
  /** @type {Block[]} */
  const blocks = []
  for (let i = 0; i < lines.length; i += 1) {
    const open = FENCE.exec(lines[i] ?? '')
    if (!open) continue
    const [, indent = '', fence = '```', lang = ''] = open
    const body = []
    let j = i + 1
    for (; j < lines.length; j += 1) {
      const line = lines[j] ?? ''
      if (line.trim().startsWith(fence[0].repeat(fence.length)) && /^[`~]+$/.test(line.trim())) {
        break
      }
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart())
    }
    let before = i - 1
    while (before >= 0 && (lines[before] ?? '').trim() === '') before -= 1
    const comment = before >= 0 ? (lines[before] ?? '').trim() : ''
    const block = { line: i + 1, lang, code: body.join('\n') }
    if (comment.startsWith('<!--')) Object.assign(block, { comment, cover: coverOf(comment) })
    blocks.push(block)
    i = j
  }
  return blocks
}

/**
 * The lines of `markdown` outside its code blocks (for link checks), with their numbers.
 * @param {string} markdown
 * @returns {{ line: number, text: string }[]}
 */
export function proseLines(markdown) {
  const inside = new Set()
  const lines = markdown.split('\n')
  for (const block of codeBlocks(markdown)) {
    const length = block.code.split('\n').length
    for (let n = block.line; n <= block.line + length + 1; n += 1) inside.add(n)
  }
  return lines.map((text, i) => ({ line: i + 1, text })).filter(({ line }) => !inside.has(line))
}
