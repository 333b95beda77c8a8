// What the `tollgate scan` steps share: the CLI and the worker's own key functions (the
// scanner must find exactly what the worker issues), run in this process.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { tsImport } from 'tsx/esm/api'

const { runTollgate } = await tsImport('../../cli/tollgate.ts', import.meta.url)
/** The worker's key format: `generateApiKey`, `keyHintOf`, `isWellFormedApiKey`. */
export const keyFormat = await tsImport('../../worker/keys/key-format.ts', import.meta.url)
/** The scanner itself: `KeyScanner`, `keyRegexSource`. */
export const keyScanner = await tsImport('../../cli/key-scanner.ts', import.meta.url)

/**
 * What one `tollgate …` run printed and its exit code (no worker: scan is offline).
 * @param {string[]} args
 */
export async function tollgate(...args) {
  const out = []
  const err = []
  const io = { out: (text) => out.push(text), err: (text) => err.push(text), columns: 100, env: {} }
  const code = await runTollgate(args, io)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/**
 * A fresh temporary directory holding `files` (path → text or bytes); its path.
 * @param {Record<string, string | Uint8Array>} files
 */
export function treeOf(files) {
  const root = mkdtempSync(join(tmpdir(), 'tollgate-scan-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

/**
 * `key` with the character at `index` replaced by the next base62 character (same shape,
 * wrong checksum unless the change hit the prefix or separator).
 * @param {string} key
 * @param {number} index
 */
export function withCharacterChanged(key, index) {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  const next = alphabet[(alphabet.indexOf(key[index]) + 1) % alphabet.length]
  return key.slice(0, index) + next + key.slice(index + 1)
}
