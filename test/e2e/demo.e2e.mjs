// End-to-end: the demo as a user meets it. Starts `wrangler dev` with the gate and the
// demo origin on a fresh local D1, drives Debian's Chromium through the demo admin
// page with playwright-core, and calls the API through the gate with the keys the
// page showed. Writes its pass/fail counts to E2E_COUNT_FILE for `npm test`.
import { mkdirSync } from 'node:fs'
import { runSteps } from '../../scripts/run-steps.mjs'
import { startDemoWorker } from '../../scripts/wrangler-dev.mjs'
import { launchChromium } from '../../scripts/launch-chromium.mjs'

const PORT = Number(process.env.E2E_PORT ?? 18_887)
const BASE = `http://127.0.0.1:${PORT}`
let worker
let browser

async function startWorker() {
  worker = await startDemoWorker({ port: PORT, name: 'e2e' })
}

function shutDown() {
  worker?.stop()
  worker = undefined
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** Calls the API through the gate with a key, as an API client would. */
/**
 * Calls the gate with a key; the body is whatever JSON came back.
 * @returns {Promise<{ status: number, body: any }>}
 */
async function api(method, path, key, body = undefined) {
  const headers = { Authorization: `Bearer ${key}` }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json().catch(() => null) }
}

const steps = []
const step = (name, run) => steps.push({ name, run })
let page
const keys = {}

/** Chooses a row's action through its "Actions" menu (issue #21): "Edit", "Delete". */
async function rowAction(action, name) {
  await page.getByRole('button', { name: `Actions for ${name}` }).click()
  await page.getByRole('menuitem', { name: `${action} ${name}` }).click()
}

step('the demo page shows the API Tokens section in the admin panel', async () => {
  await page.goto(`${BASE}/`)
  await page.getByRole('heading', { name: 'API Tokens', exact: true }).waitFor()
  await page.getByText('Settings › Global settings › API Tokens').waitFor()
  await page.getByRole('button', { name: 'Add your first API Token' }).waitFor()
})

async function createToken(name, pick) {
  await page.getByRole('button', { name: 'Create new API Token' }).click()
  await page.getByLabel('Name', { exact: true }).fill(name)
  if (pick) await pick()
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByText('API Token successfully created').first().waitFor()
  const key = (await page.locator('[part=key] code').textContent()).trim()
  assert(/^tg_[0-9A-Za-z]{49}$/.test(key), `the page showed no key: ${key}`)
  return key
}

step(
  'an admin creates a Custom token allowed only to read articles, and copies its key',
  async () => {
    keys.reader = await createToken('Articles reader', async () => {
      // Custom starts from what Read-only granted: clear every group, then pick one action.
      await page.getByLabel('Token type').selectOption('custom')
      for (const group of ['Article', 'Category', 'Homepage']) {
        const summary = page.locator('summary', { hasText: group }).first()
        if (!(await summary.evaluate((node) => node.parentElement.hasAttribute('open')))) {
          await summary.click()
        }
        const selectAll = page.getByRole('checkbox', { name: `Select all ${group} permissions` })
        await selectAll.check()
        await selectAll.uncheck()
      }
      await page.getByRole('checkbox', { name: 'find Article', exact: true }).check()
    })
    if (process.env.UPDATE_SCREENSHOT) {
      await page.screenshot({ path: 'docs/demo-edit-custom.png', fullPage: true })
    }
    await page.getByRole('button', { name: 'Copy' }).click()
    await page.getByText('Copied to the clipboard').waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    assert(copied === keys.reader, 'the clipboard does not hold the key shown')
  },
)

