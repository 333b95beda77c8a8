// The wire suite: the contracts in-process tests idealise, checked over real HTTP. Starts
// `wrangler dev` with the gate and the demo origin on a fresh local D1 (random secrets),
// then drives the admin API and the gate with Node's fetch and with raw sockets that send
// the exact bytes curl does (a POST with no body, `Content-Length: 0`, chunked bodies, odd
// content types, pipelined requests), and checks at the demo origin what the gate
// forwarded; last, it runs the docs' shell and code blocks (docs.mjs), with webhooks sent to
// a receiver of its own. Writes its pass/fail counts to WIRE_COUNT_FILE for `npm test`.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { runSteps } from '../../scripts/run-steps.mjs'
import { startDemoWorker } from '../../scripts/wrangler-dev.mjs'
import { expectAnswer, PORT, steps, viaFetch, WEBHOOK_PORT, wire } from './steps.mjs'
import './admin-bodies.mjs'
import './gate-headers.mjs'
import './gate-graphql.mjs'
import './gate-paths.mjs'
import './gate-framing.mjs'
import './origin-kit.mjs'
import './client.mjs'
import './cli.mjs'
import './cli-scan.mjs'
import './cli-scan-properties.mjs'
import './cli-scan-docs.mjs'
import './strapi-import.mjs'
import './openapi.mjs'
import './leaked-keys.mjs'
import './credits.mjs'
import './docs.mjs'

let worker
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

async function startWorker() {
  // `wrangler dev` serves the component bundle: `npm test` builds it before this suite.
  if (!existsSync('dist/assets')) throw new Error('no dist/assets: run `npm run build` first')
  // Webhooks go to the docs group's receiver; `/__scheduled` runs the hourly job by hand.
  // Strapi's API_TOKEN_SALT, as a Strapi site's config/admin.js reads it (SPEC §12).
  wire.strapiSalt = randomBytes(16).toString('base64')
  const vars = {
    WEBHOOK_URL: `http://127.0.0.1:${WEBHOOK_PORT}/`,
    WEBHOOK_SECRET: wire.webhookSecret,
    STRAPI_API_TOKEN_SALT: wire.strapiSalt,
  }
  worker = await startDemoWorker({ port: PORT, name: 'wire', vars, testScheduled: true })
  wire.adminJwtSecret = worker.secrets.ADMIN_JWT_SECRET
  wire.secrets = worker.secrets
  wire.persistTo = worker.persistTo
}

function shutDown() {
  worker?.stop()
  worker = undefined
}

/** The demo admin's JWT, and a full-access and a read-only key for the gate's steps. */
async function signIn() {
  const login = await viaFetch('/admin/demo/login', { method: 'POST' })
  wire.jwt = expectAnswer('POST /admin/demo/login', login, { status: 200 }).data.token
  for (const [name, type] of [
    ['full', 'full-access'],
    ['readOnly', 'read-only'],
  ]) {
    const created = await viaFetch('/admin/api-tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${wire.jwt}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `wire ${type}`, type }),
    })
    wire.keys[name] = expectAnswer(`creating a ${type} token`, created, {
      status: 201,
    }).data.accessKey
  }
}

await runSteps({
  label: 'wire',
  steps,
  async setup() {
    await startWorker()
    await signIn()
  },
  teardown: shutDown,
  countFile: process.env.WIRE_COUNT_FILE,
})
