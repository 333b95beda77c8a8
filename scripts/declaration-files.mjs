// What `tsc` emits as declarations, made ready for a package (SPEC §11): the sources import
// each other without extensions (moduleResolution Bundler), which a host compiling with
// `nodenext` cannot follow, so every relative specifier gets its `.js` (or `/index.js`);
// and of the emitted files only those an entry point reaches are kept — tsc writes one
// for every module in the program, most of them internal.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** A relative specifier in a declaration: `from './x'`, `import('./x')`, `import('..')`. */
const SPECIFIER = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}(?:\/[^'"]*)?)\2/g

/** @param {string} dir @returns {string[]} every `.d.ts` under `dir` */
function declarationsIn(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.d.ts'))
    .map((name) => join(dir, name))
}

/**
 * The declaration a specifier of `file` names, and the specifier with its extension.
 * @param {string} file @param {string} specifier
 * @returns {{ target: string, specifier: string } | undefined}
 */
function follow(file, specifier) {
  const base = resolve(dirname(file), specifier.replace(/\.js$/, ''))
  if (existsSync(`${base}.d.ts`)) {
    return { target: `${base}.d.ts`, specifier: specifier.replace(/(\.js)?$/, '.js') }
  }
  if (existsSync(join(base, 'index.d.ts'))) {
    return { target: join(base, 'index.d.ts'), specifier: `${specifier}/index.js` }
  }
  return undefined
}

/**
 * Gives every relative specifier in the declarations under `dir` its `.js` extension;
 * throws on one that names no emitted declaration.
 * @param {string} dir
 */
export function addExtensions(dir) {
  for (const file of declarationsIn(dir)) {
    const text = readFileSync(file, 'utf8')
    const fixed = text.replace(SPECIFIER, (whole, head, quote, specifier) => {
      const found = follow(file, specifier)
      if (!found) throw new Error(`${file}: ${specifier} names no declaration`)
      return `${head}${quote}${found.specifier}${quote}`
    })
    if (fixed !== text) writeFileSync(file, fixed)
  }
}

/**
 * Deletes the declarations under `dir` that none of `entries` reaches through its imports.
 * @param {string} dir
 * @param {string[]} entries declaration files, relative to `dir`
 * @returns {number} how many were kept
 */
export function keepReachable(dir, entries) {
  const reached = new Set()
  const pending = entries.map((entry) => resolve(dir, entry))
  while (pending.length) {
    const file = /** @type {string} */ (pending.pop())
    if (reached.has(file)) continue
    reached.add(file)
    for (const [, , , specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const found = follow(file, specifier)
      if (!found) throw new Error(`${relative(dir, file)}: ${specifier} names no declaration`)
      pending.push(found.target)
    }
  }
  for (const file of declarationsIn(dir)) {
    if (!reached.has(resolve(file))) rmSync(file)
  }
  return reached.size
}
