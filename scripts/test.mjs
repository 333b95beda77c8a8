// `npm test`: every check and test suite — typecheck, formatting, the docs' code blocks
// (scripts/check-docs.mjs), the worker in workerd against real D1, the worker over real
// HTTP (the wire suite), the components in headless Chromium, the demo end to end, the
// packed package installed in an empty project (test/package/) — then
// one closing line `N passed, N failed` totalling them all (CI reads it). Exits non-zero
// on any failure.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const tmp = '.tmp'
mkdirSync(tmp, { recursive: true })
let passed = 0
let failed = 0

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

/** A check with no test count of its own (typecheck, formatting, build): one pass or one fail. */
function check(title, command, args) {
  if (run(title, command, args)) passed += 1
  else failed += 1
}

/** Adds a suite's counts from the JSON its runner wrote; a run that wrote none, or ran none, fails. */
function countFrom(report, ok, read) {
  try {
    const counts = read(JSON.parse(readFileSync(report, 'utf8')))
    passed += counts.passed
    failed += counts.failed
    if (counts.passed + counts.failed === 0 || (!ok && counts.failed === 0)) failed += 1
  } catch {
    failed += 1
  }
}

/** Chromium for the browser suites: CHROME_PATH, else the system's; on Debian as root, installed. */
function findChromium() {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].filter(Boolean)
  const found = candidates.find((path) => existsSync(path))
  if (found) return found
  if (existsSync('/etc/debian_version') && process.getuid?.() === 0) {
    console.log('\n▶ installing Debian’s chromium (apt-get install chromium)')
    spawnSync('apt-get', ['update'], { stdio: 'inherit' })
    spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' })
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  }
  console.error(
    '\n✘ No Chromium found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`;' +
      ' macOS: `brew install --cask chromium`) or set CHROME_PATH to a Chrome/Chromium binary.',
  )
  return undefined
}

check('typecheck (tsc -b: worker, components, scripts)', 'npx', ['tsc', '-b'])
check('lint (eslint, type-aware)', 'npx', ['eslint', '.'])
check('formatting (prettier --check)', 'npx', ['prettier', '--check', '.'])
check('build the component bundle within its budget, check custom-elements.json', 'node', [
  'scripts/build-components.mjs',
  '--check-manifest',
  '--check-budget',
])
check(
  'typings for hosts (tsc on test/types: tollgate/elements, React 19, Vue 3, Svelte 5)',
  'npx',
  ['tsc', '-p', 'test/types'],
)
check('no import cycles (type-only included)', 'node', ['scripts/check-import-cycles.mjs'])
check('safe defaults (wrangler deploy --dry-run, top level)', 'node', [
  'scripts/check-safe-defaults.mjs',
])
check('docs: every code block is tested', 'node', ['scripts/check-docs.mjs'])

const vitestReport = `${tmp}/vitest.json`
rmSync(vitestReport, { force: true })
const vitestOk = run('worker tests (workerd + D1)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
])
countFrom(vitestReport, vitestOk, (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }))

// The wire suite runs the docs' shell blocks with curl: on Debian as root it is installed
// when missing, elsewhere the suite's docs steps say it is missing.
if (spawnSync('curl', ['--version'], { stdio: 'ignore' }).status !== 0) {
  if (existsSync('/etc/debian_version') && process.getuid?.() === 0) {
    console.log('\n▶ installing Debian’s curl (apt-get install curl)')
    spawnSync('apt-get', ['update'], { stdio: 'inherit' })
    spawnSync('apt-get', ['install', '-y', 'curl'], { stdio: 'inherit' })
  } else {
    console.error('\n✘ curl is missing: install it (Debian/Ubuntu: `sudo apt-get install curl`)')
  }
}

const wireReport = `${tmp}/wire.json`
rmSync(wireReport, { force: true })
const wireOk = run(
  'wire (wrangler dev over real HTTP, as curl and fetch send it)',
  'node',
  ['test/wire/wire.mjs'],
  { WIRE_COUNT_FILE: wireReport },
)
countFrom(wireReport, wireOk, (r) => r)

const chromium = findChromium()
if (chromium) {
  const wtrReport = `${tmp}/wtr.json`
  rmSync(wtrReport, { force: true })
  const wtrOk = run(
    'component tests (headless Chromium)',
    'npx',
    ['web-test-runner', '--config', 'web-test-runner.config.mjs'],
    { CHROME_PATH: chromium, WTR_COUNT_FILE: wtrReport },
  )
  countFrom(wtrReport, wtrOk, (r) => ({ passed: r.passed, failed: r.failed + r.sessionErrors }))

  const e2eReport = `${tmp}/e2e.json`
  rmSync(e2eReport, { force: true })
  const e2eOk = run('end-to-end (wrangler dev + Chromium)', 'node', ['test/e2e/demo.e2e.mjs'], {
    CHROME_PATH: chromium,
    E2E_COUNT_FILE: e2eReport,
  })
  countFrom(e2eReport, e2eOk, (r) => r)

  // `npm pack` (its prepack builds the entry points), installed into a fresh temp project.
  const packageReport = `${tmp}/package-suite.json`
  rmSync(packageReport, { force: true })
  const packageOk = run(
    'the package (npm pack, installed in an empty project: tsc, Node, wrangler dev, Chromium)',
    'node',
    ['test/package/package.test.mjs'],
    { CHROME_PATH: chromium, PACKAGE_COUNT_FILE: packageReport },
  )
  countFrom(packageReport, packageOk, (r) => r)
} else {
  failed += 3
}

console.log('')
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
