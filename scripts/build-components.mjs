// Builds the web components into one minified ES module, served by the worker at
// /components/tollgate.js (through the static-assets binding), and regenerates the
// custom-elements manifest. Prints the bundle's size and gzipped size.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
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

if (process.argv.includes('--manifest')) {
  const analyzer = spawnSync(
    'npx',
    [
      'custom-elements-manifest',
      'analyze',
      '--litelement',
      '--globs',
      'components/api-token-*.ts',
      'components/confirm-dialog.ts',
      'components/events.ts',
    ],
    { stdio: 'inherit' },
  )
  if (analyzer.status !== 0) process.exit(analyzer.status ?? 1)
}
