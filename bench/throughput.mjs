// (a)–(d), (h), (i): the gate's cost on one token, measured in interleaved rounds with the
// same client and concurrency; the table, the lastUsedAt writes and the paired ratios.
import { createKey, drive, median, percentile, stats } from './harness.mjs'

/**
 * A scenario of this section: what `drive` sends, to which worker (`base`, whose counters
 * are read around each run), and the status every response should have.
 * @typedef {import('./harness.mjs').Driven & {
 *   id: string,
 *   name: string,
 *   expect: number,
 *   base: string,
 * }} Scenario
 */

/**
 * A scenario's totals over every round: latencies (ms), requests, seconds, statuses and the
 * worker's D1 statements, lastUsedAt writes and feed reads meanwhile.
 * @typedef {{
 *   latencies: number[],
 *   requests: number,
 *   seconds: number,
 *   statuses: Map<number, number>,
 *   statements: number,
 *   writes: number,
 *   feedReads: number,
 * }} Totals
 */

/**
 * What `measureThroughput` measured: the scenarios, their totals and requests/s of each
 * round (by id), and when the tokens were first used (ms since the epoch).
 * @typedef {{
 *   scenarios: Scenario[],
 *   results: Map<string, Totals>,
 *   perRound: Map<string, number[]>,
 *   firstUse: number,
 * }} Throughput
 */

/**
 * The seven scenarios, on one token of `cached` (default cache) and one of `strict` (cache
 * off); with a `baseline` worker (the gate at another revision), its (a) and (b) too.
 * @param {string} cached
 * @param {string} strict
 * @param {string} [baseline]
 * @returns {Promise<Scenario[]>}
 */
export async function throughputScenarios(cached, strict, baseline) {
  const cachedKey = await createKey(cached)
  const strictKey = await createKey(strict)
  // (m): a metered token (SPEC §13) with credits it never runs out of: each request a
  // round trip to its Durable Object.
  const meteredKey = await createKey(cached, {
    name: 'bench-metered',
    credits: { remaining: 1_000_000_000_000, refill: null },
  })
  const malformed = cachedKey.slice(0, -1) + (cachedKey.endsWith('A') ? 'B' : 'A')
  // (h) and (i): a client's GraphQL POST, with a comment, a variable and a fragment.
  const graphqlBody = JSON.stringify({
    query: `query Articles($first: Int) { # the latest first
  articles(first: $first) { id title ...Dates }
}
fragment Dates on Article { createdAt updatedAt }`,
    operationName: 'Articles',
    variables: { first: 10 },
  })
  const graphqlHeaders = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(graphqlBody)),
  }
  const baselineScenarios = baseline
    ? [
        {
          id: 'a0',
          name: 'baseline: forward, no verification',
          url: `${baseline}/open/articles`,
          headers: {},
          expect: 200,
          base: baseline,
        },
        {
          id: 'b0',
          name: 'baseline: verified, warm cache',
          url: `${baseline}/api/articles`,
          headers: { Authorization: `Bearer ${await createKey(baseline)}` },
          expect: 200,
          base: baseline,
        },
      ]
    : []
  return [
    ...baselineScenarios,
    {
      id: 'a',
      name: 'forward, no verification',
      url: `${cached}/open/articles`,
      headers: {},
      expect: 200,
      base: cached,
    },
    {
      id: 'b',
      name: 'verified, warm cache',
      url: `${cached}/api/articles`,
      headers: { Authorization: `Bearer ${cachedKey}` },
      expect: 200,
      base: cached,
    },
    {
      id: 'm',
      name: 'verified, metered (credits on a Durable Object)',
      url: `${cached}/api/articles`,
      headers: { Authorization: `Bearer ${meteredKey}` },
      expect: 200,
      base: cached,
    },
    {
      id: 'c',
      name: 'verified, cache off (strict)',
      url: `${strict}/api/articles`,
      headers: { Authorization: `Bearer ${strictKey}` },
      expect: 200,
      base: strict,
    },
    {
      id: 'd',
      name: 'refused, malformed key',
      url: `${cached}/api/articles`,
      headers: { Authorization: `Bearer ${malformed}` },
      expect: 401,
      base: cached,
    },
    {
      id: 'h',
      name: 'GraphQL forward, no verification',
      url: `${cached}/open/graphql`,
      headers: graphqlHeaders,
      body: graphqlBody,
      expect: 200,
      base: cached,
    },
    {
      id: 'i',
      name: 'GraphQL verified, re-printed',
      url: `${cached}/graphql`,
      headers: { ...graphqlHeaders, Authorization: `Bearer ${cachedKey}` },
      body: graphqlBody,
      expect: 200,
      base: cached,
    },
  ]
}

