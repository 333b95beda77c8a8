// The package suite's setting: the repository packed as `npm pack` packs it (its `prepack`
// builds every entry point), and a fresh project in a temp directory that installs the
// tarball from scratch, as a user's would, with the consumer files of
// test/package/consumer/ and the team's Worker of examples/worker.ts.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const REPO = resolve(import.meta.dirname, '../..')
const CONSUMER = join(REPO, 'test/package/consumer')

/**
 * Runs a command to its end; throws with its output when it fails.
 * @param {string} command @param {string[]} args @param {string} cwd
 * @returns {string} what it printed on stdout
 */
export function runIn(cwd, command, args) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env })
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  }
  return result.stdout
}

/** A devDependency's version range in the repository, so the project installs the same. */
function repoVersion(name) {
  const { devDependencies } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'))
  return `${name}@${devDependencies[name]}`
}

/**
 * `npm pack` of the repository into a temp directory, then a project beside it that
 * installs the tarball, TypeScript, the Workers types and React's (for the JSX typings).
 * @returns {{ root: string, project: string, tarball: string, files: string[],
 *   remove: () => void }} `files`: the tarball's paths, without `package/`
 */
export function packAndInstall() {
  const root = mkdtempSync(join(tmpdir(), 'tollgate-package-'))
  const remove = () => rmSync(root, { recursive: true, force: true })
  try {
    runIn(REPO, 'npm', ['pack', '--pack-destination', root, '--silent'])
    const name = readdirSync(root).find((file) => file.endsWith('.tgz'))
    if (!name) throw new Error('npm pack wrote no tarball')
    const tarball = join(root, name)
    const files = runIn(root, 'tar', ['tzf', tarball])
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''))
    const project = join(root, 'project')
    cpSync(CONSUMER, project, { recursive: true })
    cpSync(join(REPO, 'examples/worker.ts'), join(project, 'worker/index.ts'))
    runIn(project, 'npm', [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      tarball,
      repoVersion('typescript'),
      repoVersion('@cloudflare/workers-types'),
      repoVersion('@types/react'),
    ])
    return { root, project, tarball, files, remove }
  } catch (error) {
    remove()
    throw error
  }
}

/**
 * `tsc -p <config>` in the project with its own TypeScript, plus `extra` flags; resolves
 * to the errors it reported in the project's files and in Tollgate's declarations, as
 * `file(line,col): error TSnnnn: …` lines. The configs check every declaration
 * (`skipLibCheck: false`) so that one of Tollgate's naming a module the tarball lacks
 * fails; what other packages' declarations say of themselves (drizzle-orm's for
 * databases Tollgate does not use) is theirs, and left out.
 * @param {string} project @param {string} config @param {string[]} [extra]
 * @returns {Promise<string[]>}
 */
export function compile(project, config, extra = []) {
  const tsc = join(project, 'node_modules/typescript/bin/tsc')
  const child = spawn(process.execPath, [tsc, '-p', config, '--pretty', 'false', ...extra], {
    cwd: project,
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (status) => {
      // 0: no errors; 1 and 2: errors reported (with or without output written).
      if (status === null || status > 2) reject(new Error(`tsc -p ${config} crashed:\n${output}`))
      const errors = output
        .split('\n')
        .filter((line) => /error TS/.test(line))
        .filter(
          (line) => !line.includes('node_modules/') || line.includes('node_modules/tollgate/'),
        )
      resolve(errors)
    })
  })
}

/**
 * Starts every compilation of `runs` (name → [config, flags]), two at a time (tsc is busy
 * for seconds and the machine may have two cores); each name's errors as they come.
 * @param {string} project @param {Record<string, [string, string[]]>} runs
 * @returns {Record<string, Promise<string[]>>}
 */
export function compileAll(project, runs) {
  const lanes = [Promise.resolve(), Promise.resolve()]
  return Object.fromEntries(
    Object.entries(runs).map(([name, [config, extra]], index) => {
      const lane = index % lanes.length
      const done = lanes[lane].then(() => compile(project, config, extra))
      lanes[lane] = done.then(
        () => undefined,
        () => undefined,
      )
      return [name, done]
    }),
  )
}

/**
 * The 1-based lines of `file` that end in `// ✗`: those a wrong use must fail on.
 * @param {string} file
 */
export function markedLines(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => (/\/\/ ✗$/.test(line.trimEnd()) ? [index + 1] : []))
}
