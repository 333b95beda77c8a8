// The team's Worker of the consumer project (examples/worker.ts importing tollgate/worker)
// under `wrangler dev`: its D1 migrated from the package's own drizzle/, its component
// bundle served from the package's dist/assets, random secrets; the installed `tollgate`
// command lists its tokens.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import {
  applyLocalMigrations,
  startWranglerDev,
  stopWranglerDev,
  waitUntilServing,
} from '../../scripts/wrangler-dev.mjs'

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** GET `path` of the worker; the status, the body's bytes and its JSON when it is JSON. */
async function get(base, path, headers = {}) {
  const response = await fetch(`${base}${path}`, { headers })
  const bytes = Buffer.from(await response.arrayBuffer())
  let json
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    json = undefined
  }
  return { status: response.status, bytes, json }
}

/**
 * Starts the consumer's Worker on `port`; `check()` proves it runs Tollgate, `stop()` ends it.
 * @param {{ root: string, project: string }} packed
 * @param {number} port
 */
export async function startConsumerWorker({ root, project }, port) {
  const config = join(project, 'worker/wrangler.toml')
  const persistTo = join(root, 'wrangler-state')
  applyLocalMigrations({ config, persistTo })
  const secret = (size = 32) => randomBytes(size).toString('base64url')
  const secrets = {
    TOKEN_PEPPER: secret(),
    ADMIN_JWT_SECRET: secret(),
    ORIGIN_ASSERTION_SECRET: secret(),
  }
  const child = startWranglerDev({
    configs: [config],
    port,
    inspectorPort: port + 1,
    persistTo,
    vars: secrets,
  })
  const base = `http://127.0.0.1:${port}`
  const stop = () => {
    stopWranglerDev(child)
    rmSync(persistTo, { recursive: true, force: true })
  }
  try {
    await waitUntilServing(`${base}/healthz`)
  } catch (error) {
    stop()
    throw error
  }

  async function check() {
    const own = await get(base, '/healthz')
    assert(own.status === 200 && own.bytes.toString() === 'ok', 'the team’s /healthz')

    const refused = await get(base, '/admin/api-tokens')
    const error = refused.json?.error
    assert(
      refused.status === 401 &&
        refused.json?.data === null &&
        error?.status === 401 &&
        error?.name === 'UnauthorizedError' &&
        typeof error?.message === 'string' &&
        typeof error?.details === 'object',
      `an admin route without a JWT answered ${refused.status} ${refused.bytes}`,
    )

    const jwt = await new SignJWT({ permissions: ['admin::api-tokens.read'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('package-test')
      .setAudience('tollgate')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secrets.ADMIN_JWT_SECRET))
    const listed = await get(base, '/admin/api-tokens', { Authorization: `Bearer ${jwt}` })
    assert(
      listed.status === 200 && Array.isArray(listed.json?.data) && listed.json.data.length === 0,
      `the token list (D1 migrated from the package) answered ${listed.status} ${listed.bytes}`,
    )

    // The installed `tollgate` command, as a script runs it: the same list, as JSON.
    const cli = spawnSync(
      join(project, 'node_modules/.bin/tollgate'),
      ['--json', 'tokens', 'list'],
      {
        encoding: 'utf8',
        env: { ...process.env, TOLLGATE_URL: base, TOLLGATE_TOKEN: jwt },
      },
    )
    assert(
      cli.status === 0 && cli.stdout.trim() === '[]',
      `tollgate --json tokens list exited ${cli.status}: ${cli.stdout}${cli.stderr}`,
    )

    const bundle = await get(base, '/components/tollgate.js')
    const installed = readFileSync(
      join(project, 'node_modules/tollgate/dist/assets/components/tollgate.js'),
    )
    assert(
      bundle.status === 200 && bundle.bytes.equals(installed),
      `/components/tollgate.js answered ${bundle.status}, not the package's bundle`,
    )
  }

  return { check, stop }
}
