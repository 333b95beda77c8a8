// `npm start`: local development on local D1. Creates the git-ignored `.dev.vars`
// with random dev secrets on first start, applies the migrations, then runs
// `wrangler dev` and prints where everything is.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'

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

const build = spawnSync('node', ['scripts/build-components.mjs'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const migrate = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'], {
  stdio: 'inherit',
  env: { ...process.env, CI: 'true' },
})
if (migrate.status !== 0) process.exit(migrate.status ?? 1)

const dev = spawn('npx', ['wrangler', 'dev', '--port', PORT, '--ip', '127.0.0.1'], {
  stdio: 'inherit',
})
dev.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal))

async function announceWhenReady() {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      await fetch(`${URL}/admin/users/me/permissions`)
      console.log(`
  Tollgate is running at ${URL}

  Get a dev admin token (demo mode only):
    TOKEN=$(curl -s -X POST ${URL}/admin/demo/login | node -pe 'JSON.parse(require("fs").readFileSync(0)).data.token')

  Then manage API tokens:
    curl -s ${URL}/admin/api-tokens -H "Authorization: Bearer $TOKEN"
    curl -s -X POST ${URL}/admin/api-tokens -H "Authorization: Bearer $TOKEN" \\
      -H 'Content-Type: application/json' -d '{"name":"Website","type":"read-only","lifespan":2592000000}'
`)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
}
announceWhenReady()
