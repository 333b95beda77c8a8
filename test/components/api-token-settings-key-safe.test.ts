// The key shown once cannot be lost, and focus stays where the eye is (issue #21): focus on
// Copy after create and regenerate, on Save or the first invalid field after a save, a 401
// that keeps the key and the edits and retries when the host's token recovers,
// `hasUncopiedKey`, `requestLeave()` with the cancelable `api-token-leave`, and the
// `beforeunload` guard.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import {
  button,
  deepActiveElement,
  deepQueryAll,
  describeElement,
  field,
  rowAction,
  shadowOf,
  shownText,
  textOf,
  type,
  untilShown,
} from './dom'
import { FakeAdminApi } from './fake-admin-api'

before(() => loadTollgateElements())

let api: FakeAdminApi

beforeEach(() => {
  api = new FakeAdminApi().install()
})
afterEach(() => api.restore())

async function settings(jwt: () => string = () => 'jwt-1'): Promise<ApiTokenSettings> {
  const element = await fixture<ApiTokenSettings>(
    html`<api-token-settings api-base=${api.base} .getAuthToken=${jwt}></api-token-settings>`,
  )
  await waitUntil(
    () => shadowOf(element).querySelector('h1')?.textContent === 'API Tokens',
    'the list heading "API Tokens" never showed',
  )
  return element
}

const root = (element: ApiTokenSettings) => shadowOf(element)
const text = shownText

const until = untilShown

/** The key shown once, or `undefined`. */
function shownKey(element: ApiTokenSettings): string | undefined {
  const part = deepQueryAll(root(element), 'api-token-key')[0]
  return part ? shadowOf(part).querySelector('code')?.textContent?.trim() : undefined
}

/** Waits until the focused element (through shadow roots) is `what`, saying where it is instead. */
async function focusIsOn(matches: (active: Element) => boolean, what: string) {
  await waitUntil(() => {
    const active = deepActiveElement()
    return active !== null && matches(active)
  }).catch(() => {
    throw new Error(`focus should be on ${what}, is on ${describeElement(deepActiveElement())}`)
  })
}

const isButton = (name: string) => (active: Element) =>
  active.localName === 'button' && active.textContent?.trim() === name

/** Creates a token named `name` from the list and waits for its key. */
async function create(element: ApiTokenSettings, name: string): Promise<string> {
  button(root(element), 'Create new API Token').click()
  await until(element, 'Token type')
  type(field(root(element), 'Name'), name)
  setTimeout(() => button(root(element), 'Save').click())
  const { detail } = await oneEvent(element, 'api-token-created')
  await waitUntil(() => shownKey(element) === detail.accessKey, 'the key never showed')
  return detail.accessKey
}

/** The one open confirmation dialog's shadow root. */
function openDialog(element: ApiTokenSettings): ShadowRoot {
  const open = deepQueryAll(
    root(element),
    'api-token-confirm-dialog, api-token-regenerate-dialog',
  ).filter((d) => shadowOf(d).querySelector('dialog')?.open)
  if (open.length !== 1) throw new Error(`expected one open dialog, found ${open.length}`)
  return shadowOf(open[0]!)
}

const dialogOpen = (element: ApiTokenSettings) => {
  try {
    return Boolean(openDialog(element))
  } catch {
    return false
  }
}

/** Pretends the Clipboard API works, for the length of `run`. */
async function withClipboard(run: () => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async () => undefined },
  })
  try {
    await run()
  } finally {
    delete (navigator as { clipboard?: unknown }).clipboard
  }
}

/** Whether something stands on `beforeunload`: a cancelable one is cancelled. */
function unloadIsGuarded(): boolean {
  const event = new Event('beforeunload', { cancelable: true })
  window.dispatchEvent(event)
  return event.defaultPrevented
}

