// Builds the web components into a minified ES module, served by the worker at
// /components/tollgate.js (through the static-assets binding), with the chunks it imports
// (the edit view's elements and the translations, loaded when first needed). Prints what
// the list view loads and each chunk on demand, gzipped; `--check-budget` fails past SPEC
// §11's budget (scripts/bundle-budget.mjs). With `--manifest` or `--check-manifest`, also
// regenerates the custom-elements manifest and writes the hosts' type declarations into
// dist/types (scripts/element-typings.mjs).
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'
import { budgetProblems, describe, measure } from './bundle-budget.mjs'
import { writeTypings } from './element-typings.mjs'
import { manifestProblems, namesInSources, stylesheetsOf } from './manifest-checks.mjs'
import { minifyTemplatesPlugin } from './minify-templates.mjs'

const outdir = 'dist/assets/components'
rmSync(outdir, { recursive: true, force: true })
const { metafile } = await build({
  entryPoints: { tollgate: 'components/index.ts' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  // Served as `text/javascript; charset=utf-8`: the translations' accents as they are.
  charset: 'utf8',
  logLevel: 'warning',
  metafile: true,
  plugins: [minifyTemplatesPlugin()],
})
const figures = await measure(metafile, `${outdir}/tollgate.js`)
console.log(describe(figures))
if (process.argv.includes('--check-budget')) {
  const problems = budgetProblems(figures)
  if (problems.length) {
    console.error(`✘ over SPEC §11's budget: ${problems.join('; ')}`)
    process.exit(1)
  }
  console.log('✓ within budget')
}

// `--manifest` regenerates custom-elements.json; `--check-manifest` regenerates it aside
// and fails when the committed one differs (run by `npm test`). Both then write the types.
const check = process.argv.includes('--check-manifest')
if (check || process.argv.includes('--manifest')) {
  const outdir = check ? '.tmp/manifest' : '.'
  // The analyzer also rewrites package.json's `customElements` to its outdir: keep ours.
  const packageJson = readFileSync('package.json', 'utf8')
  const analyzer = spawnSync(
    'npx',
    // Globs and the public-surface filter: custom-elements-manifest.config.mjs.
    ['custom-elements-manifest', 'analyze', '--outdir', outdir],
    { stdio: 'inherit' },
  )
  writeFileSync('package.json', packageJson)
  if (analyzer.status !== 0) process.exit(analyzer.status ?? 1)
  if (check) {
    const fresh = readFileSync(`${outdir}/custom-elements.json`, 'utf8')
    if (fresh !== readFileSync('custom-elements.json', 'utf8')) {
      console.error('✘ custom-elements.json is out of date: run `npm run build` and commit it')
      process.exit(1)
    }
    // The public surface only, and all of it (SPEC §5b, §11): scripts/manifest-checks.mjs.
    const manifest = JSON.parse(fresh)
    const problems = manifestProblems(manifest, await stylesheetsOf(manifest), namesInSources())
    if (problems.length) {
      console.error('✘ custom-elements.json does not list the public surface exactly:')
      for (const problem of problems) console.error(`  ${problem}`)
      process.exit(1)
    }
    console.log(
      '✓ custom-elements.json is current and lists the public surface exactly' +
        ' (CSS properties read, events with their detail types, no private state)',
    )
  }
  // The hosts' declarations, from the sources and the manifest (scripts/element-typings.mjs).
  writeTypings('custom-elements.json')
}
