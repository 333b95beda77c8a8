// Bench-only entry point: the real worker, with its D1 binding wrapped to count the
// statements the gate sends, read through `/__bench/stats`. Never deployed.
//
// The wrapper counts at execution (`first`, `all`, `run`, `raw`, and each statement of a
// `batch`), on the binding and on every session `withSession` returns (the gate reads
// through one, the admin API through another), so a statement prepared once and run
// many times counts each time. With `BENCH_D1_DELAY_MS` set, every execution (a batch
// being one round trip) first waits that long: a primary far from this location.
// A request sent with `x-bench-trace: 1` is answered with `x-bench-d1-waits`: how many D1
// executions finished before its response did, i.e. made it wait (a background refresh
// or a waitUntil write finishes later and does not count).
import app from '../worker/index'
import type { Bindings } from '../worker/env'

type BenchBindings = Bindings & { BENCH_D1_DELAY_MS?: string }

const counts = {
  statements: 0,
  lastUsedWrites: 0,
  feedReads: 0,
  executions: 0,
  sessions: 0,
  envObjects: 0,
  delayMs: 0,
}
/** What one traced request waited for. */
interface RequestTrace {
  waits: number
  responded: boolean
}
interface TraceStorage {
  run<R>(trace: RequestTrace, callback: () => R): R
  getStore(): RequestTrace | undefined
}
// Node's AsyncLocalStorage (nodejs_compat), reached without Node's types in this program.
const asyncHooks = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:async_hooks') as
  { AsyncLocalStorage: new () => TraceStorage } | undefined
const traces = asyncHooks ? new asyncHooks.AsyncLocalStorage() : undefined

const seenEnvs = new WeakSet<object>()
const wrapped = new WeakMap<object, Bindings>()

function countStatement(query: string) {
  counts.statements += 1
  if (/^\s*update/i.test(query) && query.includes('last_used_at')) counts.lastUsedWrites += 1
  if (/^\s*select/i.test(query) && query.includes('api_token_revocations')) counts.feedReads += 1
}

/** Each statement wrapper's D1 statement (a batch takes D1's own) and query text. */
const originals = new WeakMap<object, { statement: D1PreparedStatement; query: string }>()

function countingD1(target: D1Database | D1DatabaseSession, delayMs: number) {
  const wait = () =>
    delayMs > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delayMs)) : undefined
  async function execute<T>(query: string, run: () => Promise<T>): Promise<T> {
    countStatement(query)
    counts.executions += 1
    await wait()
    const result = await run()
    const trace = traces?.getStore()
    if (trace && !trace.responded) trace.waits += 1
    return result
  }
  function statement(original: D1PreparedStatement, query: string): D1PreparedStatement {
    const wrapper = {
      bind: (...values: unknown[]) => statement(original.bind(...values), query),
      first: (column?: string) =>
        execute(query, () => (column === undefined ? original.first() : original.first(column))),
      all: () => execute(query, () => original.all()),
      run: () => execute(query, () => original.run()),
      raw: (options?: { columnNames?: boolean }) =>
        execute(query, () =>
          options?.columnNames ? original.raw({ columnNames: true }) : original.raw(),
        ),
    } as unknown as D1PreparedStatement
    originals.set(wrapper, { statement: original, query })
    return wrapper
  }
  return new Proxy(target, {
    get(target, property) {
      if (property === 'prepare') {
        return (query: string) => statement(target.prepare(query), query)
      }
      if (property === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          for (const s of statements) countStatement(originals.get(s)?.query ?? '')
          counts.executions += 1
          await wait()
          const results = await target.batch(
            statements.map((s) => originals.get(s)?.statement ?? s),
          )
          const trace = traces?.getStore()
          if (trace && !trace.responded) trace.waits += 1
          return results
        }
      }
      if (property === 'withSession') {
        return (constraintOrBookmark?: string) => {
          counts.sessions += 1
          const session = (target as D1Database).withSession(constraintOrBookmark)
          return countingD1(session, delayMs)
        }
      }
      const value: unknown = Reflect.get(target, property)
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value
    },
  })
}

function countingEnv(env: BenchBindings): Bindings {
  let result = wrapped.get(env)
  if (!result) {
    const delayMs = Math.max(0, Number(env.BENCH_D1_DELAY_MS ?? 0) || 0)
    counts.delayMs = delayMs
    const { BENCH_D1_DELAY_MS: _delay, ...rest } = env
    result = { ...rest, DB: countingD1(env.DB, delayMs) as D1Database }
    wrapped.set(env, result)
  }
  return result
}

/** Metered tokens' balances (SPEC §13), bound as TOKEN_CREDITS in bench/wrangler.toml. */
export { TokenCredits } from '../worker/index'

export default {
  fetch(request: Request, env: BenchBindings, ctx: ExecutionContext) {
    if (!seenEnvs.has(env)) {
      seenEnvs.add(env)
      counts.envObjects += 1
    }
    if (new URL(request.url).pathname === '/__bench/stats') return Response.json(counts)
    if (traces && request.headers.get('x-bench-trace') === '1') {
      const trace: RequestTrace = { waits: 0, responded: false }
      return traces.run(trace, async () => {
        const response = await app.fetch(request, countingEnv(env), ctx)
        trace.responded = true
        const traced = new Response(response.body, response)
        traced.headers.set('x-bench-d1-waits', String(trace.waits))
        return traced
      })
    }
    return app.fetch(request, countingEnv(env), ctx)
  },
} satisfies ExportedHandler<BenchBindings>
