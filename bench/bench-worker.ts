// Bench-only entry point: the real worker, with its D1 binding wrapped to count the
// statements the gate sends, read through `/__bench/stats`. Never deployed.
import app from '../worker/index'
import type { Bindings } from '../worker/env'

const counts = { statements: 0, lastUsedWrites: 0, envObjects: 0 }
const seenEnvs = new WeakSet<object>()
const wrapped = new WeakMap<Bindings, Bindings>()

function countingEnv(env: Bindings): Bindings {
  let result = wrapped.get(env)
  if (!result) {
    const db = new Proxy(env.DB, {
      get(target, property) {
        if (property === 'prepare') {
          return (query: string) => {
            counts.statements += 1
            if (/^update/i.test(query) && query.includes('last_used_at')) counts.lastUsedWrites += 1
            return target.prepare(query)
          }
        }
        const value = Reflect.get(target, property)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    result = { ...env, DB: db }
    wrapped.set(env, result)
  }
  return result
}

export default {
  fetch(request: Request, env: Bindings, ctx: ExecutionContext) {
    if (!seenEnvs.has(env)) {
      seenEnvs.add(env)
      counts.envObjects += 1
    }
    if (new URL(request.url).pathname === '/__bench/stats') return Response.json(counts)
    return app.fetch(request, countingEnv(env), ctx)
  },
} satisfies ExportedHandler<Bindings>
