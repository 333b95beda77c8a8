// `npm test`'s docs check: every fenced code block in README.md, SECURITY.md,
// CONTRIBUTING.md, CHANGELOG.md and docs/*.md says, in an HTML comment on the line before
// its fence, what covers it — and that cover must hold:
//
//   <!-- excerpt: FILE -->       the block's lines stand in FILE, each a whole line (trailing
//                                spaces aside), in the same order; blank lines are skipped.
//   <!-- tested-by: FILE#id -->  FILE runs the block: FILE exists and names `<doc>#<id>`
//                                (`<doc>` without an id), which is how it finds the block.
//                                test/wire/docs.mjs also fails unless it ran every block
//                                marked for it.
//   <!-- not-run: why -->        commands no test can run (a deploy, the suites themselves):
//                                each `npm run X` / `npm start` / `npm test` must be a
//                                package.json script and each repository path named must
//                                exist. The summary lists these blocks.
//
// Relative links and images outside code blocks must point at files that exist, and a link
// to a heading (`page.md#anchor`) at a heading that exists.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { codeBlocks, docFiles, proseLines } from './doc-blocks.mjs'

const DOCS = docFiles()

const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {})
const problems = []
const notRun = []
const counts = { excerpt: 0, 'tested-by': 0, 'not-run': 0 }

/** Whether `lines` stand in `file` as whole lines, in order (blank lines skipped). */
function standsIn(lines, file) {
  const fileLines = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trimEnd())
  let at = 0
  for (const line of lines.map((text) => text.trimEnd()).filter(Boolean)) {
    while (at < fileLines.length && fileLines[at] !== line) at += 1
    if (at === fileLines.length) return line
    at += 1
  }
  return undefined
}

/** The anchors GitHub gives the headings of a Markdown file. */
function anchorsOf(file) {
  const headings = proseLines(readFileSync(file, 'utf8')).filter(({ text }) =>
    /^#{1,6} /.test(text),
  )
  return new Set(
    headings.map(({ text }) =>
      text
        .replace(/^#+ /, '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replaceAll(' ', '-'),
    ),
  )
}

/** What a not-run block names that does not exist: npm scripts and repository paths. */
function missingIn(code) {
  const missing = []
  for (const [, run, bare] of code.matchAll(/\bnpm (?:run ([\w:-]+)|(start|test)\b)/g)) {
    const script = run ?? bare ?? ''
    if (!scripts.includes(script)) missing.push(`npm script "${script}"`)
  }
  for (const word of code.split(/[\s'"`=(),]+/)) {
    const path = word.replace(/[.:;]+$/, '')
    const looksLikePath =
      /^[\w.-]+(\/[\w.-]+)+$|^[\w-]+\.(toml|json|mjs|ts|md)$/.test(path) && !path.includes('..')
    if (looksLikePath && !path.startsWith('node_modules/') && !existsSync(path)) {
      missing.push(`path ${path}`)
    }
  }
  for (const script of code.matchAll(/\bnpx node ([\w./-]+)/g)) {
    if (!existsSync(script[1])) missing.push(`path ${script[1]}`)
  }
  return missing
}

for (const doc of DOCS) {
  const markdown = readFileSync(doc, 'utf8')
  for (const block of codeBlocks(markdown)) {
    const where = `${doc}:${block.line}`
    const { cover } = block
    if (!cover) {
      problems.push(
        `${where}: a code block with no cover comment before it ` +
          '(<!-- excerpt: FILE -->, <!-- tested-by: FILE#id --> or <!-- not-run: why -->)',
      )
      continue
    }
    counts[cover.kind] += 1
    if (cover.kind === 'not-run') {
      if (!cover.target) problems.push(`${where}: not-run must say why`)
      for (const missing of missingIn(block.code))
        problems.push(`${where}: names a missing ${missing}`)
      notRun.push(`${where} (${cover.target})`)
      continue
    }
    if (!existsSync(cover.target)) {
      problems.push(`${where}: ${cover.kind} ${cover.target}, which does not exist`)
      continue
    }
    if (cover.kind === 'excerpt') {
      const absent = standsIn(block.code.split('\n'), cover.target)
      if (absent !== undefined) {
        problems.push(`${where}: not an excerpt of ${cover.target}: no line "${absent}" there`)
      }
      continue
    }
    const name = cover.id ? `${doc}#${cover.id}` : doc
    if (!readFileSync(cover.target, 'utf8').includes(name)) {
      problems.push(`${where}: ${cover.target} does not name ${name}, so it cannot run this block`)
    }
  }
  for (const { line, text } of proseLines(markdown)) {
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g), ...text.matchAll(/\bsrc="([^"]+)"/g)].map(
      (match) => match[1] ?? '',
    )
    for (const link of links) {
      if (/^[a-z]+:/i.test(link)) continue
      const [path = '', anchor] = link.split('#')
      const target = path ? normalize(join(dirname(doc), path)) : doc
      if (!existsSync(target)) {
        problems.push(`${doc}:${line}: a link to ${link}, which does not exist`)
      } else if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor)) {
        problems.push(`${doc}:${line}: a link to ${link}, but ${target} has no such heading`)
      }
    }
  }
}

const total = counts.excerpt + counts['tested-by'] + counts['not-run']
console.log(
  `docs: ${DOCS.length} files, ${total} code blocks — ${counts['tested-by']} run by tests, ` +
    `${counts.excerpt} excerpts of tested files, ${counts['not-run']} not run`,
)
for (const block of notRun) console.log(`  not run: ${block}`)
if (problems.length) {
  for (const problem of problems) console.error(`✘ ${problem}`)
  process.exit(1)
}
console.log('✓ every code block is covered')