/** The scenarios compared as a ratio, run back to back: (b) against (a), (i) against (h), (b0) against (a0). */
const PAIRS = [
  ['a', 'b'],
  ['h', 'i'],
  ['a0', 'b0'],
]

/**
 * The order of `round`: each pair of {@link PAIRS} back to back, which of the two goes
 * first alternating from round to round, the other scenarios alone, and the blocks
 * rotated each round, so that a drift of the machine's speed falls on both sides of a
 * ratio alike and no scenario always follows the same one.
 * @param {Scenario[]} scenarios
 * @param {number} round
 * @returns {Scenario[]}
 */
export function roundOrder(scenarios, round) {
  const blocks = []
  for (const scenario of scenarios) {
    const pair = PAIRS.find((ids) => ids.includes(scenario.id))
    if (!pair) blocks.push([scenario])
    else if (pair[0] === scenario.id) {
      const both = pair.map((id) => scenarios.find((s) => s.id === id))
      blocks.push(round % 2 === 0 ? both : both.reverse())
    }
  }
  return blocks.map((_, i) => blocks[(i + round) % blocks.length]).flat()
}

/**
 * Creates the tokens, warms every scenario up for 1 s, then drives them for `rounds`
 * interleaved rounds of `seconds` each, in the order of {@link roundOrder}.
 * @param {{ cached: string, strict: string, rounds: number, seconds: number, baseline?: string }} options
 * @returns {Promise<Throughput>}
 */
export async function measureThroughput({ cached, strict, rounds, seconds, baseline }) {
  const scenarios = await throughputScenarios(cached, strict, baseline)
  const firstUse = Date.now()
  for (const scenario of scenarios) await drive(scenario, 1) // warm-up: JIT, connections, cache

  const results = new Map(
    scenarios.map((s) => [
      s.id,
      {
        latencies: [],
        requests: 0,
        seconds: 0,
        statuses: new Map(),
        statements: 0,
        writes: 0,
        feedReads: 0,
      },
    ]),
  )
  const perRound = new Map(scenarios.map((s) => [s.id, []]))
  for (let round = 0; round < rounds; round++) {
    for (const scenario of roundOrder(scenarios, round)) {
      const before = await stats(scenario.base)
      const run = await drive(scenario, seconds)
      const after = await stats(scenario.base)
      const total = results.get(scenario.id)
      perRound.get(scenario.id).push(run.latencies.length / run.seconds)
      total.latencies.push(...run.latencies)
      total.requests += run.latencies.length
      total.seconds += run.seconds
      total.statements += after.statements - before.statements
      total.writes += after.lastUsedWrites - before.lastUsedWrites
      total.feedReads += after.feedReads - before.feedReads
      for (const [status, n] of run.statuses)
        total.statuses.set(status, (total.statuses.get(status) ?? 0) + n)
    }
  }
  return { scenarios, results, perRound, firstUse }
}

/**
 * The table's rows: requests/s, the ratio against (a), p50/p99, D1 lookups and lastUsedAt
 * writes, and the statuses (`UNEXPECTED …` when any differs from the scenario's).
 * Sorts each scenario's latencies in place.
 * @param {Throughput} measured
 * @returns {Record<string, string | number>[]}
 */
