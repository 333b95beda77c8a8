// `npm run bench`: the gate's cost, measured side by side in one run.
//
// Starts a local origin (Node HTTP) and `wrangler dev` workers (workerd, local D1;
// bench/wrangler.toml) running the real worker through bench/bench-worker.ts: one with the
// default cache, one in strict mode (CACHE_TTL_SECONDS=0). Then drives four scenarios in
// interleaved rounds with the same client and concurrency:
//   (a) forwarded without verification (PASSTHROUGH_PATHS=/open)
//   (b) verified, warm cache      (c) verified, cache off      (d) malformed key
//   (h) a GraphQL POST forwarded without verification (its bytes as sent)
//   (i) the same GraphQL POST verified, judged and re-printed (SPEC §10)
//   (m) verified, a metered token: each request spends a credit on its Durable Object (SPEC §13)
//   (a0), (b0) with BENCH_BASELINE=<revision>: (a) and (b) on the gate of that revision
// and prints requests/s, p50/p99 latency, D1 statements per request and lastUsedAt writes.
// Then the gate at scale (SPEC §9, issue #10):
//   (e) revocation latency across two isolates: two workers on ONE local D1 (one
//       --persist-to directory); a change through A's admin API, B polled until it refuses
//   (f) warm verified traffic over a far primary (every D1 execution delayed by
//       BENCH_D1_DELAY_MS) vs the same worker on plain local D1, short CACHE_TTL_SECONDS so
//       that every key crosses its refresh point several times while measured
//   (g) D1 statements per second per isolate, at rest and under verified load
//   (k) an imported Strapi key's first verified request and its second use vs an ordinary
//       key's, cache off (SPEC §12; bench/strapi-keys.mjs, which also runs alone)
// and last, with the workers stopped, `tollgate scan` on node_modules:
//   (j) MB/s and files/s of the key scanner (SPEC §12) on a big real tree
//
// The sections live apart: bench/harness.mjs (origin, workers, client, statistics),
// bench/throughput.mjs (a)–(d), (h), (i), bench/revocation.mjs (e), bench/far-primary.mjs
// (f) and (g), bench/scan.mjs (j), bench/strapi-keys.mjs (k). This file reads the parameters, starts the workers and
// runs each in order.
import { runFarPrimary, runStatementRates } from './far-primary.mjs'
import { cleanUp, newState, startOrigin, startWorker, useConcurrency } from './harness.mjs'
import { checkOutBaseline } from './baseline.mjs'
import { runRevocation } from './revocation.mjs'
import { runScanBench } from './scan.mjs'
import { runStrapiKeys, STRAPI_WORKER_VARS } from './strapi-keys.mjs'
import { measureThroughput, reportThroughput, throughputRows } from './throughput.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 16)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
// (e): each change repeated REVOCATION_REPEATS times; B polled every POLL_INTERVAL_MS for
// at most REVOCATION_CAP_SECONDS. The workers run with the production TTL (300 s): the
// feed, not the TTL, has to bring the refusal.
const REVOCATION_REPEATS = Number(process.env.BENCH_REVOCATION_REPEATS ?? 3)
const REVOCATION_CAP_SECONDS = Number(process.env.BENCH_REVOCATION_CAP_SECONDS ?? 20)
const POLL_INTERVAL_MS = Number(process.env.BENCH_POLL_INTERVAL_MS ?? 25)
const REVOCATION_TTL_SECONDS = process.env.BENCH_REVOCATION_TTL_SECONDS ?? '300'
const REVOCATION_POLL_MS = Number(process.env.BENCH_REVOCATION_POLL_MS ?? 1000)
// (f): FAR_ROUNDS interleaved rounds × FAR_SECONDS, FAR_KEYS keys in rotation.
const FAR_DELAY_MS = Number(process.env.BENCH_FAR_DELAY_MS ?? 50)
const FAR_TTL_SECONDS = Number(process.env.BENCH_FAR_TTL_SECONDS ?? 3)
const FAR_ROUNDS = Number(process.env.BENCH_FAR_ROUNDS ?? 6)
const FAR_SECONDS = Number(process.env.BENCH_FAR_SECONDS ?? 4)
const FAR_KEYS = Number(process.env.BENCH_FAR_KEYS ?? 8)
// Fewer clients than (a)–(d): latency then shows the D1 wait, not the queue for the CPU.
const FAR_CONCURRENCY = Number(process.env.BENCH_FAR_CONCURRENCY ?? 2)
// (g): the idle spell measured at rest.
const REST_SECONDS = Number(process.env.BENCH_REST_SECONDS ?? 5)

await startOrigin()
useConcurrency(CONCURRENCY)
// BENCH_BASELINE=<revision>: (a0), (b0) drive the gate of that revision in the same rounds.
const baseline = process.env.BENCH_BASELINE ? checkOutBaseline(process.env.BENCH_BASELINE) : null

