// Builds the web components into one minified ES module, served by the worker at
// /components/tollgate.js (through the static-assets binding), and regenerates the
// custom-elements manifest. Prints the bundle's size and gzipped size.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const outfile = 'dist/assets/components/tollgate.js'
await build({
  entryPoints: ['components/index.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
})
const bytes = readFileSync(outfile)
console.log(
  `components: ${outfile} ${(bytes.length / 1024).toFixed(1)} KiB, ${(gzipSync(bytes).length / 1024).toFixed(1)} KiB gzipped`,
)

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
    console.log('✓ custom-elements.json is current')
  }
}
