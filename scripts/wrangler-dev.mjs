// One way to run the worker locally for `npm start`, the end-to-end test and the
// benchmark: apply the D1 migrations, start `wrangler dev` (wrangler runs on the
// pinned Node, in its own process group so it stops with everything it started),
// wait until it answers, and stop it.
import { spawn, spawnSync } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const WRANGLER = 'node_modules/wrangler/bin/wrangler.js'
const quietEnv = { ...process.env, CI: 'true' }

/**
 * `wrangler d1 migrations apply DB --local` (of `env`, if given), into `persistTo` when given.
 * `cwd`: another checkout to run it in (the bench's baseline).
 * @param {{ config?: string, env?: string, persistTo?: string, stdio?: import('node:child_process').StdioOptions, cwd?: string }} [options]
 */
export function applyLocalMigrations({
  config = 'wrangler.toml',
  env,
  persistTo,
  stdio = 'pipe',
  cwd,
} = {}) {
  const args = [WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '-c', config]
  if (env) args.push('--env', env)
  if (persistTo) args.push('--persist-to', persistTo)
  const result = spawnSync(process.execPath, args, { env: quietEnv, encoding: 'utf8', stdio, cwd })
  if (result.status !== 0) throw new Error(`D1 migrations failed:\n${result.stderr ?? ''}`)
}

/**
 * Starts `wrangler dev` with one or more configs (the first is the main worker), in
 * environment `env` if given. `vars` become `--var NAME:value`; `quiet` keeps only
 * wrangler's errors on stderr; `testScheduled` serves `/__scheduled?cron=…`, which runs the
 * cron handler by hand.
 * @param {{ configs: string[], env?: string, port: number | string, persistTo?: string,
 *   vars?: Record<string, string>, inspectorPort?: number, quiet?: boolean,
 *   testScheduled?: boolean, cwd?: string }} options `cwd`: another checkout to run it in
 */
export function startWranglerDev({
  configs,
  env,
  port,
  persistTo,
  vars = {},
  inspectorPort,
  quiet = true,
  testScheduled = false,
  cwd,
}) {
  const args = [WRANGLER, 'dev', ...configs.flatMap((config) => ['-c', config])]
  if (env) args.push('--env', env)
  args.push('--port', String(port), '--ip', '127.0.0.1')
  if (inspectorPort) args.push('--inspector-port', String(inspectorPort))
  if (persistTo) args.push('--persist-to', persistTo)
  if (testScheduled) args.push('--test-scheduled')
  if (quiet) args.push('--log-level', 'error', '--show-interactive-dev-session=false')
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`)
  return spawn(process.execPath, args, {
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    detached: true,
    env: quiet ? quietEnv : process.env,
    cwd,
  })
}

/**
 * A fresh Ed25519 private JWK for `ORIGIN_ASSERTION_KEY`: the demo gate signs its
 * assertions with it, and the demo origin verifies them against the gate's JWKS.
 * @returns {string} the JWK as JSON
 */
export function newAssertionKey() {
  const { privateKey } = generateKeyPairSync('ed25519')
  return JSON.stringify(privateKey.export({ format: 'jwk' }))
}

/** Waits until `url` answers at all (any status); throws after `timeoutMs`. */
export async function waitUntilServing(url, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    try {
      await fetch(url)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  throw new Error(`nothing answered at ${url} within ${timeoutMs / 1000} s`)
}

/** Stops a worker started by {@link startWranglerDev}, with everything it started. */
export function stopWranglerDev(child, signal = 'SIGTERM') {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone: nothing to stop.
  }
}

/**
 * The demo as the suites run it (end to end, wire): `wrangler dev` of the gate and the demo
 * origin (`[env.demo]`) on `port`, on a fresh local D1 in a temp directory, with random
 * secrets. Resolves once it answers; `stop()` (also run on exit) ends it and removes its
 * state. `vars` are passed on too; `testScheduled` serves `/__scheduled?cron=…`.
 * @param {{ port: number, name: string, vars?: Record<string, string>, testScheduled?: boolean }} options
 *   `name` labels the temp directory
 * @returns {Promise<{ secrets: Record<string, string>, persistTo: string, stop: () => void }>}
 *   `persistTo`: its local D1, which a second `wrangler dev` may share (two isolates)
 */
export async function startDemoWorker({ port, name, vars = {}, testScheduled = false }) {
  const state = mkdtempSync(join(tmpdir(), `tollgate-${name}-`))
  let child
  const stop = () => {
    if (child) stopWranglerDev(child)
    child = undefined
    rmSync(state, { recursive: true, force: true })
  }
  process.on('exit', stop)
  applyLocalMigrations({ env: 'demo', persistTo: state })
  const secrets = Object.fromEntries(
    ['TOKEN_PEPPER', 'ADMIN_JWT_SECRET', 'ORIGIN_ASSERTION_SECRET'].map((secret) => [
      secret,
      randomBytes(32).toString('base64url'),
    ]),
  )
  secrets.ORIGIN_ASSERTION_KEY = newAssertionKey()
  child = startWranglerDev({
    configs: ['wrangler.toml', 'demo/wrangler.toml'],
    env: 'demo',
    port,
    inspectorPort: port + 1,
    persistTo: state,
    vars: { ...vars, ...secrets },
    testScheduled,
  })
  await waitUntilServing(`http://127.0.0.1:${port}/`)
  return { secrets, persistTo: state, stop }
}
