// A second isolate of the wire suite's demo: another `wrangler dev` on the same
// `--persist-to` (so the same local D1), under its own name. It binds the first one's
// TokenCredits class by `script_name` through the dev registry rather than defining the
// class again: two processes defining one Durable Object class on one state directory
// fight over its SQLite file (SQLITE_BUSY). So both isolates reach the one balance of a
// metered token, as two locations of a deployed gate do.
import { rmSync, readFileSync, writeFileSync } from 'node:fs'
import { parse, stringify } from 'smol-toml'
import { startWranglerDev, stopWranglerDev, waitUntilServing } from '../../scripts/wrangler-dev.mjs'
import { PORT, wire } from './steps.mjs'

/** The second isolate's port (its inspector the next one): clear of the suite's others. */
const ISOLATE_B_PORT = PORT + 5
/** The first isolate's worker name (`[env.demo]`), whose Durable Object class B binds. */
const FIRST = 'tollgate-demo'
const CONFIG = '.isolate-b.wrangler.toml'

/** wrangler.toml with `[env.demo]` renamed and its Durable Object bound to the first's class. */
function secondConfig() {
  const config = /** @type {{ env: { demo: { name: string, durable_objects: { bindings:
    Record<string, string>[] } } }, migrations?: unknown }} */ (
    parse(readFileSync('wrangler.toml', 'utf8'))
  )
  const demo = config.env.demo
  demo.name = `${FIRST}-b`
  demo.durable_objects.bindings = demo.durable_objects.bindings.map((binding) => ({
    ...binding,
    script_name: FIRST,
  }))
  // B defines no Durable Object class of its own, so it has none to migrate.
  delete config.migrations
  return stringify(config)
}

/**
 * Runs `body(url)` against a second isolate on the wire suite's D1, and stops it after.
 * @template T @param {(url: string) => Promise<T>} body @returns {Promise<T>}
 */
export async function withSecondIsolate(body) {
  writeFileSync(CONFIG, secondConfig())
  const isolateB = startWranglerDev({
    configs: [CONFIG, 'demo/wrangler.toml'],
    env: 'demo',
    port: ISOLATE_B_PORT,
    inspectorPort: ISOLATE_B_PORT + 1,
    persistTo: wire.persistTo,
    vars: wire.secrets,
  })
  try {
    const url = `http://127.0.0.1:${ISOLATE_B_PORT}`
    await waitUntilServing(`${url}/`)
    return await body(url)
  } finally {
    stopWranglerDev(isolateB)
    rmSync(CONFIG, { force: true })
  }
}

/**
 * Sends `request` again while it answers 503 "Token store unavailable": two workerd
 * processes on one SQLite file can meet each other's lock, which the worker answers so,
 * having changed nothing. Any other answer — a 503 of the credits included — is returned.
 * @template {{ status: number, clone?: () => Response }} T @param {() => Promise<T>} request
 * @returns {Promise<T>}
 */
export async function unlocked(request) {
  for (let attempt = 1; ; attempt++) {
    const answer = await request()
    if (answer.status !== 503 || attempt === 5 || !(await isStoreLocked(answer))) return answer
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Whether a 503 is the token store's (D1 locked), read from a copy of the answer. */
async function isStoreLocked(answer) {
  if (!answer.clone) return true
  const body = await answer
    .clone()
    .json()
    .catch(() => null)
  return body?.error?.message === 'Token store unavailable'
}
