/** Whether `path` is `base` or below it, on whole segments: `/apiary` is not under `/api`. */
export function isUnder(path: string, base: string): boolean {
  if (base === '/') return true
  return path === base || path.startsWith(`${base}/`)
}

/** The protected path `path` falls under, or `undefined`. */
export function protectedBase(path: string, bases: string[]): string | undefined {
  return bases.find((base) => isUnder(path, base))
}

/** A protected base whose last segment is `graphql` serves GraphQL (`/graphql`, `/api/graphql`). */
export function isGraphqlBase(base: string): boolean {
  return base.split('/').pop() === 'graphql'
}
