// What `node scripts/build-components.mjs --check-manifest` checks in custom-elements.json
// beyond its freshness: that it lists the public surface only and all of it (SPEC §5b, §11).
// - CSS custom properties: each element lists exactly the `--tollgate-*` properties its
//   stylesheet reads (the section, which holds every part, lists what they all read), each
//   with a description, and every `--tollgate-*` name written in components/ is one of them.
//   "Reads" is worked out from the elements' own stylesheets, not from a list: each element
//   class is bundled for Node and its `elementStyles` followed from the rules through the
//   internal `--_*` properties (so the colours the palette declares count only where used).
// - Events: every event names its event class, which the manifest declares, with the type
//   of its `detail`.
// - No private member, and no event without an `api-token-` name.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

/** Events that carry no detail: the event itself is the news. */
const NO_DETAIL = new Set(['api-token-key-copy', 'api-token-session-expired'])

/** The element that renders every other one inside it: their properties reach them through it. */
const SECTION = 'api-token-settings'

/**
 * @typedef {import('custom-elements-manifest/schema').Package} Package
 * @typedef {import('custom-elements-manifest/schema').ClassDeclaration
 *   & import('custom-elements-manifest/schema').CustomElement} CustomElementDeclaration
 */

/** @param {Package} manifest @returns {{ path: string, element: CustomElementDeclaration }[]} */
function elementsOf(manifest) {
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? [])
      .filter((d) => d.kind === 'class' && 'tagName' in d && d.tagName)
      .map((d) => ({ path: module.path, element: /** @type {CustomElementDeclaration} */ (d) })),
  )
}

/**
 * The `--tollgate-*` properties a stylesheet reads: from every ordinary declaration, through
 * the internal `--_*` properties it uses, to the public ones they fall back on.
 * @param {string} css @returns {Set<string>}
 */
export function propertiesRead(css) {
  /** @type {Map<string, string[]>} */
  const internal = new Map()
  const roots = []
  for (const declaration of css.replace(/\/\*[\s\S]*?\*\//g, '').split(/[;{}]/)) {
    const match = /^\s*(--[\w-]+|[a-z-]+)\s*:([\s\S]*)$/.exec(declaration)
    if (!match) continue
    const [, property = '', value = ''] = match
    if (property.startsWith('--_'))
      internal.set(property, [...(internal.get(property) ?? []), value])
    else roots.push(value)
  }
  const read = new Set()
  const followed = new Set()
  /** @param {string} value */
  const follow = (value) => {
    for (const [, name = ''] of value.matchAll(/var\(\s*(--[\w-]+)/g)) {
      if (name.startsWith('--tollgate-')) read.add(name)
      else if (!followed.has(name)) {
        followed.add(name)
        for (const definition of internal.get(name) ?? []) follow(definition)
      }
    }
  }
  roots.forEach(follow)
  return read
}

/**
 * Each element's stylesheet, by tag name: the element modules bundled for Node (Lit's
 * server build), each class finalized so its `elementStyles` hold the flattened styles.
 * @param {Package} manifest @returns {Promise<Map<string, string>>}
 */
export async function stylesheetsOf(manifest) {
  const elements = elementsOf(manifest)
  const contents = elements
    .map(({ path, element }, i) => `export { ${element.name} as e${i} } from './${path}'`)
    .join('\n')
  const bundle = await build({
    stdin: { contents, resolveDir: '.', loader: 'ts', sourcefile: 'elements.ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  })
  const text = bundle.outputFiles[0]?.text ?? ''
  const classes = await import(
    `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`
  )
  return new Map(
    elements.map(({ element }, i) => {
      /** @type {{ finalize(): void, elementStyles: { cssText: string }[] }} */
      const cls = classes[`e${i}`]
      cls.finalize()
      return [element.tagName ?? '', cls.elementStyles.map((style) => style.cssText).join('\n')]
    }),
  )
}

/** Every `--tollgate-*` name read with `var()` in the components' sources (not in comments). */
export function namesInSources(dir = 'components') {
  /** @type {Set<string>} */
  const names = new Set()
  /** @param {string} path */
  const visit = (path) => {
    if (statSync(path).isDirectory()) return readdirSync(path).forEach((n) => visit(join(path, n)))
    if (!path.endsWith('.ts')) return
    const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '')
    // `var(--tollgate-color-${name}, …)` is the palette's: its names come from the stylesheets.
    for (const [, name = ''] of code.matchAll(/var\(\s*(--tollgate-[\w-]*[a-z0-9])(?![\w$-])/g)) {
      names.add(name)
    }
  }
  visit(dir)
  return names
}

/**
 * What custom-elements.json gets wrong about the public surface, one sentence each.
 * @param {Package} manifest @param {Map<string, string>} stylesheets by tag name
 * @param {Set<string>} sourceNames @returns {string[]}
 */
export function manifestProblems(manifest, stylesheets, sourceNames) {
  const problems = []
  const elements = elementsOf(manifest).map(({ element }) => element)
  const read = new Map([...stylesheets].map(([tag, css]) => [tag, propertiesRead(css)]))
  const everything = new Set([...read.values()].flatMap((names) => [...names]))

  for (const name of sourceNames) {
    if (!everything.has(name)) problems.push(`${name} is in components/ but no stylesheet reads it`)
  }
  for (const element of elements) {
    const tag = element.tagName ?? element.name
    const expected = tag === SECTION ? everything : (read.get(tag) ?? new Set())
    const listed = new Set((element.cssProperties ?? []).map((p) => p.name))
    const missing = [...expected].filter((name) => !listed.has(name))
    const extra = [...listed].filter((name) => !expected.has(name))
    if (missing.length) problems.push(`<${tag}> reads ${missing.join(', ')} but does not list it`)
    if (extra.length) problems.push(`<${tag}> lists ${extra.join(', ')} but does not read it`)
    for (const property of element.cssProperties ?? []) {
      if (!property.description) problems.push(`<${tag}> ${property.name} has no description`)
    }

    for (const member of element.members ?? []) {
      if (member.privacy === 'private' || member.privacy === 'protected') {
        problems.push(`<${tag}> publishes ${member.name}, which is ${member.privacy}`)
      }
    }
    for (const event of element.events ?? []) {
      if (!event.name?.startsWith('api-token-')) {
        problems.push(`<${tag}> lists an event named "${event.name ?? ''}"`)
        continue
      }
      const type = event.type?.text
      const reference = event.type?.references?.[0]
      const declaration = manifest.modules
        .find((module) => module.path === reference?.module)
        ?.declarations?.find((d) => d.name === type)
      if (!type || !declaration || declaration.kind !== 'class') {
        problems.push(`<${tag}> ${event.name} has no event class the manifest declares`)
        continue
      }
      const detail = declaration.members?.find((m) => m.kind === 'field' && m.name === 'detail')
      const detailType = detail && 'type' in detail ? detail.type?.text : undefined
      if (!detailType && !NO_DETAIL.has(event.name)) {
        problems.push(`<${tag}> ${event.name}: ${type} has no detail type`)
      }
    }
  }
  return problems
}
