// `BENCH_BASELINE=<git revision> npm run bench`: the same throughput rounds also drive the
// gate as it was at that revision, side by side in one run, so that "the unmetered path
// did not get slower" is a ratio measured under the same load, not two runs compared.
// The revision is checked out in a temporary git worktree sharing this checkout's
// node_modules; its bench worker runs from there.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * A worktree of `revision` (with this checkout's node_modules) and how to remove it.
 * @param {string} revision
 * @returns {{ dir: string, commit: string, remove: () => void }}
 */
export function checkOutBaseline(revision) {
  const dir = join(mkdtempSync(join(tmpdir(), 'tollgate-baseline-')), 'tree')
  const commit = execFileSync('git', ['rev-parse', '--short', `${revision}^{commit}`], {
    encoding: 'utf8',
  }).trim()
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', dir, commit])
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir')
  let removed = false
  const remove = () => {
    if (removed) return
    removed = true
    execFileSync('git', ['worktree', 'remove', '--force', dir])
    rmSync(resolve(dir, '..'), { recursive: true, force: true })
  }
  process.on('exit', remove)
  return { dir, commit, remove }
}
