// (e) Revocation latency across two isolates: two workers on ONE local D1. Each trial: a
// token created through A, warmed in B (which also proves the two share D1), then changed
// through A; B is polled until it refuses. Trials start staggered (not in step with the
// feed's poll) and run side by side, so the whole section waits one cap at most.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { adminJwt, createToken, median, sleep } from './harness.mjs'

/**
 * A change through A's admin API that B must come to refuse: the token `type` created, the
 * `probe` request sent to B, the admin request of the change and the status it answers.
 * @typedef {{
 *   id: string,
 *   name: string,
 *   type: string,
 *   probe: { method: string, body?: string },
 *   change: (id: number) => { method: string, path: string, action: string, body?: object },
 *   changed: number,
 * }} RevocationCase
 */

/** @type {RevocationCase[]} */
export const revocationCases = [
  {
    id: 'delete',
    name: 'delete',
    type: 'read-only',
    probe: { method: 'GET' },
    change: (id) => ({ method: 'DELETE', path: `/admin/api-tokens/${id}`, action: 'delete' }),
    changed: 200,
  },
  {
    id: 'regenerate',
    name: 'regenerate (old key)',
    type: 'read-only',
    probe: { method: 'GET' },
    change: (id) => ({
      method: 'POST',
      path: `/admin/api-tokens/${id}/regenerate`,
      action: 'regenerate',
    }),
    changed: 201,
  },
  {
    id: 'demote',
    name: 'full-access → read-only, POST',
    type: 'full-access',
    probe: { method: 'POST', body: JSON.stringify({ data: { title: 'bench' } }) },
    change: (id) => ({
      method: 'PUT',
      path: `/admin/api-tokens/${id}`,
      action: 'update',
      body: { type: 'read-only' },
    }),
    changed: 200,
  },
]
const pollAgent = new http.Agent({ keepAlive: true })

/**
 * One request for (e), timed to the arrival of the response's head.
 * @param {string} url
 * @param {string} key
 * @param {{ method: string, body?: string }} request
 * @returns {Promise<{ status: number, at: number }>}
 */
