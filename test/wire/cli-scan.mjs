// `tollgate scan` on real files (SPEC §12, "Find keys before they leak"): which keys it
// reports and where, what it skips (wrong checksums, `.git`, `node_modules`, binaries,
// large files), its output lines, `--json`, its exit codes (1 found, 0 none, 2 usage) —
// and that no key it reads ever reaches stdout or stderr. Offline: no worker needed.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { expectEqual, step } from './steps.mjs'
import { keyFormat, tollgate, treeOf, withCharacterChanged } from './scan-kit.mjs'

const { generateApiKey, keyHintOf } = keyFormat
const [real, second, third, inGit, inModules, inBinary, inCrlf] = Array.from({ length: 7 }, () =>
  generateApiKey('tg'),
)
const corrupted = withCharacterChanged(real, 20)
const everyKey = [real, second, third, inGit, inModules, inBinary, inCrlf, corrupted]

/** Throws when any key of `everyKey` (or `more`) shows in what a run printed. */
function expectNoKeyIn({ out, err }, more = []) {
  const shown = [...everyKey, ...more].filter((key) => out.includes(key) || err.includes(key))
  expectEqual('keys printed in full', [], shown)
}

/** The tree of the scan: one file per case, each key where the comment says. */
function leakyTree() {
  return treeOf({
    // (a) a real key, on line 2, after `API_KEY=` (column 9)
    'src/config.env': `# settings\nAPI_KEY=${real}\n`,
    // (b) one character changed: the shape holds, the checksum does not
    'src/typo.txt': `key: ${corrupted}\n`,
    // (c) inside .git and node_modules: never walked into
    '.git/config': `[remote]\n  token = ${inGit}\n`,
    'node_modules/pkg/index.js': `module.exports = '${inModules}'\n`,
    // (d) a binary: a NUL byte in its first 8 KB
    'assets/blob.bin': Buffer.concat([Buffer.from([0x89, 0x00, 0x01]), Buffer.from(inBinary)]),
    // (e) two keys on one line, columns 12 and 72 (a tab counts one)
    'src/two.js': `const a = '${second}',\tb = "${third}"\n`,
    // (f) CRLF line endings: the key on line 3, column 3
    'src/crlf.txt': `first\r\nsecond\r\n- ${inCrlf}\r\nlast\r\n`,
    // a key inside a longer word is not a key
    'src/word.txt': `x${real}\n${real}y\n`,
  })
}

