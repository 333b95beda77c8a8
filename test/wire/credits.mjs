// SPEC §13 over real HTTP: a metered token's credits are exact across isolates. Two
// `wrangler dev` processes on one state directory (two isolates on one D1, one Durable
// Object per token) take many parallel requests of a token holding 100 credits: exactly
// 100 pass, each answer's `X-Api-Token-Remaining` is a different balance, the rest are
// 429 USAGE_EXCEEDED, and nothing else comes back. Over several rounds.
import { expectAnswer, expectEqual, PORT, step, viaFetch, wire } from './steps.mjs'
import { unlocked, withSecondIsolate } from './second-isolate.mjs'

const CREDITS = 100
/** Requests per round, half through each isolate: three times the balance. */
const REQUESTS = 300
const ROUNDS = 3

/** A new read-only token holding `remaining` credits: its id and key. */
async function meteredKey(remaining) {
  const created = await viaFetch('/admin/api-tokens', {
    method: 'POST',
    headers: { Authorization: `Bearer ${wire.jwt}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: `metered ${crypto.randomUUID().slice(0, 8)}`,
      type: 'read-only',
      credits: { remaining, refill: null },
    }),
  })
  const { data } = expectAnswer('creating a metered token', created, { status: 201 })
  return { id: data.id, key: data.accessKey }
}

/** One request of `key` at `base`, retried past the two processes' D1 lock (503). */
async function spend(base, key) {
  const answer = await unlocked(() =>
    fetch(`${base}/api/articles`, { headers: { Authorization: `Bearer ${key}` } }),
  )
  const body = await answer.json()
  return {
    status: answer.status,
    code: body.error?.details?.code,
    remaining: answer.headers.get('X-Api-Token-Remaining'),
  }
}

step(
  `two isolates, ${REQUESTS} parallel requests, ${CREDITS} credits: exactly ${CREDITS} pass, ${ROUNDS} rounds`,
  () =>
    withSecondIsolate(async (b) => {
      const a = `http://127.0.0.1:${PORT}`
      for (let round = 1; round <= ROUNDS; round++) {
        // One request through each isolate first, so both have read the token from D1.
        const { id, key } = await meteredKey(CREDITS + 2)
        for (const base of [a, b]) {
          expectEqual(`round ${round}: warming ${base}`, 200, (await spend(base, key)).status)
        }
        const answers = await Promise.all(
          Array.from({ length: REQUESTS }, (_, index) => spend(index % 2 ? b : a, key)),
        )
        const passed = answers.filter((answer) => answer.status === 200)
        const refused = answers.filter((answer) => answer.status === 429)
        const through = passed.map((answer) => answer.remaining)
        const throughB = answers.filter((answer, index) => index % 2 && answer.status === 200)
        console.log(
          `      round ${round}: ${passed.length} passed (${throughB.length} through B), ${refused.length} refused`,
        )
        expectEqual(`round ${round}: passed`, CREDITS, passed.length)
        expectEqual(`round ${round}: refused`, REQUESTS - CREDITS, refused.length)
        expectEqual(
          `round ${round}: every refusal is USAGE_EXCEEDED with 0 left`,
          true,
          refused.every((answer) => answer.code === 'USAGE_EXCEEDED' && answer.remaining === '0'),
        )
        expectEqual(
          `round ${round}: each pass saw a different balance, ${CREDITS - 1} down to 0`,
          Array.from({ length: CREDITS }, (_, left) => String(left)),
          through.sort((x, y) => Number(x) - Number(y)),
        )
        const token = await viaFetch(`/admin/api-tokens/${id}`, {
          headers: { Authorization: `Bearer ${wire.jwt}` },
        })
        const { data } = expectAnswer('the token after', token, { status: 200 })
        expectEqual(`round ${round}: the live balance`, 0, data.credits.remaining)
      }
    }),
)