// BENCH_ONLY=throughput: (a)–(d), (h), (i), (m) (and the baseline's) alone, in about 5 min.
const throughputOnly = process.env.BENCH_ONLY === 'throughput'
/** Starts a worker the sections after the throughput ones need, unless they are not run. */
const forLaterSections = (start) => (throughputOnly ? null : start())

// Every worker starts at once (their migrations run one after another).
const sharedState = throughputOnly ? null : newState()
const [cached, strict, [isolateA, isolateB], far, near, strapi, baselineGate] = await Promise.all([
  startWorker(18787, {}),
  startWorker(18797, { CACHE_TTL_SECONDS: '0' }),
  // (e): two processes, two isolates, one local D1. B starts once A serves: two workerd
  // opening one fresh SQLite file at once can fail with SQLITE_BUSY.
  forLaterSections(async () => {
    const vars = {
      CACHE_TTL_SECONDS: REVOCATION_TTL_SECONDS,
      REVOCATION_POLL_MS: String(REVOCATION_POLL_MS),
    }
    const a = await startWorker(18807, vars, sharedState)
    return [a, await startWorker(18817, vars, sharedState)]
  }) ?? [null, null],
  // (f): the same gate and TTL, over a far primary and over local D1.
  forLaterSections(() =>
    startWorker(18827, {
      CACHE_TTL_SECONDS: String(FAR_TTL_SECONDS),
      BENCH_D1_DELAY_MS: String(FAR_DELAY_MS),
    }),
  ),
  forLaterSections(() => startWorker(18837, { CACHE_TTL_SECONDS: String(FAR_TTL_SECONDS) })),
  // (k): cache off, with Strapi's salt.
  forLaterSections(() => startWorker(18847, STRAPI_WORKER_VARS)),
  baseline && startWorker(18857, {}, undefined, baseline.dir),
])

// (a)–(d), (h), (i)
const measured = await measureThroughput({
  cached,
  strict,
  rounds: ROUNDS,
  seconds: SECONDS,
  baseline: baselineGate ?? undefined,
})
const rows = throughputRows(measured)
console.log(
  `\nTollgate gate benchmark — ${ROUNDS} interleaved rounds × ${SECONDS} s per scenario, ${CONCURRENCY} concurrent keep-alive clients, Node ${process.version}\n`,
)
console.log(`  (a)–(d) the gate's cost on one token, ratios against (a), the unverified forward
  (h), (i) a GraphQL POST forwarded as sent vs verified, judged and re-printed (ratio (i)/(h) below)
  (e) revocation across two isolates (two wrangler dev processes, one local D1): a change through
      A's admin API, then B polled every ${POLL_INTERVAL_MS} ms until it refuses; goal ≤ 1 s + REVOCATION_POLL_MS
  (f) warm verified traffic, ${FAR_KEYS} keys in turn, over a far primary (+${FAR_DELAY_MS} ms per D1 execution)
      vs plain local D1, CACHE_TTL_SECONDS=${FAR_TTL_SECONDS}: with refresh-ahead p99 carries no D1 round trip
  (g) D1 statements per second per isolate (one wrangler dev = one isolate), at rest and under load
`)
await reportThroughput(measured, rows, {
  cached,
  strict,
  rounds: ROUNDS,
  baselineLabel: baseline?.commit,
})

if (throughputOnly) {
  cleanUp()
  process.exit(rows.some((row) => String(row.status).startsWith('UNEXPECTED')) ? 1 : 0)
}

// (e)
await runRevocation({
  isolateA,
  isolateB,
  repeats: REVOCATION_REPEATS,
  capSeconds: REVOCATION_CAP_SECONDS,
  pollIntervalMs: POLL_INTERVAL_MS,
  ttlSeconds: REVOCATION_TTL_SECONDS,
  feedPollMs: REVOCATION_POLL_MS,
})

// (f)
const farPrimary = await runFarPrimary({
  far,
  near,
  delayMs: FAR_DELAY_MS,
  ttlSeconds: FAR_TTL_SECONDS,
  rounds: FAR_ROUNDS,
  seconds: FAR_SECONDS,
  keys: FAR_KEYS,
  concurrency: FAR_CONCURRENCY,
})

// (g) At rest: every measured worker idle for REST_SECONDS; under load: the verified
// rounds above.
await runStatementRates(
  [
    { label: `warm cache (default TTL), (b)`, base: cached, load: measured.results.get('b') },
    {
      label: `local D1, TTL ${FAR_TTL_SECONDS} s, (f)`,
      base: near,
      load: farPrimary.results.get('near'),
    },
    {
      label: `far primary, TTL ${FAR_TTL_SECONDS} s, (f)`,
      base: far,
      load: farPrimary.results.get('far'),
    },
  ],
  REST_SECONDS,
)

// (k)
await runStrapiKeys({ base: strapi, keys: Number(process.env.BENCH_STRAPI_KEYS ?? 200) })

cleanUp()
// (j)
await runScanBench()
const unexpected = [...rows, ...farPrimary.rows].some((row) =>
  String(row.status).startsWith('UNEXPECTED'),
)
process.exit(unexpected ? 1 : 0)
