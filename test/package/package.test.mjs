// The package as a user installs it (SPEC §11, issue #18): `npm pack` (its `prepack`
// builds every entry point), then a fresh project in a temp directory installs the tarball
// and proves each entry point with `tsc --strict` (nodenext and bundler; wrong uses must
// fail) and at run time — the client against a local HTTP server, the origin kit on
// assertions signed here, the team's Worker of examples/worker.ts under `wrangler dev`,
// the elements in Chromium. Writes its pass/fail counts to PACKAGE_COUNT_FILE for `npm test`.
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { SignJWT } from 'jose'
import { runSteps } from '../../scripts/run-steps.mjs'
import { compileAll, markedLines, packAndInstall } from './project.mjs'
import { startConsumerWorker } from './consumer-worker.mjs'
import { launchChromium } from '../../scripts/launch-chromium.mjs'

/** `wrangler dev` of the consumer's Worker: a port of the helpers' range, not the suites'. */
const PORT = Number(process.env.PACKAGE_PORT ?? 19_531)
const BUNDLER = ['--module', 'preserve', '--moduleResolution', 'bundler']
/** @type {ReturnType<typeof packAndInstall>} */
let packed
const steps = []
const step = (name, run) => steps.push({ name, run })

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** Fails listing `errors` when there are any. */
function noErrors(errors) {
  assert(errors.length === 0, `tsc reported:\n${errors.join('\n')}`)
}

/**
 * The compilations, started once the project is installed (two at a time): the host's
 * files and its Worker with `nodenext` checking every declaration, again with `bundler`,
 * and the wrong uses.
 * @type {Record<string, Promise<string[]>>}
 */
let compiled
/** @type {Record<string, [string, string[]]>} */
const COMPILATIONS = {
  nodenext: ['tsconfig.json', []],
  workerNodenext: ['worker/tsconfig.json', []],
  bundler: ['tsconfig.json', [...BUNDLER, '--skipLibCheck']],
  workerBundler: ['worker/tsconfig.json', [...BUNDLER, '--skipLibCheck']],
  wrong: ['tsconfig.wrong.json', ['--skipLibCheck']],
  workerWrong: ['worker/tsconfig.wrong.json', ['--skipLibCheck']],
}

/** The errors of compilation `run` in `file` or in the installed package's declarations. */
async function errorsIn(file, run) {
  const errors = await compiled[run]
  return errors.filter((line) => line.startsWith(file) || line.includes('node_modules/'))
}

step('the tarball holds the built entry points, their declarations and no sources', () => {
  const { files } = packed
  const installed = join(packed.project, 'node_modules/tollgate/package.json')
  const pkg = JSON.parse(readFileSync(installed, 'utf8'))
  for (const [entry, conditions] of Object.entries(pkg.exports)) {
    const targets = typeof conditions === 'string' ? [conditions] : Object.values(conditions)
    for (const target of targets.filter((t) => !t.includes('*'))) {
      assert(files.includes(target.slice(2)), `${entry}: ${target} is not in the tarball`)
    }
  }
  const stray = files.filter(
    (file) =>
      (/\.tsx?$/.test(file) && !file.endsWith('.d.ts')) ||
      /^(test|worker|client|origin|components|scripts|examples)\//.test(file),
  )
  assert(stray.length === 0, `sources or tests in the tarball: ${stray.join(', ')}`)
  assert(
    !('private' in pkg) && pkg.name === 'tollgate',
    'the package is not installable as tollgate',
  )
})

for (const [entry, file] of [
  ['tollgate/client', 'client.ts'],
  ['tollgate/origin', 'origin.ts'],
  ['tollgate/elements (HTMLElementTagNameMap, events)', 'elements.ts'],
  ['tollgate/elements/react (React 19 JSX)', 'react.tsx'],
]) {
  step(`${entry} compiles under tsc --strict with nodenext and bundler`, async () => {
    noErrors(await errorsIn(file, 'nodenext'))
    noErrors(await errorsIn(file, 'bundler'))
  })
}

step(
  'tollgate/worker compiles in a Worker under tsc --strict with nodenext and bundler',
  async () => {
    noErrors(await compiled.workerNodenext)
    noErrors(await compiled.workerBundler)
  },
)

for (const [run, file] of [
  ['wrong', 'wrong.ts'],
  ['workerWrong', 'worker/wrong.ts'],
]) {
  step(`wrong uses (${file}) fail to compile, each on its marked line`, async () => {
    const errors = await compiled[run]
    const failed = new Set(errors.map((line) => Number(/\((\d+),\d+\)/.exec(line)?.[1])))
    const marked = markedLines(join(packed.project, file))
    assert(
      marked.every((line) => failed.has(line)) && failed.size === marked.length,
      `${file}: lines ${[...failed].join(', ')} failed, ${marked.join(', ')} are marked`,
    )
  })
}

