// custom-elements.json lists the public surface only (SPEC §5b): private and protected
// members go, and so do the attributes of private fields (Lit's `state: true`
// properties, which the analyzer would otherwise publish as attributes) and events
// without a name.

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function publicSurfaceOnly() {
  return {
    name: 'public-surface-only',
    packageLinkPhase({ customElementsManifest }) {
      // In path order: the analyzer lists the files of several folders in whatever order
      // its globbing walked them, and the committed manifest must not depend on that.
      customElementsManifest.modules?.sort((a, b) =>
        a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
      )
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue
          const hidden = new Set(
            (declaration.members ?? [])
              .filter((member) => member.privacy === 'private' || member.privacy === 'protected')
              .map((member) => member.name),
          )
          declaration.members = declaration.members?.filter((member) => !hidden.has(member.name))
          const element =
            /** @type {{ attributes?: { fieldName?: string }[], events?: { name?: string }[] }} */ (
              /** @type {unknown} */ (declaration)
            )
          element.attributes = element.attributes?.filter(
            (attribute) => !attribute.fieldName || !hidden.has(attribute.fieldName),
          )
          // Events are the documented `@event api-token-…` ones; the analyzer also lists each
          // `dispatchEvent(new XEvent())` without a name, and misreads "detail:" as one.
          element.events = element.events?.filter((event) => event.name?.startsWith('api-token-'))
        }
      }
    },
  }
}

export default {
  litelement: true,
  // One folder per element: the element's own module, not its styles or helpers beside it.
  globs: [
    'components/api-token-*/api-token-*.ts',
    'components/confirm-dialog/confirm-dialog.ts',
    'components/events.ts',
  ],
  exclude: ['components/**/*.styles.ts'],
  plugins: [publicSurfaceOnly()],
}
