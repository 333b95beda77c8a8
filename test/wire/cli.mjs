// The `tollgate` command against the running worker (SPEC §11): each command as a person
// and as a script uses it — tables, `--json`, `--quiet` — its exit codes (0, 1 on an API
// error, 2 on a usage error), and the executable itself in a process of its own.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createServer } from 'node:http'
import { SignJWT } from 'jose'
import { tsImport } from 'tsx/esm/api'
import { expectEqual, HOST, step, viaFetch, wire } from './steps.mjs'

const { runTollgate } = await tsImport('../../cli/tollgate.ts', import.meta.url)

/** What one run printed and its exit code, with `env` as its environment. */
async function tollgateWith(env, ...args) {
  const out = []
  const err = []
  const io = { out: (text) => out.push(text), err: (text) => err.push(text), columns: 100, env }
  const code = await runTollgate(args, io)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** What one run printed and its exit code; `--url`/`--token` from the environment. */
const tollgate = (...args) =>
  tollgateWith({ TOLLGATE_URL: `http://${HOST}`, TOLLGATE_TOKEN: wire.jwt }, ...args)

/** An admin JWT holding only `actions`, signed as the host's backend would. */
function jwtFor(actions) {
  return new SignJWT({ permissions: actions })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('cli-wire')
    .setAudience('tollgate')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(wire.adminJwtSecret))
}

/** The status the gate answers `key` for GET /api/articles. */
async function gateStatus(key) {
  return (await viaFetch('/api/articles', { headers: { Authorization: `Bearer ${key}` } })).status
}

/** The lines of `text` that hold `word`. */
const linesWith = (text, word) => text.split('\n').filter((line) => line.includes(word))

const cli = { name: `cli ${Date.now()}`, id: 0, key: '' }

step('tollgate --help: the commands, the options, examples; exit 0', async () => {
  const help = await tollgate('--help')
  const tokensHelp = await tollgate('tokens', 'create', '--help')
  expectEqual(
    'exit codes; commands, examples, create’s options',
    [0, true, true, true, 0, true],
    [
      help.code,
      ['tokens', 'verify', '--url <url>', '--json'].every((word) => help.out.includes(word)),
      help.out.includes('$ tollgate tokens create --name'),
      help.err === '',
      tokensHelp.code,
      ['--name <name>', '--duration <duration>', '"90d"', '--permission <action>', '--quiet'].every(
        (word) => tokensHelp.out.includes(word),
      ),
    ],
  )
})

step('tokens create --quiet prints the key alone, and it reads at the gate', async () => {
  const { code, out, err } = await tollgate(
    'tokens',
    'create',
    '--name',
    cli.name,
    '--type',
    'read-only',
    '--duration',
    '7d',
    '--quiet',
  )
  cli.key = out
  expectEqual(
    'exit 0, one line, nothing on stderr',
    [0, 1, ''],
    [code, out.split('\n').length, err],
  )
  expectEqual('the key reads', 200, await gateStatus(cli.key))
})

step('tokens list: a table for people, the data for scripts (--json)', async () => {
  const table = await tollgate('tokens', 'list', '--search', cli.name)
  const json = await tollgate('--json', 'tokens', 'list', '--search', cli.name)
  const [token] = JSON.parse(json.out)
  cli.id = token.id
  const [row] = linesWith(table.out, cli.name)
  expectEqual(
    'header, the row: id, type, status, key hint; the JSON',
    [true, true, [cli.name, 'read-only', false]],
    [
      table.out.startsWith('ID  '),
      [String(cli.id), 'read-only', 'active', cli.key.slice(-4)].every((cell) =>
        row?.includes(cell),
      ),
      [token.name, token.type, 'accessKey' in token],
    ],
  )
})

step('tokens update, disable, enable: the fields change, a disabled key is refused', async () => {
  const updated = await tollgate(
    'tokens',
    'update',
    String(cli.id),
    '--description',
    'from the CLI',
    '--ip',
    '0.0.0.0/0',
  )
  const disabled = await tollgate('tokens', 'disable', String(cli.id))
  const refused = await gateStatus(cli.key)
  const enabled = await tollgate('--json', 'tokens', 'enable', String(cli.id))
  expectEqual(
    'the description and IPs; disabled then refused; enabled again',
    [0, true, true, true, 401, true, 200],
    [
      updated.code,
      linesWith(updated.out, 'Description:')[0]?.endsWith('from the CLI'),
      linesWith(updated.out, 'Allowed IPs:')[0]?.endsWith('0.0.0.0/0'),
      linesWith(disabled.out, 'Status:')[0]?.endsWith('disabled'),
      refused,
      JSON.parse(enabled.out).enabled,
      await gateStatus(cli.key),
    ],
  )
})