step('the custom key reads articles through the gate and nothing else', async () => {
  const list = await api('GET', '/api/articles', keys.reader)
  assert(list.status === 200, `GET /api/articles: ${list.status}`)
  assert(list.body?.meta?.origin === 'tollgate-demo-origin', 'the origin did not answer')
  const write = await api('POST', '/api/articles', keys.reader, { title: 'nope' })
  assert(write.status === 403, `POST /api/articles: ${write.status}`)
  const mutation = await api('POST', '/graphql', keys.reader, {
    query: 'mutation { createArticle(data: { title: "nope" }) { id } }',
  })
  assert(mutation.status === 403, `GraphQL mutation: ${mutation.status}`)
  assert(
    mutation.body?.errors?.[0]?.extensions?.denied?.[0] === 'createArticle',
    'denied field missing',
  )
  const categories = await api('GET', '/api/categories', keys.reader)
  assert(categories.status === 403, `GET /api/categories: ${categories.status}`)
})

step('a read-only token reads but cannot write', async () => {
  await page.getByRole('button', { name: '← Back to API Tokens' }).click()
  keys.readOnly = await createToken('Read everything')
  assert(
    (await api('GET', '/api/categories', keys.readOnly)).status === 200,
    'read-only GET refused',
  )
  const write = await api('POST', '/api/articles', keys.readOnly, { title: 'nope' })
  assert(write.status === 403, `read-only POST: ${write.status}`)
  const mutation = await api('POST', '/graphql', keys.readOnly, {
    query: 'mutation { deleteArticle(id: 1) { id } }',
  })
  assert(mutation.status === 403, `read-only mutation: ${mutation.status}`)
})

step('reloading the page never shows a key again, and the table shows the last use', async () => {
  await page.reload()
  await page.getByRole('row', { name: /Read everything/ }).waitFor()
  for (const key of Object.values(keys)) {
    assert((await page.getByText(key).count()) === 0, 'a key is visible after reload')
  }
  const row = await page.getByRole('row', { name: /Read everything/ }).textContent()
  assert(!/Never/.test(row) && /ago|now/.test(row), `"Last used" not shown: ${row}`)
  mkdirSync('.tmp', { recursive: true })
  await page.screenshot({ path: '.tmp/demo-page.png' })
  if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/demo-page.png' })
})

step('at 1280 and 1440 px every row shows its Actions button whole, nothing cut off', async () => {
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 860 })
    const buttons = page.getByRole('button', { name: /^Actions for / })
    const count = await buttons.count()
    assert(count >= 2, `${count} row actions at ${width} px`)
    for (let i = 0; i < count; i++) {
      const box = await buttons.nth(i).boundingBox()
      const visible = await buttons.nth(i).evaluate((button) => {
        // The button's box must lie inside the table's scroller as shown, not beneath it.
        const { left, right } = button.getBoundingClientRect()
        const x = Math.floor((left + right) / 2)
        const y = Math.floor(button.getBoundingClientRect().top + 4)
        let hit = document.elementFromPoint(x, y)
        while (hit?.shadowRoot) {
          const inner = hit.shadowRoot.elementFromPoint(x, y)
          if (!inner || inner === hit) break
          hit = inner
        }
        return hit === button || button.contains(hit)
      })
      assert(
        box && box.x >= 0 && box.x + box.width <= width && visible,
        `row action ${i} cut off at ${width} px: ${JSON.stringify(box)}`,
      )
    }
    if (process.env.UPDATE_SCREENSHOT && width === 1440) {
      await page.screenshot({ path: 'docs/demo-page-1440.png' })
    }
  }
  await page.setViewportSize({ width: 1280, height: 860 })
})

step('restricting a token to this machine in the UI refuses other addresses with 403', async () => {
  await rowAction('Edit', 'Read everything')
  await page.getByLabel('Allowed IP addresses').fill('127.0.0.1\n::1')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByText('API Token successfully edited').first().waitFor()
  const here = await api('GET', '/api/categories', keys.readOnly)
  assert(here.status === 200, `from 127.0.0.1: ${here.status}`)
  // `wrangler dev` passes the client's CF-Connecting-IP on; Cloudflare sets it in production.
  const elsewhere = await fetch(`${BASE}/api/categories`, {
    headers: { Authorization: `Bearer ${keys.readOnly}`, 'CF-Connecting-IP': '198.51.100.7' },
  })
  const body = await elsewhere.json()
  assert(elsewhere.status === 403, `from 198.51.100.7: ${elsewhere.status}`)
  assert(body.error?.details?.reason === 'ip', `refused for ${JSON.stringify(body.error)}`)
})

