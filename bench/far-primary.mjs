// (f) Warm verified traffic over a far primary (every D1 execution delayed) vs the same
// worker on plain local D1, and (g) D1 statements per second per isolate, at rest and
// under verified load.
import { createKey, drive, median, percentile, sleep, stats } from './harness.mjs'

/**
 * Load measured on one worker: requests, seconds, and its D1 statements and feed reads.
 * @typedef {{ requests: number, seconds: number, statements: number, feedReads: number }} Load
 */

/**
 * (f)'s totals of one worker: a `Load`, with every latency (ms, sorted once measured), the
 * latencies of the requests that waited for D1, and the statuses counted.
 * @typedef {Load & {
 *   latencies: number[],
 *   waited: number[],
 *   statuses: Map<number, number>,
 * }} FarTotals
 */

/**
 * Runs (f) and prints its heading, table and verdict: `keys` tokens on each of `far` (D1
 * delayed by `delayMs`) and `near`, taken in turn by `concurrency` clients, for `rounds`
 * interleaved rounds of `seconds`; both workers run with CACHE_TTL_SECONDS=`ttlSeconds`.
 * @param {{
 *   far: string,
 *   near: string,
 *   delayMs: number,
 *   ttlSeconds: number,
 *   rounds: number,
 *   seconds: number,
 *   keys: number,
 *   concurrency: number,
 * }} options
 * @returns {Promise<{ rows: Record<string, string>[], results: Map<string, FarTotals> }>}
 *   the table's rows and the totals by id (`far`, `near`)
 */
export async function runFarPrimary({
  far,
  near,
  delayMs,
  ttlSeconds,
  rounds,
  seconds,
  keys,
  concurrency,
}) {
  const farKeys = []
  const nearKeys = []
  for (let i = 0; i < keys; i++) {
    farKeys.push(await createKey(far, { name: `far-${i}` }))
    nearKeys.push(await createKey(near, { name: `near-${i}` }))
  }
  const farScenarios = [
    {
      id: 'far',
      name: `far primary (+${delayMs} ms per D1 execution)`,
      base: far,
      keys: farKeys,
    },
    { id: 'near', name: 'local D1', base: near, keys: nearKeys },
  ].map((scenario) => ({
    ...scenario,
    url: `${scenario.base}/api/articles`,
    headerSets: scenario.keys.map((key) => ({
      Authorization: `Bearer ${key}`,
      'x-bench-trace': '1',
    })),
    concurrency,
    expect: 200,
  }))
  for (const scenario of farScenarios) await drive(scenario, 1) // warm-up: every key cached
  /** @type {Map<string, FarTotals>} */
  const farResults = new Map(
    farScenarios.map((s) => [
      s.id,
      {
        latencies: [],
        requests: 0,
        waited: [],
        seconds: 0,
        statuses: new Map(),
        statements: 0,
        feedReads: 0,
      },
    ]),
  )
  const farPerRound = new Map(farScenarios.map((s) => [s.id, []]))
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...farScenarios].reverse() : farScenarios
    for (const scenario of order) {
      const before = await stats(scenario.base)
      const run = await drive(scenario, seconds)
      const after = await stats(scenario.base)
      const total = farResults.get(scenario.id)
      farPerRound.get(scenario.id).push(run.latencies.length / run.seconds)
      total.latencies.push(...run.latencies)
      total.requests += run.latencies.length
      total.waited.push(...run.waitedLatencies)
      total.seconds += run.seconds
      total.statements += after.statements - before.statements
      total.feedReads += after.feedReads - before.feedReads
      for (const [status, n] of run.statuses)
        total.statuses.set(status, (total.statuses.get(status) ?? 0) + n)
    }
  }
  for (const r of farResults.values()) r.latencies.sort((x, y) => x - y)
  // "Slow": a D1 round trip longer than the typical request on local D1.
  const slowMs = percentile(farResults.get('near').latencies, 50) + delayMs
  const nearRps = farResults.get('near').requests / farResults.get('near').seconds
  const farRows = farScenarios.map((scenario) => {
    const r = farResults.get(scenario.id)
    const sorted = r.latencies
    const rps = r.requests / r.seconds
    const slow = sorted.filter((ms) => ms >= slowMs).length
    const unexpected = [...r.statuses].filter(([status]) => status !== scenario.expect)
    return {
      scenario: `(f) ${scenario.name}`,
      'req/s': rps.toFixed(0),
      'vs local': `${(rps / nearRps).toFixed(2)}×`,
      'p50 ms': percentile(sorted, 50).toFixed(2),
      'p99 ms': percentile(sorted, 99).toFixed(2),
      'p99.9 ms': percentile(sorted, 99.9).toFixed(2),
      [`≥ ${slowMs.toFixed(0)} ms`]: `${((100 * slow) / sorted.length).toFixed(2)}%`,
      'waited for D1': `${r.waited.length} (${((100 * r.waited.length) / r.requests).toFixed(2)}%)`,
      'their p50 ms': r.waited.length ? median(r.waited).toFixed(2) : '–',
      'D1 stmts/req': (r.statements / r.requests).toFixed(4),
      status: unexpected.length
        ? `UNEXPECTED ${JSON.stringify(Object.fromEntries(unexpected))}`
        : String(scenario.expect),
    }
  })
  const farMeasured = farResults.get('far').seconds
  console.log(
    `\n(f) Warm verified traffic over a far primary — ${rounds} interleaved rounds × ${seconds} s, ${keys} keys in turn, ${concurrency} clients, ` +
      `CACHE_TTL_SECONDS=${ttlSeconds} (each key crosses its refresh point ~${Math.floor(farMeasured / ttlSeconds)} times in ${farMeasured.toFixed(0)} s measured)\n`,
  )
  console.table(farRows)
  const farPaired = farPerRound.get('far').map((rps, i) => rps / farPerRound.get('near')[i])
  const farP99 = percentile(farResults.get('far').latencies, 99)
  const nearP99 = percentile(farResults.get('near').latencies, 99)
  const farWaited = farResults.get('far').waited.length / farResults.get('far').requests
  console.log(
    `far-primary throughput vs local D1: ${median(farPaired).toFixed(2)}× median of ${rounds} paired rounds ` +
      `(range ${Math.min(...farPaired).toFixed(2)}–${Math.max(...farPaired).toFixed(2)}); ` +
      `p99 ${farP99.toFixed(2)} vs ${nearP99.toFixed(2)} ms (${farP99 - nearP99 >= 0 ? '+' : ''}${(farP99 - nearP99).toFixed(2)} ms, the D1 delay being ${delayMs} ms); ` +
      `${(100 * farWaited).toFixed(2)}% of warm requests waited for D1 ` +
      `(refresh-ahead: ~0%, only a key the isolate never saw waits; p99 then carries no D1 round trip)`,
  )
  return { rows: farRows, results: farResults }
}

