// `npm run build:package` (and `prepack`, so `npm pack` always builds): the package's
// entry points (SPEC §11), built into dist/ as package.json's `exports` name them:
// - tollgate/elements: the component bundle itself, dist/assets/components/tollgate.js,
//   the very file the worker serves at /components/tollgate.js, with its declarations and
//   the React, Vue and Svelte typings in dist/types (scripts/build-components.mjs, which
//   also fails when custom-elements.json is not current);
// - the `tollgate` command: dist/package/cli/index.js, from cli/bin.mjs;
// - tollgate/client, tollgate/origin, tollgate/worker: one ES module each in
//   dist/package/<entry>/index.js, their dependencies (lit, hono, jose, zod, drizzle-orm …)
//   left as imports and `cloudflare:*` for the Workers runtime, and their declarations in
//   dist/package/types (tsconfig.package.json).
// Every declaration names its imports with `.js`, and only those an entry reaches are kept
// (scripts/declaration-files.mjs), so a host compiling with `nodenext` or `bundler` finds
// them all in the tarball.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { build } from 'esbuild'
import { addExtensions, keepReachable } from './declaration-files.mjs'

/** The entry points built here, by their folder in dist/package: their source. */
export const ENTRIES = {
  client: 'client/index.ts',
  origin: 'origin/index.ts',
  worker: 'worker/tollgate.ts',
}
const OUTDIR = 'dist/package'
const ELEMENT_TYPES = 'dist/types'

/** Runs a command as this script's own step; exits with its status when it fails. */
function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run('node', ['scripts/build-components.mjs', '--check-manifest'])

rmSync(OUTDIR, { recursive: true, force: true })
await build({
  entryPoints: Object.fromEntries(
    Object.entries(ENTRIES).map(([name, source]) => [`${name}/index`, source]),
  ),
  outdir: OUTDIR,
  bundle: true,
  // What package.json's `dependencies` hold stays an import; `cloudflare:*` is the runtime's.
  packages: 'external',
  external: ['cloudflare:*'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  charset: 'utf8',
  logLevel: 'warning',
})

// The `tollgate` command (package.json `bin`): Node, its hashbang kept.
await build({
  entryPoints: { 'cli/index': 'cli/bin.mjs' },
  outdir: OUTDIR,
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  charset: 'utf8',
  logLevel: 'warning',
})

run('npx', ['tsc', '-p', 'tsconfig.package.json'])
addExtensions(`${OUTDIR}/types`)
const kept = keepReachable(`${OUTDIR}/types`, [
  'client/index.d.ts',
  'origin/index.d.ts',
  'worker/tollgate.d.ts',
])
addExtensions(ELEMENT_TYPES)
const keptForElements = keepReachable(ELEMENT_TYPES, [
  'components/index.d.ts',
  'jsx/react.d.ts',
  'jsx/vue.d.ts',
  'jsx/svelte.d.ts',
])
console.log(
  `package: ${Object.keys(ENTRIES)
    .map((name) => `${OUTDIR}/${name}/index.js`)
    .join(', ')}; declarations: ${kept} files in ${OUTDIR}/types,` +
    ` ${keptForElements} in ${ELEMENT_TYPES} (tollgate/elements)`,
)
