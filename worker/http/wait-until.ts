import type { Context } from 'hono'

/**
 * The request's `ctx.waitUntil`, for work that must not hold up the response (a feed
 * poll, a cache refresh). Called without an execution context (`app.fetch(request, env)`
 * in tests and scripts), the work simply runs on; its errors are the caller's to catch.
 *
 * @example
 * waitUntilOf(c)(refresh())
 */
export function waitUntilOf(c: Context): (work: Promise<unknown>) => void {
  return (work) => {
    let waitUntil: ((work: Promise<unknown>) => void) | undefined
    try {
      const ctx = c.executionCtx
      waitUntil = ctx.waitUntil.bind(ctx)
    } catch {
      // Hono throws when the request came without an execution context.
    }
    waitUntil?.(work)
  }
}
