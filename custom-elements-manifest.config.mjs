// custom-elements.json lists the public surface only (SPEC §5b, §11), and all of it:
// - private and protected members go, and so do the attributes of private fields (Lit's
//   `state: true` properties, which the analyzer would otherwise publish as attributes);
// - a property the element sets itself on every update (`this.heading = …` in its
//   `willUpdate`, as the delete and regenerate dialogs do with their base class's texts)
//   is an output: no attribute, no writable field;
// - events are the documented `@event {EventClass} api-token-… - …` ones, their `type`
//   referring to the event class's declaration, whose `detail` field (a constructor
//   parameter property, which the analyzer skips) is added with its type;
// - a module's functions and variables (helpers its neighbours import) are not listed.
// `node scripts/build-components.mjs --check-manifest` checks the result
// (scripts/manifest-checks.mjs).

/**
 * @typedef {import('custom-elements-manifest/schema').Package} Package
 * @typedef {import('custom-elements-manifest/schema').ClassDeclaration} ClassDeclaration
 * @typedef {import('custom-elements-manifest/schema').ClassDeclaration
 *   & import('custom-elements-manifest/schema').CustomElement} CustomElementDeclaration
 * @typedef {import('custom-elements-manifest/schema').ClassField} ClassField
 * @typedef {import('typescript')} TS
 */
// The analyzer hands its own TypeScript (another version) and nodes: read with this
// project's types, the same API.

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function publicSurfaceOnly() {
  /** Class name → the properties its `willUpdate` assigns (outputs, not inputs). */
  const setOnUpdate = new Map()

  return {
    name: 'public-surface-only',
    analyzePhase({ ts, node: analyzed, moduleDoc }) {
      const typescript = /** @type {TS} */ (/** @type {unknown} */ (ts))
      const node = /** @type {import('typescript').Node} */ (/** @type {unknown} */ (analyzed))
      if (!typescript.isClassDeclaration(node) || !node.name) return
      const className = node.name.getText()
      const declaration = /** @type {ClassDeclaration | undefined} */ (
        moduleDoc.declarations?.find((d) => d.name === className)
      )
      if (!declaration) return
      for (const member of node.members) {
        if (typescript.isConstructorDeclaration(member)) {
          declaration.members = [
            ...(declaration.members ?? []),
            ...parameterProperties(typescript, member),
          ]
        }
        if (
          typescript.isMethodDeclaration(member) &&
          member.name.getText() === 'willUpdate' &&
          member.body
        ) {
          setOnUpdate.set(className, assignedThisProperties(typescript, member.body))
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const manifest = /** @type {Package} */ (customElementsManifest)
      // In path order (code-unit order, the same in every locale), whatever order the
      // analyzer's globbing walked the files in: the committed manifest must not depend on it.
      manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      for (const module of manifest.modules ?? []) {
        // The elements and their event classes; a helper an element module exports for its
        // neighbours (`impliedActions`) is not part of the public API.
        const helpers = new Set(
          (module.declarations ?? []).filter((d) => d.kind !== 'class').map((d) => d.name),
        )
        module.declarations = module.declarations?.filter((d) => !helpers.has(d.name))
        module.exports = module.exports?.filter(
          (e) => e.kind !== 'js' || !helpers.has(e.declaration.name),
        )
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue
          const element = /** @type {CustomElementDeclaration} */ (declaration)
          const outputs = setOnUpdate.get(element.name) ?? new Set()
          const hidden = new Set([
            ...outputs,
            ...(element.members ?? [])
              .filter((member) => member.privacy === 'private' || member.privacy === 'protected')
              .map((member) => member.name),
          ])
          element.members = element.members?.filter((member) => !hidden.has(member.name))
          element.attributes = element.attributes?.filter(
            (attribute) => !attribute.fieldName || !hidden.has(attribute.fieldName),
          )
          // The analyzer also lists each `dispatchEvent(new XEvent())` without a name, and
          // misreads "detail:" as one.
          element.events = element.events
            ?.filter((event) => event.name?.startsWith('api-token-'))
            .map((event) => {
              const name = event.type?.text
              const module = name && declaringModule(manifest, name)
              if (!name || !module) return event
              return { ...event, type: { text: name, references: [{ name, module }] } }
            })
        }
      }
    },
  }
}

/**
 * The public parameter properties of a constructor (`constructor(readonly detail: …)`), as
 * readonly fields.
 * @param {TS} ts @param {import('typescript').ConstructorDeclaration} constructor
 * @returns {ClassField[]}
 */
function parameterProperties(ts, constructor) {
  return constructor.parameters
    .filter((parameter) => {
      const modifiers = ts.getModifiers(parameter) ?? []
      return (
        modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword) &&
        !modifiers.some(
          (m) =>
            m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
        )
      )
    })
    .map((parameter) => ({
      kind: 'field',
      name: parameter.name.getText(),
      readonly: true,
      type: { text: parameter.type ? typeText(ts, parameter.type) : 'unknown' },
    }))
}

/**
 * A type as one line of TypeScript, without its comments: `{ token: Token; accessKey: string }`.
 * @param {TS} ts @param {import('typescript').TypeNode} type
 */
function typeText(ts, type) {
  const printer = ts.createPrinter({ removeComments: true })
  return printer
    .printNode(ts.EmitHint.Unspecified, type, type.getSourceFile())
    .replace(/\s+/g, ' ')
    .replace(/; }/g, ' }')
}

/**
 * The names of `this.<name> = …` assignments in a method body.
 * @param {TS} ts @param {import('typescript').Node} body @returns {Set<string>}
 */
function assignedThisProperties(ts, body) {
  const names = new Set()
  /** @param {import('typescript').Node} node */
  const visit = (node) => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      names.add(node.left.name.getText())
    }
    ts.forEachChild(node, visit)
  }
  visit(body)
  return names
}

/** @param {Package} manifest @param {string} name @returns {string | undefined} */
function declaringModule(manifest, name) {
  return manifest.modules.find((module) => module.declarations?.some((d) => d.name === name))?.path
}

export default {
  litelement: true,
  // One folder per element: the element's own module, not its styles or helpers beside it.
  globs: [
    'components/api-token-*/api-token-*.ts',
    'components/confirm-dialog/confirm-dialog.ts',
    'components/events.ts',
    'components/view-events.ts',
  ],
  exclude: ['components/**/*.styles.ts'],
  plugins: [publicSurfaceOnly()],
}