export function throughputRows({ scenarios, results }) {
  const baseline = results.get('a').requests / results.get('a').seconds
  return scenarios.map((scenario) => {
    const r = results.get(scenario.id)
    const sorted = r.latencies.sort((x, y) => x - y)
    const rps = r.requests / r.seconds
    const unexpected = [...r.statuses].filter(([status]) => status !== scenario.expect)
    return {
      scenario: `(${scenario.id}) ${scenario.name}`,
      'req/s': rps.toFixed(0),
      'vs (a)': `${(rps / baseline).toFixed(2)}×`,
      'p50 ms': percentile(sorted, 50).toFixed(2),
      'p99 ms': percentile(sorted, 99).toFixed(2),
      'D1 lookups': r.statements - r.writes,
      'D1 lookups/req': ((r.statements - r.writes) / r.requests).toFixed(4),
      'lastUsedAt writes': r.writes,
      status: unexpected.length
        ? `UNEXPECTED ${JSON.stringify(Object.fromEntries(unexpected))}`
        : String(scenario.expect),
    }
  })
}

/**
 * Prints the table `rows`, then each worker's lastUsedAt writes since the first use, and
 * the pooled and paired throughput ratios (b)/(a) and (i)/(h).
 * @param {Throughput} measured
 * @param {Record<string, string | number>[]} rows from `throughputRows`
 * @param {{ cached: string, strict: string, rounds: number, baselineLabel?: string }} options
 */
export async function reportThroughput(measured, rows, { cached, strict, rounds, baselineLabel }) {
  const { results, perRound, firstUse } = measured
  const baseline = results.get('a').requests / results.get('a').seconds
  console.table(rows)
  const minutes = (Date.now() - firstUse) / 60_000
  for (const [label, base] of [
    ['warm cache', cached],
    ['strict', strict],
  ]) {
    const { lastUsedWrites } = await stats(base)
    console.log(
      `lastUsedAt (${label}): ${lastUsedWrites} write(s) for one token in ${minutes.toFixed(2)} min of continuous use ` +
        `(one per 60 s window allows at most ${Math.ceil(minutes)})`,
    )
  }
  const verified = results.get('b')
  const paired = perRound.get('b').map((rps, i) => rps / perRound.get('a')[i])
  const pooled = verified.requests / verified.seconds / baseline
  console.log(
    `warm-cache verified throughput vs the unverified forward: ${pooled.toFixed(2)}× pooled, ` +
      `${median(paired).toFixed(2)}× median of ${rounds} paired rounds ` +
      `(range ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}; target ≥ 0.95×)`,
  )
  const throughput = (id) => results.get(id).requests / results.get(id).seconds
  const meteredRounds = perRound.get('m').map((rps, i) => rps / perRound.get('b')[i])
  console.log(
    `metered vs unmetered verified forward (warm cache): ${(throughput('m') / throughput('b')).toFixed(2)}× pooled, ` +
      `${median(meteredRounds).toFixed(2)}× median of ${rounds} rounds ` +
      `(range ${Math.min(...meteredRounds).toFixed(2)}–${Math.max(...meteredRounds).toFixed(2)}): the Durable Object round trip's cost`,
  )
  if (results.has('b0')) {
    const baselineRounds = perRound.get('b0').map((rps, i) => rps / perRound.get('a0')[i])
    const now = median(paired)
    const then = median(baselineRounds)
    console.log(
      `the same ratio at the baseline revision (${baselineLabel}): ${(throughput('b0') / throughput('a0')).toFixed(2)}× pooled, ` +
        `${then.toFixed(2)}× median of ${rounds} paired rounds; this tree against it: ${(now / then).toFixed(2)}× (target ≥ 0.95×)`,
    )
  }
  const pairedGraphql = perRound.get('i').map((rps, i) => rps / perRound.get('h')[i])
  console.log(
    `verified, re-printed GraphQL vs the unverified GraphQL forward: ${(throughput('i') / throughput('h')).toFixed(2)}× pooled, ` +
      `${median(pairedGraphql).toFixed(2)}× median of ${rounds} paired rounds ` +
      `(range ${Math.min(...pairedGraphql).toFixed(2)}–${Math.max(...pairedGraphql).toFixed(2)}; target ≥ 0.90×)`,
  )
}
