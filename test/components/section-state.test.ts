import { expect } from '@open-wc/testing'
import {
  hasUncopiedKey,
  initialSectionState,
  reduce,
  type SectionAction,
  type SectionState,
} from '../../components/api-token-settings/section-state'
import { leaveQuestion } from '../../components/api-token-settings/leave-question'
import { en } from '../../components/i18n/strings-en'
import { makeToken } from './fake-admin-api'

const english = (key: keyof typeof en) => en[key]

const alpha = makeToken({ id: 1, name: 'Alpha' })
const beta = makeToken({ id: 2, name: 'Beta' })
const run = (...actions: SectionAction[]): SectionState =>
  actions.reduce(reduce, initialSectionState)

describe('section reducer', () => {
  it('starts on the list', () => {
    expect(initialSectionState.view).to.deep.equal({ kind: 'list', visit: 0 })
  })

  it('gives every opened view a new visit, even the same token twice', () => {
    const first = run({ type: 'open-token', token: alpha, readonly: false })
    const again = reduce(reduce(first, { type: 'show-list' }), {
      type: 'open-token',
      token: alpha,
      readonly: false,
    })
    expect(first.view.visit).to.equal(1)
    expect(again.view.visit).to.equal(3)
  })

  it('opens a token as edit, or as a read-only view', () => {
    expect(run({ type: 'open-token', token: alpha, readonly: false }).view).to.deep.equal({
      kind: 'edit',
      visit: 1,
      token: alpha,
      errors: [],
      saving: false,
      key: null,
    })
    expect(run({ type: 'open-token', token: alpha, readonly: true }).view).to.deep.equal({
      kind: 'view',
      visit: 1,
      token: alpha,
    })
  })

  it('after create shows the new token’s edit view with its key', () => {
    const state = run(
      { type: 'open-create' },
      { type: 'save-started', visit: 1 },
      { type: 'created', visit: 1, token: alpha, accessKey: 'tg_key' },
    )
    expect(state.view).to.deep.equal({
      kind: 'edit',
      visit: 2,
      token: alpha,
      errors: [],
      saving: false,
      key: { value: 'tg_key', copied: false },
    })
    expect(hasUncopiedKey(state.view)).to.equal(true)
    const copied = reduce(state, { type: 'key-copied', visit: 2 })
    expect(hasUncopiedKey(copied.view)).to.equal(false)
  })

  it('drops a regenerated key that answers after another token was opened', () => {
    const onAlpha = run({ type: 'open-token', token: alpha, readonly: false })
    const onBeta = reduce(reduce(onAlpha, { type: 'show-list' }), {
      type: 'open-token',
      token: beta,
      readonly: false,
    })
    const late = reduce(onBeta, {
      type: 'regenerated',
      visit: onAlpha.view.visit,
      token: alpha,
      accessKey: 'tg_alpha',
    })
    expect(late).to.equal(onBeta)
  })

  it('drops a regenerated key when the same token was left and opened again', () => {
    const first = run({ type: 'open-token', token: alpha, readonly: false })
    const reopened = reduce(reduce(first, { type: 'show-list' }), {
      type: 'open-token',
      token: alpha,
      readonly: false,
    })
    const late = reduce(reopened, {
      type: 'regenerated',
      visit: first.view.visit,
      token: alpha,
      accessKey: 'tg_alpha',
    })
    expect(late).to.equal(reopened)
  })

  it('shows a regenerated key on the view that asked for it', () => {
    const state = run(
      { type: 'open-token', token: alpha, readonly: false },
      { type: 'regenerated', visit: 1, token: { ...alpha, keyHint: 'new' }, accessKey: 'tg_new' },
    )
    expect(state.view).to.deep.include({ key: { value: 'tg_new', copied: false } })
    expect(state.view.kind === 'edit' && state.view.token.keyHint).to.equal('new')
  })

  it('drops late save answers: created, updated and failed, once their view is gone', () => {
    const creating = run({ type: 'open-create' }, { type: 'save-started', visit: 1 })
    const left = reduce(creating, { type: 'show-list' })
    const late: SectionAction[] = [
      { type: 'created', visit: 1, token: alpha, accessKey: 'tg_late' },
      { type: 'save-failed', visit: 1, errors: [] },
      { type: 'updated', visit: 1, token: alpha },
    ]
    for (const action of late) {
      expect(reduce(left, action), action.type).to.equal(left)
    }
  })

  it('keeps field errors and saving state in their view', () => {
    const errors = [
      {
        path: ['name'],
        name: 'ValidationError' as const,
        message: 'Name already taken',
        code: 'name_taken' as const,
      },
    ]
    const saving = run({ type: 'open-create' }, { type: 'save-started', visit: 1 })
    expect(saving.view).to.deep.include({ saving: true, errors: [] })
    const failed = reduce(saving, { type: 'save-failed', visit: 1, errors })
    expect(failed.view).to.deep.include({ saving: false, errors })
    expect(reduce(failed, { type: 'show-list' }).view).to.deep.equal({ kind: 'list', visit: 2 })
  })

  it('takes a reloaded token only for the visit and token it was asked for', () => {
    const state = run({ type: 'open-token', token: alpha, readonly: true })
    const fresh = { ...alpha, description: 'fresh' }
    expect(reduce(state, { type: 'token-loaded', visit: 1, token: fresh }).view).to.deep.include({
      token: fresh,
    })
    expect(reduce(state, { type: 'token-loaded', visit: 0, token: fresh })).to.equal(state)
    expect(reduce(state, { type: 'token-loaded', visit: 1, token: beta })).to.deep.equal(state)
  })

  it('goes back to the list when the shown token is deleted, and stays otherwise', () => {
    const onAlpha = run({ type: 'open-token', token: alpha, readonly: false })
    expect(reduce(onAlpha, { type: 'deleted', id: 1 }).view.kind).to.equal('list')
    expect(reduce(onAlpha, { type: 'deleted', id: 2 })).to.equal(onAlpha)
    const list = run({ type: 'show-list' })
    expect(reduce(list, { type: 'deleted', id: 1 })).to.equal(list)
  })

  it('asks about the key first when leaving loses both the key and edits', () => {
    expect(leaveQuestion({ uncopied: true, unsaved: true }, english)).to.deep.include({
      heading: 'Leave without copying the key?',
      consequence: 'Unsaved changes will be lost too.',
      confirmLabel: 'Leave',
    })
    expect(leaveQuestion({ uncopied: false, unsaved: true }, english)).to.deep.include({
      heading: 'Discard unsaved changes?',
      confirmLabel: 'Discard',
    })
  })
})