describe('<api-token-settings> focus after create, regenerate and Save', () => {
  it('puts focus on Copy after create, so Tab does not move away from the key', async () => {
    const element = await settings()
    await create(element, 'Focus on copy')
    await focusIsOn(isButton('Copy'), 'Copy')
    expect(deepActiveElement()?.getRootNode()).to.equal(
      shadowOf(deepQueryAll(root(element), 'api-token-key')[0]!),
    )
  })

  it('puts focus on Copy after regenerate', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    await rowAction(root(element), 'Edit Website')
    await until(element, 'Token duration')
    button(root(element), 'Regenerate').click()
    await waitUntil(() => dialogOpen(element), 'the regenerate dialog never opened')
    button(openDialog(element), 'Regenerate').click()
    await waitUntil(() => shownKey(element) === 'tg_regenerated1key', 'the new key never showed')
    await focusIsOn(isButton('Copy'), 'Copy')
  })

  it('keeps focus on Save through a successful save, announced by a status toast', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    await rowAction(root(element), 'Edit Website')
    await until(element, 'Token duration')
    type(field(root(element), 'Name'), 'Website 2')
    const release = api.hold(/^\/admin\/api-tokens\/\d+$/, 'PUT')
    const save = button(root(element), 'Save')
    save.focus()
    save.click()
    await waitUntil(() => save.textContent?.trim() === 'Saving…', 'Save never said Saving…')
    await element.updateComplete
    expect(deepActiveElement(), 'focus stays on Save while saving').to.equal(save)
    release()
    await until(element, 'API Token successfully edited')
    expect(deepActiveElement(), 'focus stays on Save after saving').to.equal(save)
    const toast = deepQueryAll(root(element), '[part=toast]')[0]!
    expect(toast.getAttribute('role')).to.equal('status')
  })

  it('keeps focus on Save when the save fails, the error announced as an alert', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    await rowAction(root(element), 'Edit Website')
    await until(element, 'Token duration')
    type(field(root(element), 'Name'), 'Website 2')
    api.failNext = {
      method: 'PUT',
      path: /^\/admin\/api-tokens\/\d+$/,
      response: () =>
        Response.json(
          {
            data: null,
            error: { status: 500, name: 'InternalError', message: 'Boom', details: {} },
          },
          { status: 500 },
        ),
    }
    const save = button(root(element), 'Save')
    save.focus()
    save.click()
    await until(element, 'Boom')
    const toast = deepQueryAll(root(element), '[part=toast]')[0]!
    expect(toast.getAttribute('role')).to.equal('alert')
    await focusIsOn((active) => active === save, 'Save')
    expect(field(root(element), 'Name').value, 'the edit is kept').to.equal('Website 2')
  })

  it('moves focus to the invalid field after a save the server refuses', async () => {
    api.add({ name: 'Taken' })
    const element = await settings()
    button(root(element), 'Create new API Token').click()
    await until(element, 'Token type')
    type(field(root(element), 'Name'), 'Taken')
    const save = button(root(element), 'Save')
    save.focus()
    save.click()
    const name = field(root(element), 'Name')
    await focusIsOn((active) => active === name, 'the Name field')
  })
})

describe('<api-token-settings> a 401 keeps everything', () => {
  it('keeps the key and the edits under a "sign in again" banner, and retries on a new token', async () => {
    const element = await settings()
    const key = await create(element, 'Kept')
    type(field(root(element), 'Name'), 'Kept and renamed')
    api.validJwts = ['fresh']
    const errors: number[] = []
    element.addEventListener('api-token-error', (e) => errors.push(e.detail.error.status))
    button(root(element), 'Save').click()

    await until(element, 'Your session has expired')
    const banner = root(element).querySelector('[part=notice]')!
    expect(banner.getAttribute('role')).to.equal('alert')
    expect(errors).to.deep.equal([401])
    expect(shownKey(element), 'the key is still shown').to.equal(key)
    expect(field(root(element), 'Name').value, 'the edit is kept').to.equal('Kept and renamed')
    expect(element.hasUncopiedKey).to.equal(true)

    setTimeout(() => button(root(element), 'Sign in again').click())
    const signIn = await oneEvent(element, 'api-token-session-expired')
    expect(signIn.bubbles && signIn.composed).to.equal(true)

    const puts = api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/).length
    setTimeout(() => (element.getAuthToken = () => 'fresh'))
    const updated = await oneEvent(element, 'api-token-updated')
    expect(updated.detail.token.name).to.equal('Kept and renamed')
    const retried = api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/).slice(puts)
    expect(retried.map((call) => call.authorization)).to.deep.equal(['Bearer fresh'])
    await until(element, 'API Token successfully edited')
    expect(text(element)).not.to.contain('Your session has expired')
    expect(shownKey(element), 'the key survives the retry').to.equal(key)
  })

  it('does not retry when the new token source gives the refused JWT again', async () => {
    const element = await settings()
    await create(element, 'Same jwt')
    api.validJwts = ['fresh']
    button(root(element), 'Save').click()
    await until(element, 'Your session has expired')
    const calls = api.calls.length
    let asked = 0
    element.getAuthToken = () => (asked++, 'jwt-1')
    await waitUntil(() => asked > 0, 'the new token source was never asked')
    await element.updateComplete
    // The new source was asked; nothing was sent again with the refused JWT.
    expect(api.calls.length).to.equal(calls)
    expect(text(element)).to.contain('Your session has expired')
  })

  it('keeps the view when the list’s first load is refused, then loads it on a new token', async () => {
    api.add({ name: 'Website' })
    api.validJwts = ['fresh']
    const element = await fixture<ApiTokenSettings>(
      html`<api-token-settings
        api-base=${api.base}
        .getAuthToken=${() => 'stale'}
      ></api-token-settings>`,
    )
    await until(element, 'Your session has expired')
    element.getAuthToken = () => 'fresh'
    await until(element, 'Website')
    expect(text(element)).not.to.contain('Your session has expired')
  })
})

