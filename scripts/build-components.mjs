// Builds the web components into one minified ES module, served by the worker at
// /components/tollgate.js (through the static-assets binding), and regenerates the
// custom-elements manifest. Prints the bundle's size and gzipped size.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { manifestProblems, namesInSources, stylesheetsOf } from './manifest-checks.mjs'

// One module, tollgate.js, and small chunks it imports on demand (the translations).
const outdir = 'dist/assets/components'
const outfile = `${outdir}/tollgate.js`
rmSync(outdir, { recursive: true, force: true })
await build({
  entryPoints: { tollgate: 'components/index.ts' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
})
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const bytes = readFileSync(outfile)
console.log(
  `components: ${outfile} ${kib(bytes.length)}, ${kib(gzipSync(bytes).length)} gzipped` +
    ' (English included; each other language is a chunk loaded on first use)',
)
for (const chunk of readdirSync(`${outdir}/chunks`)) {
  console.log(
    `  chunks/${chunk} ${kib(gzipSync(readFileSync(`${outdir}/chunks/${chunk}`)).length)} gzipped`,
  )
}

// `--manifest` regenerates custom-elements.json; `--check-manifest` regenerates it aside
// and fails when the committed one differs (run by `npm test`).
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
}
