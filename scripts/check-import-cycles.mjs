// `npm test` check: no import cycles among the project's own modules, type-only imports
// included (a cycle of types still ties two modules' designs together). Reads every
// .ts/.mjs file under the source folders with TypeScript's pre-processor, resolves the
// relative imports and looks for a cycle with a depth-first search. Prints each cycle found.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import ts from 'typescript'

const ROOTS = ['worker', 'components', 'client', 'contract', 'demo', 'scripts', 'bench']
const EXTENSIONS = ['.ts', '.mjs', '.js', '.d.ts']

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|mjs)$/.test(name) ? [normalize(path)] : []
  })
}

/** @param {string} from @param {string} specifier @returns {string | undefined} */
function resolve(from, specifier) {
  if (!specifier.startsWith('.')) return undefined
  const base = normalize(join(dirname(from), specifier))
  const candidates = [base, ...EXTENSIONS.map((ext) => base.replace(/\.js$/, '') + ext)]
  candidates.push(...EXTENSIONS.map((ext) => join(base, `index${ext}`)))
  return candidates.find((path) => existsSync(path) && statSync(path).isFile())
}

const files = ROOTS.flatMap(sourceFiles)
/** @type {Map<string, string[]>} */
const graph = new Map(
  files.map((file) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles.map((imported) => resolve(file, imported.fileName))
    return [file, [...new Set(targets.filter((target) => target !== undefined))]]
  }),
)

const cycles = []
const state = new Map() // file → 'visiting' | 'done'
/** @param {string} file @param {string[]} path */
function visit(file, path) {
  state.set(file, 'visiting')
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 'visiting') cycles.push([...path.slice(path.indexOf(next)), next])
    else if (!state.has(next)) visit(next, [...path, next])
  }
  state.set(file, 'done')
}
for (const file of graph.keys()) if (!state.has(file)) visit(file, [file])

if (cycles.length) {
  console.error(`✘ ${cycles.length} import cycle(s):`)
  for (const cycle of cycles) console.error(`  ${cycle.map((f) => relative('.', f)).join(' → ')}`)
  process.exit(1)
}
console.log(`no import cycles among ${graph.size} modules (type-only imports included)`)