/** The project's own `runtime.mjs`: tollgate/client and tollgate/origin as Node loads them. */
const runtime = () => import(pathToFileURL(join(packed.project, 'runtime.mjs')).href)

const error404 = () => ({ status: 404, name: 'NotFoundError', message: 'Not Found', details: {} })

step('tollgate/client answers the data and throws TollgateApiError with the §2 error', async () => {
  const { client } = await runtime()
  const seen = []
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers.authorization}`)
    const found = request.url === '/admin/api-tokens/7'
    response.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' })
    const body = found ? { data: { id: 7, name: 'CI' } } : { data: null, error: error404() }
    response.end(JSON.stringify(body))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  try {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
    const api = client.createTollgateClient({
      baseUrl: `http://127.0.0.1:${port}`,
      getAuthToken: () => 'admin-jwt',
    })
    const token = await api.tokens.get(7)
    assert(token.id === 7 && token.name === 'CI', `tokens.get answered ${JSON.stringify(token)}`)
    const failure = await api.tokens.get(8).then(
      () => undefined,
      (error) => error,
    )
    assert(failure instanceof client.TollgateApiError, `tokens.get(8) threw ${failure}`)
    const { status, name, message, details } = failure
    const shape = JSON.stringify({ status, name, message, details })
    assert(shape === JSON.stringify(error404()), `the error carried ${shape}`)
    assert(seen[0] === 'GET /admin/api-tokens/7 Bearer admin-jwt', `the server saw ${seen[0]}`)
  } finally {
    server.close()
  }
})

step('tollgate/origin lets in an HS256 assertion for this request, refuses others', async () => {
  const { origin } = await runtime()
  const secret = 'package-test-assertion-secret-0123456789abcdef'
  const claims = { sub: '7', typ: 'read-only', act: ['article.find'], htm: 'GET', htu: '/api/a' }
  const sign = (key) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('tollgate')
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(new TextEncoder().encode(key))
  const request = async (path, key) =>
    new Request(`https://api.example.com${path}`, {
      headers: { [origin.ASSERTION_HEADER]: await sign(key) },
    })
  const verified = await origin.verifyAssertion(await request('/api/a', secret), { secret })
  assert(verified.sub === '7' && verified.act[0] === 'article.find', JSON.stringify(verified))
  for (const [path, key, code] of [
    ['/api/a', 'another-secret-0123456789abcdef0123456789', 'INVALID'],
    ['/api/b', secret, 'WRONG_REQUEST'],
  ]) {
    const refusal = await origin.verifyAssertion(await request(path, key), { secret }).then(
      () => undefined,
      (error) => error,
    )
    assert(refusal instanceof origin.TollgateAssertionError, `${path}: not refused: ${refusal}`)
    assert(refusal.code === code, `${path}: refused as ${refusal.code}, not ${code}`)
  }
})

step(
  'tollgate/worker runs in the team’s Worker under wrangler dev; the tollgate bin reads it',
  async () => {
    const worker = await startConsumerWorker(packed, PORT)
    try {
      await worker.check()
    } finally {
      worker.stop()
    }
  },
)

step('tollgate/elements is the very file the worker serves at /components/tollgate.js', () => {
  const resolved = createRequire(join(packed.project, 'package.json')).resolve('tollgate/elements')
  const served = readFileSync('dist/assets/components/tollgate.js')
  assert(
    resolved.endsWith('node_modules/tollgate/dist/assets/components/tollgate.js'),
    `tollgate/elements resolves to ${resolved}`,
  )
  assert(readFileSync(resolved).equals(served), 'the installed bundle differs from the served one')
})

step('tollgate/elements bundled into a page registers the elements in Chromium', async () => {
  const { outputFiles } = await build({
    entryPoints: [join(packed.project, 'page.ts')],
    absWorkingDir: packed.project,
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'error',
  })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    await page.setContent('<!doctype html><html lang="en"><body></body></html>')
    await page.addScriptTag({ content: outputFiles[0].text, type: 'module' })
    await page.waitForFunction(() => customElements.get('api-token-settings') !== undefined)
    const rendered = await page.evaluate(async () => {
      const section = document.createElement('api-token-settings')
      document.body.append(section)
      await /** @type {any} */ (section).updateComplete
      return {
        isClass: section instanceof /** @type {any} */ (customElements.get('api-token-settings')),
        children: section.shadowRoot?.childElementCount ?? 0,
        table: customElements.get('api-token-table') !== undefined,
      }
    })
    assert(rendered.isClass && rendered.table, `not registered: ${JSON.stringify(rendered)}`)
    assert(rendered.children > 0, 'api-token-settings rendered nothing into its shadow root')
  } finally {
    await browser.close()
  }
})

await runSteps({
  label: 'package',
  steps,
  async setup() {
    packed = packAndInstall()
    compiled = compileAll(packed.project, COMPILATIONS)
  },
  teardown() {
    packed?.remove()
  },
  countFile: process.env.PACKAGE_COUNT_FILE,
})
