// SPEC §6 "Safe by default": what a bare `wrangler deploy` would ship. Runs
// `wrangler deploy --dry-run` on the top-level config (no environment) and fails unless it
// has DEMO=false, no ORIGIN (demo origin) binding and no allowed browser origins.
// Needs the component bundle (dist/assets), which `npm test` builds first.
import { spawnSync } from 'node:child_process'

const result = spawnSync(
  process.execPath,
  ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--env', ''],
  { encoding: 'utf8', env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' } },
)
const output = `${result.stdout}\n${result.stderr}`
const binding = (name) => output.match(new RegExp(`env\\.${name} \\((.*)\\)\\s`))?.[1]

const problems = []
if (result.status !== 0) problems.push(`wrangler deploy --dry-run failed:\n${output}`)
else {
  if (binding('DEMO') !== 'false') problems.push(`DEMO is ${binding('DEMO') ?? 'unset'}, not false`)
  if (binding('ORIGIN') !== undefined) problems.push(`ORIGIN is bound to ${binding('ORIGIN')}`)
  const allowed = binding('ALLOWED_ORIGINS')
  if (allowed !== undefined && allowed !== '[]') problems.push(`ALLOWED_ORIGINS is ${allowed}`)
}
if (problems.length) {
  console.error(`✘ The top-level wrangler.toml is not production-safe:\n- ${problems.join('\n- ')}`)
  process.exit(1)
}
console.log('✓ wrangler deploy (top level): DEMO=false, no demo origin, no allowed origins')