step(
  'tokens regenerate --grace 1h --quiet: a new key; the old one works through its grace',
  async () => {
    const { code, out } = await tollgate(
      'tokens',
      'regenerate',
      String(cli.id),
      '--grace',
      '1h',
      '--quiet',
    )
    const shown = await tollgate('tokens', 'show', String(cli.id))
    expectEqual(
      'exit 0, a new key, both read, the previous key shown',
      [0, true, 200, 200, true],
      [
        code,
        out !== cli.key && out.length === cli.key.length,
        await gateStatus(out),
        await gateStatus(cli.key),
        linesWith(shown.out, 'Previous key:')[0]?.includes(`${cli.key.slice(-4)} until`),
      ],
    )
    cli.key = out
  },
)

step(
  'tokens usage --days 7 draws a bar chart of the days; tokens events lists the log',
  async () => {
    const usage = await tollgate('tokens', 'usage', String(cli.id), '--days', '7')
    const rows = usage.out.split('\n')
    const today = new Date().toISOString().slice(0, 10)
    const events = await tollgate('tokens', 'events', String(cli.id))
    expectEqual(
      '7 days and a legend; today has a bar; events newest first',
      [0, 8, true, true, ['regenerated', 'enabled', 'disabled', 'updated', 'created']],
      [
        usage.code,
        rows.length,
        /█/.test(linesWith(usage.out, today)[0] ?? ''),
        rows.at(-1).startsWith('█ passed  ▒ refused'),
        events.out
          .split('\n')
          .slice(1)
          .filter((line) => line.includes(cli.name))
          .map((line) => line.split(/\s{2,}/)[1]),
      ],
    )
  },
)

step('verify KEY: exit 0 for a key that may, 1 for one that may not', async () => {
  const may = await tollgate(
    'verify',
    cli.key,
    '--method',
    'GET',
    '--path',
    '/api/articles',
    '--ip',
    '203.0.113.9',
  )
  const mayNot = await tollgate('verify', cli.key, '--method', 'POST', '--path', '/api/articles')
  const unknown = await tollgate('--json', 'verify', `${cli.key.slice(0, -6)}AAAAAA`)
  expectEqual(
    'codes and verdicts',
    [0, 'Valid:   yes', 1, true, 1, false],
    [
      may.code,
      may.out.split('\n')[0],
      mayNot.code,
      mayNot.out.split('\n')[0].startsWith('Valid:   no (FORBIDDEN'),
      unknown.code,
      JSON.parse(unknown.out).valid,
    ],
  )
})

step('errors: an API error exits 1 with its message and field codes on stderr', async () => {
  const taken = await tollgate('tokens', 'create', '--name', cli.name, '--type', 'read-only')
  expectEqual(
    'exit 1, the message, the field',
    [1, '', ['error: Name already taken', '  name: Name already taken (name_taken)']],
    [taken.code, taken.out, taken.err.split('\n')],
  )
})

step(
  'usage errors exit 2 and change nothing: unknown command, missing option, bad value',
  async () => {
    const runs = await Promise.all([
      tollgate('tokens', 'rename', '1'),
      tollgate('tokens', 'create', '--type', 'read-only'),
      tollgate('tokens', 'create', '--name', 'x', '--type', 'read-only', '--duration', '5d'),
      tollgate('tokens', 'regenerate', String(cli.id), '--grace', 'soon'),
      tollgate('tokens', 'show', 'twelve'),
      tollgate('tokens', 'delete', String(cli.id)),
      tollgate('verify', cli.key, '--method', 'POST'),
      tollgate('tokens', 'usage', String(cli.id), '--days', '0'),
    ])
    const stillThere = await tollgate('tokens', 'show', String(cli.id))
    expectEqual(
      'exit 2 each, a message each, the token untouched',
      [[2, 2, 2, 2, 2, 2, 2, 2], true, 0],
      [
        runs.map((run) => run.code),
        runs.every((run) => run.err.includes('error:')),
        stillThere.code,
      ],
    )
  },
)

step(
  'regenerate never loses the key: an admin who may not read still gets it; --json is its data',
  async () => {
    const env = {
      TOLLGATE_URL: `http://${HOST}`,
      TOLLGATE_TOKEN: await jwtFor(['admin::api-tokens.regenerate']),
    }
    const blind = await tollgateWith(env, 'tokens', 'regenerate', String(cli.id))
    const key = blind.out.split('\n').at(-1)
    const blindKeyReads = await gateStatus(key)
    const json = await tollgate(
      '--json',
      'tokens',
      'regenerate',
      String(cli.id),
      '--duration',
      '30d',
    )
    const data = JSON.parse(json.out)
    expectEqual(
      'exit 0, the key printed and reading; the JSON is the regenerate answer',
      [0, 200, ['accessKey', 'expiresAt', 'id', 'previousKey'], cli.id],
      [blind.code, blindKeyReads, Object.keys(data).sort(), data.id],
    )
    cli.key = data.accessKey
  },
)

step('--ip none lifts the restriction; a missing token deletes nothing', async () => {
  const lifted = await tollgate('--json', 'tokens', 'update', String(cli.id), '--ip', 'none')
  const missing = await tollgate('tokens', 'delete', '999999', '--yes')
  expectEqual(
    'allowedIps emptied; the message',
    [[], 0, 'No token 999999: nothing deleted.'],
    [JSON.parse(lifted.out).allowedIps, missing.code, missing.out],
  )
})