export function probe(url, key, { method, body }) {
  return new Promise((resolve, reject) => {
    const headers = { Authorization: `Bearer ${key}` }
    if (body) Object.assign(headers, { 'Content-Type': 'application/json' })
    const req = http.request(url, { method, agent: pollAgent, headers }, (res) => {
      const at = performance.now()
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode, at }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * Runs (e) and prints its heading, table and verdict: each case `repeats` times, B polled
 * every `pollIntervalMs` for at most `capSeconds` after A answered the change. `ttlSeconds`
 * and `feedPollMs` are the workers' CACHE_TTL_SECONDS and REVOCATION_POLL_MS.
 * @param {{
 *   isolateA: string,
 *   isolateB: string,
 *   repeats: number,
 *   capSeconds: number,
 *   pollIntervalMs: number,
 *   ttlSeconds: string,
 *   feedPollMs: number,
 * }} options
 */
export async function runRevocation({
  isolateA,
  isolateB,
  repeats,
  capSeconds,
  pollIntervalMs,
  ttlSeconds,
  feedPollMs,
}) {
  const revocationJwt = await adminJwt(['create', 'update', 'delete', 'regenerate'])
  const runTag = randomBytes(4).toString('hex')
  const trials = []
  for (const revocationCase of revocationCases) {
    for (let i = 0; i < repeats; i++) {
      const name = `revoke-${revocationCase.id}-${i}-${runTag}`
      const token = await createToken(isolateA, { name, type: revocationCase.type })
      const warm = await probe(`${isolateB}/api/articles`, token.accessKey, revocationCase.probe)
      if (warm.status !== 200)
        throw new Error(
          `B answered ${warm.status} to a ${revocationCase.type} key created through A: ` +
            `the two workers do not share one D1`,
        )
      trials.push({ revocationCase, token })
    }
  }
  // Stagger: a step that is no divisor of the feed's poll, so trials meet it at other phases.
  const stagger = Math.max(1, Math.round(feedPollMs / repeats + 37))
  const cap = capSeconds * 1000
  const revocationStarted = Date.now()
  const outcomes = await Promise.all(
    trials.map(async ({ revocationCase, token }, i) => {
      await sleep(i * stagger)
      const change = revocationCase.change(token.id)
      // Two workerd processes on one SQLite file: a write can meet the other's lock
      // (SQLITE_BUSY), which the worker answers 503 and changes nothing; send it again.
      let response
      for (let attempt = 1; ; attempt++) {
        response = await fetch(`${isolateA}${change.path}`, {
          method: change.method,
          headers: { Authorization: `Bearer ${revocationJwt}`, 'Content-Type': 'application/json' },
          body: change.body ? JSON.stringify(change.body) : undefined,
        })
        if (response.status !== 503 || attempt === 3) break
        await response.arrayBuffer()
        await sleep(50)
      }
      const changedAt = performance.now()
      await response.arrayBuffer()
      if (response.status !== revocationCase.changed)
        throw new Error(`${change.method} ${change.path} through A answered ${response.status}`)
      let polls = 0
      const others = new Map()
      for (;;) {
        const { status, at } = await probe(
          `${isolateB}/api/articles`,
          token.accessKey,
          revocationCase.probe,
        )
        polls += 1
        if (status === 401 || status === 403)
          return { id: revocationCase.id, ms: at - changedAt, polls, others }
        if (status !== 200) others.set(status, (others.get(status) ?? 0) + 1)
        if (performance.now() - changedAt >= cap)
          return { id: revocationCase.id, ms: Infinity, polls, others }
        await sleep(pollIntervalMs)
      }
    }),
  )
  const revocationSeconds = (Date.now() - revocationStarted) / 1000
  const revocationGoal = 1000 + feedPollMs
  const showMs = (ms) => (Number.isFinite(ms) ? ms.toFixed(0) : `not revoked within ${capSeconds}s`)
  const revocationRows = revocationCases.map((revocationCase) => {
    const mine = outcomes.filter((o) => o.id === revocationCase.id)
    const sorted = mine.map((o) => o.ms).sort((x, y) => x - y)
    const others = new Map()
    for (const o of mine) for (const [status, n] of o.others) others.set(status, n)
    return {
      'change through A': `(e) ${revocationCase.name}`,
      runs: mine.length,
      'each ms': sorted.map((ms) => (Number.isFinite(ms) ? ms.toFixed(0) : '∞')).join(' '),
      'median ms': showMs(median(sorted)),
      'worst ms': showMs(sorted.at(-1)),
      [`≤ ${revocationGoal} ms`]: sorted.at(-1) <= revocationGoal ? 'yes' : 'NO',
      'polls of B': mine.reduce((sum, o) => sum + o.polls, 0),
      'other statuses': others.size ? JSON.stringify(Object.fromEntries(others)) : '',
    }
  })
  const revocationWorst = Math.max(...outcomes.map((o) => o.ms))
  console.log(
    `\n(e) Revocation across two isolates — CACHE_TTL_SECONDS=${ttlSeconds}, REVOCATION_POLL_MS=${feedPollMs}, ` +
      `${repeats} runs per change, B polled every ${pollIntervalMs} ms, capped at ${capSeconds} s ` +
      `(${revocationSeconds.toFixed(1)} s); latency = A's admin response → B's first 401/403\n`,
  )
  console.table(revocationRows)
  console.log(
    `revocation across isolates, worst of ${outcomes.length}: ${showMs(revocationWorst)}${Number.isFinite(revocationWorst) ? ' ms' : ''} ` +
      `(goal ≤ 1 s + REVOCATION_POLL_MS = ${revocationGoal} ms: ${revocationWorst <= revocationGoal ? 'met' : 'NOT MET'})`,
  )
}