/**
 * Runs (g) and prints its heading and table: every worker of `workers` idle for
 * `restSeconds` (after a moment for the last waitUntil work to land), its statements and
 * feed reads per second then, and under the `load` measured before.
 * @param {{ label: string, base: string, load: Load }[]} workers
 * @param {number} restSeconds
 */
export async function runStatementRates(workers, restSeconds) {
  await sleep(500)
  const restBefore = await Promise.all(workers.map((w) => stats(w.base)))
  const restStarted = process.hrtime.bigint()
  await sleep(restSeconds * 1000)
  const restAfter = await Promise.all(workers.map((w) => stats(w.base)))
  const restElapsed = Number(process.hrtime.bigint() - restStarted) / 1e9
  const perSecond = (n, seconds) => (n / seconds).toFixed(2)
  const rateRows = workers.map((w, i) => ({
    'isolate (worker)': `(g) ${w.label}`,
    'at rest stmts/s': perSecond(restAfter[i].statements - restBefore[i].statements, restElapsed),
    'at rest feed reads/s': perSecond(
      restAfter[i].feedReads - restBefore[i].feedReads,
      restElapsed,
    ),
    'under load stmts/s': perSecond(w.load.statements, w.load.seconds),
    'under load feed reads/s': perSecond(w.load.feedReads, w.load.seconds),
    'under load req/s': (w.load.requests / w.load.seconds).toFixed(0),
  }))
  console.log(
    `\n(g) D1 statements per second per isolate — at rest: ${restElapsed.toFixed(1)} s without traffic; ` +
      `under load: the verified rounds of (b) and (f); every statement the worker sends, feed polls included\n`,
  )
  console.table(rateRows)
}
