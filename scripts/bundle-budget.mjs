// SPEC §11's budget for the component bundle, measured on esbuild's metafile: what the list
// view loads (tollgate.js and the chunks it imports statically, English included) at most
// 25 KB gzipped, and none of the edit view's picker, usage chart and activity (chunks
// imported when first needed); each language's strings at most 3 KB gzipped. Sizes are
// each file gzipped on its own (level 9), as a browser downloads them, in KB of 1,000 bytes.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

export const BUDGET = { listView: 25_000, language: 3_000 }

/** @typedef {import('esbuild').Metafile} Metafile */

/** @param {number} bytes */
export const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`

/** @param {string} file */
const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length

/**
 * The output files `file` loads before it runs: itself and its static imports, transitively.
 * @param {Metafile} metafile @param {string} file @returns {Set<string>}
 */
function staticClosure(metafile, file) {
  const files = new Set([file])
  for (const path of files) {
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement') files.add(imported.path)
    }
  }
  return files
}

/**
 * English's strings alone, minified and gzipped (they ship inside the list view).
 * @param {string} module @returns {Promise<number>}
 */
async function moduleGzipped(module) {
  const { outputFiles } = await build({
    entryPoints: [module],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  })
  return gzipSync(outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length
}

/**
 * The figures: the list view (its files, and the source modules in them), each chunk
 * imported on demand with what it downloads beyond the list view (its own static imports
 * included), and each language.
 * @param {Metafile} metafile @param {string} entry the entry's output path
 */
export async function measure(metafile, entry) {
  const listFiles = staticClosure(metafile, entry)
  const onDemand = new Set(
    [...listFiles].flatMap((file) =>
      (metafile.outputs[file]?.imports ?? [])
        .filter((imported) => imported.kind === 'dynamic-import')
        .map((imported) => imported.path),
    ),
  )
  const chunks = [...onDemand].map((path) => {
    const added = [...staticClosure(metafile, path)].filter((file) => !listFiles.has(file))
    return {
      name: basename(metafile.outputs[path]?.entryPoint ?? path, '.ts'),
      gzip: added.reduce((sum, file) => sum + gzipped(file), 0),
    }
  })
  return {
    listView: {
      gzip: [...listFiles].reduce((sum, file) => sum + gzipped(file), 0),
      files: listFiles.size,
      modules: new Set(
        [...listFiles].flatMap((file) => Object.keys(metafile.outputs[file]?.inputs ?? {})),
      ),
    },
    elements: chunks.filter((chunk) => !chunk.name.startsWith('strings-')),
    languages: [
      { name: 'strings-en', gzip: await moduleGzipped('components/i18n/strings-en.ts') },
      ...chunks.filter((chunk) => chunk.name.startsWith('strings-')),
    ],
  }
}

/** What the list view must not load: the edit view's picker, usage chart and activity. */
const LOADED_WHEN_NEEDED = [
  'components/api-token-form/',
  'components/api-token-permissions/',
  'components/api-token-usage/',
  'components/api-token-activity/',
]

/**
 * The budget's broken lines, one sentence each.
 * @param {Awaited<ReturnType<typeof measure>>} figures @returns {string[]}
 */
export function budgetProblems(figures) {
  const problems = []
  if (figures.listView.gzip > BUDGET.listView) {
    problems.push(`the list view loads ${kb(figures.listView.gzip)}, over ${kb(BUDGET.listView)}`)
  }
  for (const module of figures.listView.modules) {
    if (LOADED_WHEN_NEEDED.some((folder) => module.startsWith(folder))) {
      problems.push(`the list view loads ${module}, which should load when first needed`)
    }
  }
  for (const language of figures.languages) {
    if (language.gzip > BUDGET.language) {
      problems.push(`${language.name} is ${kb(language.gzip)}, over ${kb(BUDGET.language)}`)
    }
  }
  return problems
}

/** The figures as `npm run build` prints them. @param {Awaited<ReturnType<typeof measure>>} f */
export function describe(f) {
  return [
    `components, gzipped as downloaded (budget: list view ${kb(BUDGET.listView)}, each language ${kb(BUDGET.language)}):`,
    `  list view (English): ${kb(f.listView.gzip)} (${f.listView.gzip} bytes) in ${f.listView.files} files (tollgate.js and the chunks it imports)`,
    `  on first need, beyond the list view: ${f.elements.map((c) => `${c.name} ${kb(c.gzip)}`).join(', ')}`,
    `  languages: ${f.languages.map((c) => `${c.name.replace('strings-', '')} ${kb(c.gzip)} (${c.gzip})`).join(', ')} (English inside the list view)`,
  ].join('\n')
}
