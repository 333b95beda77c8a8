// The key scanner's properties (fast-check; a fixed seed in `npm test`, FUZZ_SEED and
// FUZZ_RUNS as `npm run fuzz` sets them): in any text, it reports exactly the keys put
// there, at their line and column; a key with one character changed, or two neighbours
// swapped, is never reported (CRC-32 catches both).
import fc from 'fast-check'
import { expectEqual, step } from './steps.mjs'
import { keyFormat, keyScanner } from './scan-kit.mjs'

const { generateApiKey, keyHintOf } = keyFormat
const { KeyScanner } = keyScanner
const parameters = {
  seed: Number(process.env.FUZZ_SEED ?? 1912),
  numRuns: Number(process.env.FUZZ_RUNS ?? 300),
  endOnFailure: true,
}
/** Keys from the worker's own generator, picked by index so that a run replays. */
const KEYS = Array.from({ length: 16 }, () => generateApiKey('tg'))
const scanner = new KeyScanner('tg')

/**
 * Text of any code points (astral ones, CR, LF and NUL included) — and, so that near
 * misses come up, pieces of keys.
 */
const text = fc.array(
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('\n', '\r\n', 'tg_', '_', ' '),
    fc.nat({ max: KEYS.length - 1 }).map((i) => KEYS[i].slice(0, 30)),
  ),
  { maxLength: 12 },
)
/** What may stand beside a key: anything but a base62 character. */
const separator = fc.constantFrom(' ', '\n', '\r\n', '"', "'", '=', ':', '\t', '_', 'é', '😀', '')

/** Line and column (1-based, columns in code points) of `index` in `whole`: the oracle. */
function positionOf(whole, index) {
  const lines = whole.slice(0, index).split('\n')
  return { line: lines.length, column: [...lines.at(-1)].length + 1 }
}

/** Whether `text` ends or starts with a base62 character (it would lengthen a key). */
const base62At = (piece, at) => /[0-9A-Za-z]/.test(piece.at(at) ?? '')

step(
  'the scanner reports exactly the keys inserted in random text, at their positions',
  async () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, separator, fc.nat({ max: KEYS.length - 1 }), separator), {
          maxLength: 6,
        }),
        text,
        (pieces, tail) => {
          let whole = ''
          const expected = []
          for (const [before, open, keyIndex, close] of pieces) {
            whole += before.join('')
            // A base62 character before the key would make it part of a longer word.
            whole += open === '' && base62At(whole, -1) ? ' ' : open
            expected.push({
              ...positionOf(whole, whole.length),
              keyHint: keyHintOf(KEYS[keyIndex]),
            })
            whole += KEYS[keyIndex] + (close === '' ? ' ' : close)
          }
          whole += tail.join('')
          expectEqual('the keys found', expected, scanner.scan(whole))
        },
      ),
      parameters,
    )
  },
)

step('the scanner never reports a key with one character changed or two swapped', async () => {
  const change = fc.record({
    keyIndex: fc.nat({ max: KEYS.length - 1 }),
    at: fc.nat({ max: 51 }),
    replacement: fc.constantFrom(
      ...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_',
    ),
    swap: fc.boolean(),
  })
  fc.assert(
    fc.property(change, text, ({ keyIndex, at, replacement, swap }, around) => {
      const key = KEYS[keyIndex]
      const changed = swap
        ? key.slice(0, at) + key[at + 1] + key[at] + key.slice(at + 2)
        : key.slice(0, at) + replacement + key.slice(at + 1)
      fc.pre(changed !== key && changed.length === key.length)
      const whole = `${around.join('')} ${changed} ${around.join('')}`
      fc.pre(!KEYS.some((other) => whole.includes(other)))
      expectEqual('the keys found', [], scanner.scan(whole))
    }),
    parameters,
  )
})
