// `npm start`: local development on local D1. Creates the git-ignored `.dev.vars`
// with random dev secrets on first start, applies the migrations, then runs
// `wrangler dev` and prints where everything is.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import {
  applyLocalMigrations,
  newAssertionKey,
  startWranglerDev,
  stopWranglerDev,
  waitUntilServing,
} from './wrangler-dev.mjs'

const PORT = process.env.PORT ?? '8787'
const URL = `http://localhost:${PORT}`
const secret = () => randomBytes(32).toString('base64url')

if (!existsSync('.dev.vars')) {
  writeFileSync(
    '.dev.vars',
    [
      '# Local development secrets, written by `npm start`. Never commit this file.',
      `TOKEN_PEPPER=${secret()}`,
      `ADMIN_JWT_SECRET=${secret()}`,
      `ORIGIN_ASSERTION_SECRET=${secret()}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  )
  console.log('Created .dev.vars with random development secrets.')
}
// The demo gate signs assertions with a key pair; the demo origin verifies them against
// its JWKS (docs/origin.md). Added to a .dev.vars written before it existed.
if (!/^ORIGIN_ASSERTION_KEY=/m.test(readFileSync('.dev.vars', 'utf8'))) {
  appendFileSync('.dev.vars', `ORIGIN_ASSERTION_KEY='${newAssertionKey()}'\n`)
}

const build = spawnSync('node', ['scripts/build-components.mjs'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

applyLocalMigrations({ env: 'demo', stdio: 'inherit' })

// The gate and, through its ORIGIN service binding, the demo origin API (demo/).
const dev = startWranglerDev({
  configs: ['wrangler.toml', 'demo/wrangler.toml'],
  env: 'demo',
  port: PORT,
  quiet: false,
  testScheduled: true,
})
dev.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopWranglerDev(dev, signal)
    process.exit(0)
  })
}

async function announceWhenReady() {
  await waitUntilServing(`${URL}/`)
  console.log(`
  Tollgate is running at ${URL}

  Open ${URL}/ — a demo admin panel: Settings › Global settings › API Tokens.
  Click "Create new API Token", pick a type (or tick permissions for a Custom token),
  Save, and copy the key shown once at the top.

  Then call the demo API through the gate with that key:
    curl -i ${URL}/api/articles -H "Authorization: Bearer <key>"
    curl -i -X POST ${URL}/api/articles -H "Authorization: Bearer <key>" \\
      -H 'Content-Type: application/json' -d '{"title":"Hi"}'
    curl -i ${URL}/graphql -H "Authorization: Bearer <key>" \\
      -H 'Content-Type: application/json' -d '{"query":"{ articles { id title } }"}'

  The admin API with a dev admin token (demo mode only):
    TOKEN=$(curl -s -X POST ${URL}/admin/demo/login | node -pe 'JSON.parse(require("fs").readFileSync(0)).data.token')
    curl -s ${URL}/admin/api-tokens -H "Authorization: Bearer $TOKEN"

  Run the hourly job (expiry notices, pruning) now:
    curl "${URL}/__scheduled?cron=0+*+*+*+*"
`)
}
announceWhenReady().catch((error) => console.error(error.message))
