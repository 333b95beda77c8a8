// An esbuild plugin that minifies the whitespace of Lit's `css` and `html` templates in
// components/ (esbuild leaves template literals as written): in CSS, comments go and each
// run of whitespace becomes one space, none beside `{`, `}`, `;` or `,`, nor after a
// declaration's colon, and a block's last `;` goes; in HTML, each run
// of whitespace that holds a line break becomes one space (what HTML renders anyway; a
// template with <pre>, text in a <textarea> or `white-space: pre`, and a stylesheet with
// `content`, are left as written). Only the literal text between `${…}` changes, found
// with TypeScript's parser, never the expressions.
import { readFileSync } from 'node:fs'
import ts from 'typescript'

/** @param {string} text */
function minifyCss(text) {
  // Whitespace inside a `content` string would show: leave such a stylesheet as written.
  if (/(^|[\s;{])content\s*:/.test(text)) return text
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      // `{color: red;}` → `{color:red}`: no space after a declaration's colon, no last `;`.
      .replace(/([{;][-\w]+):\s/g, '$1:')
      .replace(/;}/g, '}')
      // `calc(a * 2)` → `calc(a*2)` (only + and - need their spaces), `0.5` → `.5`.
      .replace(/ ([*/]) /g, '$1')
      .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
  )
}

/** @param {string} text */
function minifyHtml(text) {
  // Whitespace that shows as written: leave such a template alone.
  if (/<(pre|textarea)\b[^>]*>[^<]|white-space\s*:\s*pre/.test(text)) return text
  // A tag's closing `>` after its attributes on their own lines: `<button\n  part="x"\n>`.
  return text.replace(/\s*\n\s*(\/?>)/g, '$1').replace(/\s*\n\s*/g, ' ')
}

/**
 * The source with its `css`/`html`/`svg` templates' literal text minified.
 * @param {string} source @param {string} fileName
 */
export function minifyTemplates(source, fileName) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true)
  /** @type {{ start: number, end: number, text: string }[]} */
  const edits = []
  /** @param {import('typescript').Node} node */
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const tag = node.tag.text
      const minify = tag === 'css' ? minifyCss : tag === 'html' || tag === 'svg' ? minifyHtml : null
      if (minify) {
        const { template } = node
        const parts = ts.isNoSubstitutionTemplateLiteral(template)
          ? [template]
          : [template.head, ...template.templateSpans.map((span) => span.literal)]
        for (const part of parts) {
          // The raw text between the delimiters: ` or } before, ` or ${ after.
          const start = part.getStart(file) + 1
          const end =
            part.getEnd() -
            (ts.isTemplateTail(part) || ts.isNoSubstitutionTemplateLiteral(part) ? 1 : 2)
          const raw = source.slice(start, end)
          let text = raw
          // An html template's own first and last line breaks, with their indentation.
          if (tag !== 'css' && part === parts[0]) text = text.replace(/^\s*\n\s*/, '')
          if (tag !== 'css' && part === parts.at(-1)) text = text.replace(/\s*\n\s*$/, '')
          text = minify(text)
          if (text !== raw) edits.push({ start, end, text })
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  let result = source
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, start) + text + result.slice(end)
  }
  return result
}

/** @returns {import('esbuild').Plugin} */
export function minifyTemplatesPlugin() {
  return {
    name: 'minify-templates',
    setup(build) {
      build.onLoad({ filter: /components[\\/].*\.ts$/ }, ({ path }) => ({
        contents: minifyTemplates(readFileSync(path, 'utf8'), path),
        loader: 'ts',
      }))
    },
  }
}
