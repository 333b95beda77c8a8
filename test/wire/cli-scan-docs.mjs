// docs/secret-scanning.md's blocks, run: `tollgate scan .` in bash and the output the page
// shows, the key regex (the scanner's own), the gitleaks rule (its TOML read, its regex
// tried on real keys and near misses: gitleaks itself is not installable here), and the
// pre-commit hook installed in a temporary git repository, refusing a commit with a key and
// letting one without through. Offline: no worker needed.
import { execFile } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { parse } from 'smol-toml'
import { codeBlocks } from '../../scripts/doc-blocks.mjs'
import { expectEqual, step } from './steps.mjs'
import { keyFormat, keyScanner, treeOf, withCharacterChanged } from './scan-kit.mjs'

const { generateApiKey, keyHintOf } = keyFormat
const { keyRegexSource } = keyScanner
const DOC = 'docs/secret-scanning.md'
const THIS_FILE = 'test/wire/cli-scan-docs.mjs'
const TOLLGATE_BIN = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url))
/** How the repository's `tollgate` runs from a shell: Node with tsx, on the sources. */
const TOLLGATE_COMMAND = `"${process.execPath}" --import "${import.meta.resolve('tsx')}" "${TOLLGATE_BIN}"`
const run = promisify(execFile)

/** The doc's blocks marked for this file, by `<doc>#<id>`. */
const blocks = new Map(
  codeBlocks(readFileSync(DOC, 'utf8'))
    .filter(({ cover }) => cover?.kind === 'tested-by' && cover.target === THIS_FILE)
    .map(({ cover, code }) => [`${DOC}#${cover.id}`, code]),
)

/** The code of the block `name` (`<doc>#<id>`); throws when the doc has no such block. */
function block(name) {
  const code = blocks.get(name)
  if (code === undefined) throw new Error(`no block tested-by ${THIS_FILE}#… as ${name}`)
  return code
}

/**
 * Runs `script` in bash in `cwd`, `tollgate` being this repository's; its exit code and
 * output (a failure is an answer here, not an exception).
 */
async function bash(script, cwd, env = {}) {
  const prelude = `tollgate() { ${TOLLGATE_COMMAND} "$@"; }`
  try {
    const { stdout, stderr } = await run('bash', ['-c', `${prelude}\n${script}`], {
      cwd,
      env: { ...process.env, ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error
    return { code, stdout, stderr }
  }
}

step(`${DOC}: tollgate scan . prints the line shown for a key in src/settings.env`, async () => {
  const key = generateApiKey('tg')
  const root = treeOf({ 'src/settings.env': `# settings\nAPI_KEY=${key}\n`, 'README.md': '#\n' })
  try {
    const { code, stdout, stderr } = await bash(block('docs/secret-scanning.md#scan'), root)
    const shown = block('docs/secret-scanning.md#scan-output').trim()
    expectEqual(
      'exit 1; the line shown, with this key’s hint; no key printed',
      [1, shown, false],
      [
        code,
        stdout.trim().replace(keyHintOf(key), shown.split(' ')[1]),
        `${stdout}${stderr}`.includes(key),
      ],
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

step(`${DOC}: the key regex shown is the scanner's own`, async () => {
  expectEqual('the regex', keyRegexSource('tg'), block('docs/secret-scanning.md#regex').trim())
})

step(`${DOC}: the gitleaks rule finds keys of the shape, alone or in code`, async () => {
  const config =
    /** @type {{ extend: { useDefault: boolean }, rules: { id: string, regex: string, keywords: string[] }[] }} */ (
      parse(block('docs/secret-scanning.md#gitleaks'))
    )
  const [rule] = config.rules
  // RE2 reads this regex as JavaScript does: no lookaround, \b on ASCII word characters.
  const pattern = new RegExp(rule.regex)
  const key = generateApiKey('tg')
  const matched = (text) => pattern.exec(text)?.[0] ?? null
  expectEqual(
    'useDefault, id, keywords; matches: alone, in an assignment, in quotes, a typo; not: longer words, another prefix',
    [
      true,
      'tollgate-api-key',
      true,
      key,
      key,
      key,
      withCharacterChanged(key, 30),
      null,
      null,
      null,
    ],
    [
      config.extend.useDefault,
      rule.id,
      rule.keywords.every((keyword) => key.includes(keyword)),
      matched(key),
      matched(`API_KEY=${key}\n`),
      matched(`{"key": "${key}"}`),
      matched(withCharacterChanged(key, 30)),
      matched(`x${key}`),
      matched(`${key}9`),
      matched(generateApiKey('acme')),
    ],
  )
})

step(
  `${DOC}: the pre-commit hook refuses a commit with a key, lets one without through`,
  async () => {
    const key = generateApiKey('tg')
    // The project has tollgate installed: `npx --no tollgate` finds it in node_modules/.bin.
    const root = treeOf({
      'node_modules/.bin/tollgate': `#!/bin/sh\nexec ${TOLLGATE_COMMAND} "$@"\n`,
      '.gitignore': 'node_modules/\n',
      'name with space.txt': 'nothing secret\n',
    })
    const git = 'git -c user.name=docs -c user.email=docs@example.com -c commit.gpgsign=false'
    const script = `
set -e
chmod +x node_modules/.bin/tollgate
git init -q .
${block('docs/secret-scanning.md#pre-commit')}
printf '# settings\\nAPI_KEY=%s\\n' "$KEY" > settings.env
git add .gitignore settings.env "name with space.txt"
if ${git} commit -qm "with a key" > with-key.log 2>&1; then echo "with a key: committed"; else echo "with a key: refused"; fi
printf '# settings\\nAPI_KEY=\\n' > settings.env
git add settings.env
${git} commit -qm "without" > without-key.log 2>&1 && echo "without: committed"
git log --format=%s
echo ---
cat with-key.log`
    try {
      const { code, stdout, stderr } = await bash(script, root, { KEY: key })
      const [summary, log] = stdout.split('---\n')
      expectEqual(
        'exit 0; refused then committed; the hook named the key’s place; no key printed',
        [0, 'with a key: refused\nwithout: committed\nwithout\n', true, false],
        [
          code,
          summary,
          log.split('\n').includes(`settings.env:2:9 ${keyHintOf(key)}`),
          `${stdout}${stderr}`.includes(key),
        ],
      )
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  },
)

step(`every block of ${DOC} marked tested-by ${THIS_FILE} is known here`, async () => {
  expectEqual(
    'the block ids',
    ['gitleaks', 'pre-commit', 'regex', 'scan', 'scan-output'].map((id) => `${DOC}#${id}`),
    [...blocks.keys()].sort(),
  )
})