step('tollgate scan prints file:line:column keyHint for each real key, and exits 1', async () => {
  const root = leakyTree()
  try {
    const result = await tollgate('scan', root)
    expectNoKeyIn(result)
    expectEqual(
      'exit code, stdout, stderr',
      {
        code: 1,
        out: [
          `${join(root, 'src/config.env')}:2:9 ${keyHintOf(real)}`,
          `${join(root, 'src/crlf.txt')}:3:3 ${keyHintOf(inCrlf)}`,
          `${join(root, 'src/two.js')}:1:12 ${keyHintOf(second)}`,
          `${join(root, 'src/two.js')}:1:72 ${keyHintOf(third)}`,
        ].join('\n'),
        err: '4 keys in 3 files; scanned 5 files (0.0 MB), 1 binary file skipped. Revoke each key, then remove it.',
      },
      result,
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

step('tollgate scan --json gives file, line, column and keyHint, never the key', async () => {
  const root = leakyTree()
  try {
    const result = await tollgate('scan', '--json', join(root, 'src/config.env'))
    expectNoKeyIn(result)
    expectEqual(
      'exit code and the findings',
      [1, [{ file: join(root, 'src/config.env'), line: 2, column: 9, keyHint: keyHintOf(real) }]],
      [result.code, JSON.parse(result.out)],
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

step('tollgate scan exits 0 on a clean tree, saying what it scanned', async () => {
  const root = treeOf({ 'a.txt': `no key here: ${corrupted}\n`, 'b/c.md': '# nothing\n' })
  try {
    const result = await tollgate('scan', root)
    expectEqual(
      'exit code, stdout, stderr',
      { code: 0, out: '', err: 'no keys; scanned 2 files (0.0 MB)' },
      result,
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

step('tollgate scan scans a file named on the command line, even in node_modules', async () => {
  const root = leakyTree()
  try {
    const file = join(root, 'node_modules/pkg/index.js')
    const result = await tollgate('scan', file)
    expectNoKeyIn(result)
    expectEqual(
      'exit code and stdout',
      [1, `${file}:1:19 ${keyHintOf(inModules)}`],
      [result.code, result.out],
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

step('tollgate scan reports a file named twice (itself and in its directory) once', async () => {
  const root = leakyTree()
  try {
    const file = join(root, 'src/config.env')
    const result = await tollgate('scan', join(root, 'src'), `${root}/./src/config.env`)
    expectNoKeyIn(result)
    expectEqual(
      'exit code and stdout',
      [
        1,
        [
          `${file}:2:9 ${keyHintOf(real)}`,
          `${join(root, 'src/crlf.txt')}:3:3 ${keyHintOf(inCrlf)}`,
          `${join(root, 'src/two.js')}:1:12 ${keyHintOf(second)}`,
          `${join(root, 'src/two.js')}:1:72 ${keyHintOf(third)}`,
        ].join('\n'),
      ],
      [result.code, result.out],
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

step('tollgate scan --prefix finds another TOKEN_PREFIX, as acme or acme_', async () => {
  const acme = generateApiKey('acme')
  const root = treeOf({ 'keys.txt': `${acme}\n${real}\n` })
  try {
    const [plain, underscored, byDefault] = [
      await tollgate('scan', '--prefix', 'acme', root),
      await tollgate('scan', '--prefix', 'acme_', root),
      await tollgate('scan', root),
    ]
    for (const result of [plain, underscored, byDefault]) expectNoKeyIn(result, [acme])
    const file = join(root, 'keys.txt')
    expectEqual(
      'acme, acme_, the default tg',
      [
        [1, `${file}:1:1 ${keyHintOf(acme)}`],
        [1, `${file}:1:1 ${keyHintOf(acme)}`],
        [1, `${file}:2:1 ${keyHintOf(real)}`],
      ],
      [plain, underscored, byDefault].map(({ code, out }) => [code, out]),
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

step('tollgate scan skips files over --max-size, naming them on stderr', async () => {
  const big = `${real}\n${'x'.repeat(1_100_000)}\n`
  const root = treeOf({ 'big.txt': big })
  try {
    const skipped = await tollgate('scan', '--max-size', '1', root)
    const asked = await tollgate('scan', '--max-size', '2', root)
    expectNoKeyIn(skipped)
    expectNoKeyIn(asked)
    const file = join(root, 'big.txt')
    expectEqual(
      'over 1 MB: skipped and named, exit 0; under 2 MB: found, exit 1',
      [
        [0, '', `skipped ${file}: over 1 MB (--max-size)\nno keys; scanned 0 files (0.0 MB)`],
        [1, `${file}:1:1 ${keyHintOf(real)}`],
      ],
      [
        [skipped.code, skipped.out, skipped.err],
        [asked.code, asked.out],
      ],
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

step('tollgate scan exits 2 on a path that does not exist or a bad option', async () => {
  const root = treeOf({ 'a.txt': 'nothing\n' })
  try {
    const missing = join(root, 'missing')
    const results = [
      await tollgate('scan', root, missing),
      await tollgate('scan', '--prefix', 'TG', root),
      await tollgate('scan', '--max-size', 'lots', root),
      await tollgate('scan'),
    ]
    expectEqual(
      'exit codes and the first line of stderr',
      [
        [2, `error: no such file or directory: ${missing}`],
        [2, 'error: --prefix: not a key prefix: "TG" (1–16 lowercase letters or digits)'],
        [2, 'error: --max-size must be a positive number of megabytes, not "lots"'],
        [2, "error: missing required argument 'paths'"],
      ],
      results.map(({ code, err }) => [code, err.split('\n')[0]]),
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