describe('<api-token-settings> hasUncopiedKey, requestLeave and api-token-leave', () => {
  it('says hasUncopiedKey after create, and no longer after Copy', async () => {
    await withClipboard(async () => {
      const element = await settings()
      expect(element.hasUncopiedKey).to.equal(false)
      await create(element, 'Uncopied')
      expect(element.hasUncopiedKey).to.equal(true)
      button(root(element), 'Copy').click()
      await waitUntil(() => !element.hasUncopiedKey, 'Copy did not count')
    })
  })

  it('lets the host go at once when nothing would be lost', async () => {
    const element = await settings()
    expect(element.requestLeave()).to.equal(true)
    expect(dialogOpen(element)).to.equal(false)
  })

  it('asks before the host leaves a key, and a cancelled api-token-leave keeps it', async () => {
    const element = await settings()
    const key = await create(element, 'Leave me')
    const events: { reason: string; uncopiedKey: boolean; unsavedEdits: boolean }[] = []
    const veto = (event: Event) => {
      events.push((event as CustomEvent).detail)
      event.preventDefault()
    }
    element.addEventListener('api-token-leave', veto)

    expect(element.requestLeave()).to.equal(false)
    await waitUntil(() => dialogOpen(element), 'requestLeave did not ask')
    expect(textOf(openDialog(element))).to.contain('Leave without copying the key?')
    button(openDialog(element), 'Leave').click()
    await waitUntil(() => events.length === 1, 'api-token-leave never came')
    expect(events[0]).to.deep.equal({ reason: 'host', uncopiedKey: true, unsavedEdits: false })
    await element.updateComplete
    expect(shownKey(element), 'a cancelled leave keeps the key').to.equal(key)

    element.removeEventListener('api-token-leave', veto)
    expect(element.requestLeave()).to.equal(false)
    await waitUntil(() => dialogOpen(element))
    setTimeout(() => button(openDialog(element), 'Leave').click())
    const leave = await oneEvent(element, 'api-token-leave')
    expect(leave.cancelable && leave.bubbles && leave.composed).to.equal(true)
    await until(element, 'List of generated tokens')
    expect(shownKey(element)).to.equal(undefined)
    expect(element.hasUncopiedKey).to.equal(false)
  })

  it('fires nothing and keeps the key when the admin cancels', async () => {
    const element = await settings()
    const key = await create(element, 'Stay')
    let left = 0
    element.addEventListener('api-token-leave', () => (left += 1))
    expect(element.requestLeave()).to.equal(false)
    await waitUntil(() => dialogOpen(element))
    const dialog = openDialog(element)
    button(dialog, 'Cancel').click()
    await waitUntil(() => !dialogOpen(element))
    expect(left).to.equal(0)
    expect(shownKey(element)).to.equal(key)
  })

  it('tells the host about Back too, with reason back and the unsaved edits', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await until(element, 'Website')
    await rowAction(root(element), 'Edit Website')
    await until(element, 'Token duration')
    type(field(root(element), 'Name'), 'Edited')
    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => dialogOpen(element), 'Back did not ask')
    setTimeout(() => button(openDialog(element), 'Discard').click())
    const leave = await oneEvent(element, 'api-token-leave')
    expect(leave.detail).to.deep.equal({ reason: 'back', uncopiedKey: false, unsavedEdits: true })
    await until(element, 'List of generated tokens')
  })
})

describe('<api-token-settings> beforeunload guard', () => {
  it('stands only while a key is uncopied: after create, not after Copy', async () => {
    await withClipboard(async () => {
      const element = await settings()
      expect(unloadIsGuarded(), 'nothing to lose on the list').to.equal(false)
      await create(element, 'Guarded')
      expect(unloadIsGuarded(), 'an uncopied key').to.equal(true)
      button(root(element), 'Copy').click()
      await waitUntil(() => !element.hasUncopiedKey)
      await element.updateComplete
      expect(unloadIsGuarded(), 'the key was copied').to.equal(false)
    })
  })

  it('is removed with the element', async () => {
    const element = await settings()
    await create(element, 'Removed')
    expect(unloadIsGuarded()).to.equal(true)
    element.remove()
    expect(unloadIsGuarded()).to.equal(false)
  })
})