step(
  'an answer that is not Tollgate’s (a login page, a foreign 404) is exit 1, not a crash',
  async () => {
    /** @type {((res: import('node:http').ServerResponse) => void)[]} */
    const answers = [
      (res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Sign in</html>'),
      (res) =>
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"Not found"}'),
    ]
    const seen = []
    for (const answer of answers) {
      const server = createServer((_req, res) => answer(res))
      await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
      const env = {
        TOLLGATE_URL: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
        TOLLGATE_TOKEN: 'jwt',
      }
      const run = await tollgateWith(env, 'tokens', 'show', '1')
      server.close()
      seen.push([run.code, run.err])
    }
    expectEqual(
      'exit 1 with the status said',
      [
        [1, 'error: The API Tokens service answered 200 without its data'],
        [1, 'error: The API Tokens service answered 404 without its error'],
      ],
      seen,
    )
  },
)

step(
  'metered: --credits, --refill and --meta on create; tokens credits --add tops up',
  async () => {
    const name = `cli metered ${Date.now()}`
    const created = await tollgate(
      'tokens',
      'create',
      '--name',
      name,
      '--type',
      'read-only',
      '--credits',
      '2',
      '--refill',
      '100/day',
      '--meta',
      '{"plan":"pro"}',
      '--quiet',
    )
    const key = created.out
    const statuses = [await gateStatus(key), await gateStatus(key), await gateStatus(key)]
    const [token] = JSON.parse((await tollgate('--json', 'tokens', 'list', '--search', name)).out)
    const shown = await tollgate('tokens', 'show', String(token.id))
    const listed = await tollgate('tokens', 'list', '--search', name)
    const topped = await tollgate('tokens', 'credits', String(token.id), '--add', '5')
    const neither = await tollgate('tokens', 'credits', String(token.id))
    const badRefill = await tollgate('tokens', 'update', String(token.id), '--refill', '5/week')
    expectEqual(
      'two pass, the third is refused; show, list, top-up; usage errors exit 2',
      [[200, 200, 429], { plan: 'pro' }, true, true, true, true, 200, 2, 2],
      [
        statuses,
        token.meta,
        linesWith(shown.out, 'Credits:')[0]?.endsWith('0 left, 100 each day'),
        linesWith(shown.out, 'Meta:')[0]?.endsWith('{"plan":"pro"}'),
        listed.out.split('\n')[0]?.includes('CREDITS'),
        linesWith(topped.out, 'Credits:')[0]?.endsWith('5 left, 100 each day'),
        await gateStatus(key),
        neither.code,
        badRefill.code,
      ],
    )
  },
)

step('tokens delete --yes, then show exits 1: the executable in its own process', async () => {
  const bin = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url))
  const run = (...args) =>
    spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], {
      encoding: 'utf8',
      env: { ...process.env, TOLLGATE_URL: `http://${HOST}`, TOLLGATE_TOKEN: wire.jwt },
    })
  const deleted = run('tokens', 'delete', String(cli.id), '--yes')
  const gone = run('tokens', 'show', String(cli.id))
  const noUrl = spawnSync(process.execPath, ['--import', 'tsx', bin, 'tokens', 'list'], {
    encoding: 'utf8',
    env: { ...process.env, TOLLGATE_URL: '', TOLLGATE_TOKEN: '' },
  })
  expectEqual(
    'deleted (0), then Not Found (1), no URL (2); the key refused',
    [0, `Deleted token ${cli.id} "${cli.name}".`, 1, 'error: API Token not found', 2, 401],
    [
      deleted.status,
      deleted.stdout.trim(),
      gone.status,
      gone.stderr.trim(),
      noUrl.status,
      await gateStatus(cli.key),
    ],
  )
})

step(
  'the bar chart: the busiest day fills the width, others in proportion, refused shaded',
  async () => {
    const { barChart } = await tsImport('../../cli/bar-chart.ts', import.meta.url)
    const days = [
      { date: '2026-12-01', requests: 40, refused: 0 },
      { date: '2026-12-02', requests: 10, refused: 10 },
      { date: '2026-12-03', requests: 0, refused: 0 },
      { date: '2026-12-04', requests: 1, refused: 0 },
    ]
    const rows = barChart({ days, total: { requests: 51, refused: 10 } }, 20).split('\n')
    // A row: the date, " │", the bar padded to width + 1, a space, the counts.
    const [bars, counts] = [(row) => row.slice(12, 33).trimEnd(), (row) => row.slice(34)].map(
      (part) => rows.slice(0, 4).map(part),
    )
    expectEqual(
      'widths in cells (eighths for the rest), the counts, the legend',
      [
        ['█'.repeat(20), '█████▒▒▒▒▒', '', '▌'],
        ['40', '10 passed, 10 refused', '0', '1'],
        '█ passed  ▒ refused   total: 51 passed, 10 refused',
      ],
      [bars, counts, rows[4]],
    )
  },
)