step('the usage chart shows the requests just made, passed and refused', async () => {
  // This token's requests so far: 2 passed (GETs from here), 3 refused (a POST, a
  // mutation, and the request from another address).
  let summary
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.getByRole('button', { name: '← Back to API Tokens' }).click()
    await rowAction('Edit', 'Read everything')
    summary = page.locator('api-token-usage [part=summary]')
    await summary.waitFor()
    const counts = await summary.evaluate((node) => [node.dataset.requests, node.dataset.refused])
    if (counts[0] === '2' && counts[1] === '3') break
    await page.waitForTimeout(500)
  }
  const text = (await summary.textContent()).trim()
  assert(
    text === '2 requests passed, 3 refused in the last 30 days',
    `the usage summary reads "${text}"`,
  )
  const label = await page.locator('api-token-usage [part=chart]').getAttribute('aria-label')
  assert(label?.includes('2 requests passed, 3 refused'), `the chart is labelled "${label}"`)
  await page.getByText('Show as table').click()
  const rows = await page.locator('api-token-usage [part=day-table] tr').allTextContents()
  assert(rows.length >= 30, `the day table has ${rows.length} rows`)
  const todayRow = (rows.at(-1) ?? '').replace(/\s+/g, ' ').trim()
  assert(/ 2 3$/.test(todayRow), `today's row reads ${JSON.stringify(todayRow)}`)
  if (process.env.UPDATE_SCREENSHOT) {
    await page.screenshot({ path: 'docs/demo-usage.png', fullPage: true })
  }
  await page.getByRole('button', { name: '← Back to API Tokens' }).click()
})

step('regenerating in the UI retires the old key and issues a working new one', async () => {
  await rowAction('Edit', 'Articles reader')
  await page.getByRole('button', { name: 'Regenerate', exact: true }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByText('Are you sure you want to regenerate this token?').waitFor()
  await dialog.getByRole('button', { name: 'Regenerate' }).click()
  await page.getByText('Copy your new API Token').waitFor()
  const fresh = (await page.locator('[part=key] code').textContent()).trim()
  assert(fresh !== keys.reader, 'regenerate showed the old key')
  assert((await api('GET', '/api/articles', keys.reader)).status === 401, 'the old key still works')
  assert((await api('GET', '/api/articles', fresh)).status === 200, 'the new key does not work')
  keys.regenerated = fresh
})

step('leaving a key never copied asks first', async () => {
  await page.getByRole('button', { name: '← Back to API Tokens' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByText('Leave without copying the key?').waitFor()
  await dialog.getByRole('button', { name: 'Leave' }).click()
  await page.getByRole('heading', { name: 'API Tokens', exact: true }).waitFor()
  assert(
    (await page.getByText(keys.regenerated).count()) === 0,
    'the key is still shown after leaving',
  )
})

step(
  'disabling a token in the UI refuses its key with DISABLED; enabling restores it',
  async () => {
    await rowAction('Edit', 'Read everything')
    const toggle = page.getByRole('switch', { name: 'Enabled' })
    await toggle.click()
    assert((await toggle.getAttribute('aria-checked')) === 'false', 'the switch did not turn off')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('API Token successfully edited').first().waitFor()
    await page.locator('api-token-form [part~="disabled"]').first().waitFor()
    const refused = await api('GET', '/api/categories', keys.readOnly)
    assert(refused.status === 401, `a disabled key: ${refused.status}`)
    assert(
      refused.body?.error?.details?.code === 'DISABLED',
      `code ${refused.body?.error?.details?.code}`,
    )
    await toggle.click()
    await page.getByRole('button', { name: 'Save' }).click()
    // The first save's toast may still show: wait for the saved token's own state instead.
    await page.locator('api-token-form [part~="disabled"]').first().waitFor({ state: 'detached' })
    const restored = await api('GET', '/api/categories', keys.readOnly)
    assert(restored.status === 200, `an enabled key again: ${restored.status}`)
  },
)

step(
  'regenerating with a 1-hour grace keeps both keys working and shows the previous key',
  async () => {
    await page.getByRole('button', { name: 'Regenerate', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Keep the current key working for').selectOption({ label: '1 hour' })
    await dialog.getByRole('button', { name: 'Regenerate' }).click()
    await page.getByText('Copy your new API Token').waitFor()
    const fresh = (await page.locator('[part=key] code').textContent()).trim()
    assert(fresh !== keys.readOnly, 'regenerate showed the old key')
    const old = await api('GET', '/api/categories', keys.readOnly)
    assert(old.status === 200, `the previous key in its grace period: ${old.status}`)
    assert((await api('GET', '/api/categories', fresh)).status === 200, 'the new key does not work')
    const previous = (
      await page.locator('api-token-form [part="previous-key"]').textContent()
    ).trim()
    const hint = `${keys.readOnly.slice(0, 7)}…${keys.readOnly.slice(-4)}`
    assert(previous.includes(hint) && /works until/.test(previous), `previous key: ${previous}`)
    keys.readOnly = fresh
    await page.getByRole('button', { name: 'Copy' }).click()
    await page.getByText('Copied to the clipboard').waitFor()
  },
)

step('the Activity list shows these steps with the demo admin as actor', async () => {
  const items = page.locator('api-token-activity li[part="event"]')
  await items.first().waitFor()
  const actions = await items.evaluateAll((nodes) => nodes.map((node) => node.dataset.action))
  const expected = ['regenerated', 'enabled', 'disabled', 'updated', 'created']
  assert(
    JSON.stringify(actions.slice(0, 5)) === JSON.stringify(expected),
    `activity: ${actions.join(', ')}`,
  )
  const actors = await page.locator('api-token-activity [part="actor"]').allTextContents()
  assert(
    actors.slice(0, 5).every((actor) => actor.trim() === 'Demo admin'),
    `actors: ${actors.join(', ')}`,
  )
  if (process.env.UPDATE_SCREENSHOT) {
    await page.screenshot({ path: 'docs/demo-activity.png', fullPage: true })
  }
  await page.getByRole('button', { name: '← Back to API Tokens' }).click()
})

step('the page fits a 390 px phone and follows a dark theme', async () => {
  const fits = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    )
  await page.emulateMedia({ colorScheme: 'dark' })
  const section = page.locator('api-token-settings')
  const scheme = await section.evaluate((node) => getComputedStyle(node).colorScheme)
  assert(scheme === 'dark', `the section's color-scheme is ${scheme} in a dark page`)
  if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/demo-page-dark.png' })
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 390, height: 844 })
  assert(await fits(), 'the list scrolls the whole page sideways at 390 px')
  if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/demo-page-390.png' })
  await page
    .getByRole('button', { name: /^Actions for / })
    .first()
    .click()
  await page.getByRole('menuitem', { name: /^Edit / }).click()
  await page.getByRole('button', { name: 'Save' }).waitFor()
  assert(await fits(), 'the edit view scrolls the whole page sideways at 390 px')
  await page.getByRole('button', { name: '← Back to API Tokens' }).click()
  await page.setViewportSize({ width: 1280, height: 860 })
})

step('deleting the token in the UI makes its key fail with 401', async () => {
  await rowAction('Delete', 'Articles reader')
  const dialog = page.getByRole('dialog')
  await dialog.getByText('Are you sure you want to delete “Articles reader”?').waitFor()
  await dialog.getByText('Apps using its key will be refused').waitFor()
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
  await page.getByText('API Token deleted').waitFor()
  assert(
    (await api('GET', '/api/articles', keys.regenerated)).status === 401,
    'a deleted key works',
  )
  await page.getByRole('row', { name: /Articles reader/ }).waitFor({ state: 'detached' })
})

/** Switches the demo page's workspace and waits for the section it rebuilds. */
async function workspace(label) {
  await page.getByLabel('Workspace').selectOption({ label })
  await page.getByRole('heading', { name: 'API Tokens', exact: true }).waitFor()
  await page.getByRole('button', { name: 'Create new API Token' }).waitFor()
}

step("two customers' keys are kept apart: Acme creates a key, Globex does not see it", async () => {
  await workspace('Acme')
  keys.acme = await createToken('Acme integration')
  await page.getByRole('button', { name: 'Copy' }).click()
  await page.getByText('Copied to the clipboard').waitFor()
  await workspace('Globex')
  keys.globex = await createToken('Globex sync')
  await page.getByRole('button', { name: 'Copy' }).click()
  await page.getByText('Copied to the clipboard').waitFor()
  await page.getByRole('button', { name: '← Back to API Tokens' }).click()
  await page.getByRole('row', { name: /Globex sync/ }).waitFor()
  assert(
    (await page.getByRole('row', { name: /Acme integration/ }).count()) === 0,
    'Globex sees Acme’s key',
  )
  assert(
    (await page.getByRole('columnheader', { name: 'Owner' }).count()) === 0,
    'Globex sees owners',
  )
})

step('the operator sees both, with their owners', async () => {
  await workspace('Operator view')
  const acme = page.getByRole('row', { name: /Acme integration/ })
  const globex = page.getByRole('row', { name: /Globex sync/ })
  await acme.waitFor()
  await globex.waitFor()
  assert((await acme.locator('[part=owner]').textContent()).trim() === 'acme', 'Acme’s owner cell')
  assert(
    (await globex.locator('[part=owner]').textContent()).trim() === 'globex',
    'Globex’s owner cell',
  )
})

step("the Acme key reaches the origin with own: 'acme'", async () => {
  const { status, body } = await api('GET', '/api/articles', keys.acme)
  assert(status === 200, `GET /api/articles with Acme's key: ${status}`)
  assert(body?.meta?.gate?.owner === 'acme', `X-Api-Token-Owner: ${body?.meta?.gate?.owner}`)
  assert(body?.meta?.gate?.claims?.own === 'acme', `claim own: ${body?.meta?.gate?.claims?.own}`)
  const unowned = await api('GET', '/api/categories', keys.readOnly)
  assert(unowned.body?.meta?.gate?.owner === null, 'an unowned key carries an owner')
})

step('the workspace switcher asks before it drops a key never copied (requestLeave)', async () => {
  await createToken('Uncopied on switch')
  const switcher = page.getByLabel('Workspace')
  await switcher.selectOption({ label: 'Acme' })
  const dialog = page.getByRole('dialog')
  await dialog.getByText('Leave without copying the key?').waitFor()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await page.locator('[part=key] code').waitFor()
  assert((await switcher.inputValue()) === '', 'the switcher moved although the admin stayed')
  await switcher.selectOption({ label: 'Acme' })
  await dialog.getByRole('button', { name: 'Leave' }).click()
  await page.getByRole('button', { name: 'Create new API Token' }).waitFor()
  assert((await switcher.inputValue()) === 'acme', 'Leave did not switch to Acme')
  assert((await page.locator('[part=key]').count()) === 0, 'the old key is still shown')
})

await runSteps({
  label: 'end-to-end',
  steps,
  async setup() {
    await startWorker()
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE })
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
  },
  async teardown() {
    await browser?.close()
    shutDown()
  },
  countFile: process.env.E2E_COUNT_FILE,
  stopAfterFailure: true,
})
