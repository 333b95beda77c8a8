// Owners in the section (SPEC §8): what an operator sees (Owner column, owner filter,
// Owner field on create) and what a scoped admin, or a worker from before §8, does not.
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import {
  button,
  choose,
  deepActiveElement,
  deepQueryAll,
  field,
  maybeField,
  rowAction,
  shadowOf,
  tabTo,
  textOf,
  type,
} from './dom'
import { FakeAdminApi } from './fake-admin-api'

let api: FakeAdminApi

beforeEach(() => {
  api = new FakeAdminApi().install()
  api.add({ name: 'Acme website', owner: 'acme' })
  api.add({ name: 'Globex mobile', owner: 'globex' })
  api.add({ name: 'Internal job', owner: null })
})
afterEach(() => api.restore())

/** The section for an admin whose JWT has this `owner` (`undefined`: a pre-§8 worker). */
async function section(adminOwner: string | null | undefined) {
  api.adminOwner = adminOwner
  const element = await fixture<ApiTokenSettings>(
    html`<api-token-settings api-base=${api.base} .getAuthToken=${() => 'jwt-1'}>
    </api-token-settings>`,
  )
  await waitUntil(
    () => table(element)?.querySelector('tbody tr:not(.skeleton)'),
    'the token rows never showed',
  )
  return element
}

/** The shadow root of the section's `<api-token-table>`. */
function table(element: ApiTokenSettings): ShadowRoot | undefined {
  const part = deepQueryAll(shadowOf(element), 'api-token-table')[0]
  return part?.shadowRoot ?? undefined
}

function ownerSelect(element: ApiTokenSettings): HTMLSelectElement | null {
  return table(element)?.querySelector<HTMLSelectElement>('select[aria-label="Owner"]') ?? null
}

function ownerName(element: ApiTokenSettings): HTMLInputElement | null {
  return (
    table(element)?.querySelector<HTMLInputElement>('input[aria-label="Filter by owner"]') ?? null
  )
}

const columns = (element: ApiTokenSettings) =>
  [...(table(element)?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent?.trim())

/** Each row's name and Owner cell, as shown. */
const ownerCells = (element: ApiTokenSettings) =>
  [...(table(element)?.querySelectorAll('tbody tr') ?? [])].map((row) => [
    row.querySelector('th .name')?.textContent?.trim(),
    row.querySelector('[part=owner]')?.textContent?.trim(),
  ])

/** The `owner` query parameter of the last list request (`null`: not sent). */
const lastOwnerParam = () =>
  api
    .callsTo('GET', /^\/admin\/api-tokens$/)
    .at(-1)
    ?.search.get('owner')

const rowNames = (element: ApiTokenSettings) =>
  [...(table(element)?.querySelectorAll('tbody th .name') ?? [])].map((th) =>
    th.textContent?.trim(),
  )

async function openCreate(element: ApiTokenSettings) {
  button(shadowOf(element), 'Create new API Token').click()
  await waitUntil(() => maybeField(shadowOf(element), 'Name'), 'the create form never opened')
}

describe('owners (SPEC §8)', () => {
  it('shows an operator the Owner column, the owner filter and the Owner field on create', async () => {
    const element = await section(null)
    expect(columns(element)).to.include('Owner')
    expect(columns(element).indexOf('Owner')).to.equal(1)
    expect(ownerCells(element)).to.deep.equal([
      ['Acme website', 'acme'],
      ['Globex mobile', 'globex'],
      ['Internal job', '—'],
    ])
    const select = ownerSelect(element)
    if (!select) throw new Error('no owner filter (a select labelled "Owner") in the table')
    expect([...select.options].map((o) => o.textContent?.trim())).to.deep.equal([
      'All owners',
      'No owner',
      'Specific owner…',
    ])
    expect(select.value).to.equal('all')
    expect(ownerName(element), 'no name field until Specific owner… is chosen').to.equal(null)

    await openCreate(element)
    const owner = field(shadowOf(element), 'Owner')
    expect(owner.value).to.equal('')
    expect(owner.maxLength).to.equal(128)
    expect(textOf(shadowOf(element))).to.include(
      'the customer (workspace, organisation, user) owning the token.',
    )
  })

  for (const [who, adminOwner] of [
    ['a scoped admin', 'acme'],
    ['an admin of a worker from before §8 (no meta)', undefined],
  ] as const) {
    it(`shows ${who} no Owner column, filter or field`, async () => {
      const element = await section(adminOwner)
      expect(columns(element)).not.to.include('Owner')
      expect(table(element)?.querySelector('[part=owner]')).to.equal(null)
      expect(ownerSelect(element)).to.equal(null)
      expect(ownerName(element)).to.equal(null)
      expect(lastOwnerParam(), 'the list never asks for an owner').to.equal(null)
      await openCreate(element)
      expect(maybeField(shadowOf(element), 'Owner')).to.equal(undefined)
      expect(textOf(shadowOf(element))).not.to.include('Owner')
    })
  }

  it('filters by a specific owner with ?owner=acme, and lists tokens without owner with ?owner=', async () => {
    const element = await section(null)
    expect(lastOwnerParam()).to.equal(null)

    choose(ownerSelect(element)!, 'Specific owner…')
    await waitUntil(() => ownerName(element), 'the owner name field never showed')
    type(ownerName(element)!, 'acme')
    await waitUntil(() => lastOwnerParam() === 'acme', 'never asked for ?owner=acme')
    await waitUntil(() => rowNames(element).join() === 'Acme website', 'acme’s tokens only')

    choose(ownerSelect(element)!, 'No owner')
    await waitUntil(() => lastOwnerParam() === '', 'never asked for ?owner= (empty)')
    await waitUntil(() => rowNames(element).join() === 'Internal job', 'owner-less tokens only')
    expect(ownerName(element)).to.equal(null)

    choose(ownerSelect(element)!, 'All owners')
    await waitUntil(() => rowNames(element).length === 3, 'all tokens again')
    expect(lastOwnerParam()).to.equal(null)
  })

  it('sends owner on create when filled, trimmed', async () => {
    const element = await section(null)
    await openCreate(element)
    const root = shadowOf(element)
    type(field(root, 'Name'), 'Acme CI')
    type(field(root, 'Owner'), '  acme  ')
    button(root, 'Save').click()
    await waitUntil(() => api.callsTo('POST', /^\/admin\/api-tokens$/).length === 1)
    const body = api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body as Record<string, unknown>
    expect(body.owner).to.equal('acme')
    expect(api.tokens.find((t) => t.name === 'Acme CI')?.owner).to.equal('acme')
  })

  it('omits owner on create when the field is left empty', async () => {
    const element = await section(null)
    await openCreate(element)
    const root = shadowOf(element)
    type(field(root, 'Name'), 'Shared CI')
    type(field(root, 'Owner'), '   ')
    button(root, 'Save').click()
    await waitUntil(() => api.callsTo('POST', /^\/admin\/api-tokens$/).length === 1)
    const body = api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body as Record<string, unknown>
    expect(body).not.to.have.property('owner')
    expect(api.tokens.find((t) => t.name === 'Shared CI')?.owner).to.equal(null)
  })

  it('shows the owner read-only when editing, and never sends it on update', async () => {
    const element = await section(null)
    await rowAction(table(element)!, 'Edit Acme website')
    await waitUntil(() => textOf(shadowOf(element)).includes('Owner: acme'), 'no owner line')
    expect(maybeField(shadowOf(element), 'Owner')).to.equal(undefined)
    const root = shadowOf(element)
    type(field(root, 'Description'), 'Changed')
    button(root, 'Save').click()
    await waitUntil(() => api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/).length === 1)
    const body = api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/)[0]!.body as object
    expect(body).not.to.have.property('owner')
  })

  it('lets the keyboard reach the owner filter, its name field and the Owner field', async () => {
    const element = await section(null)
    const select = await tabTo((el) => el === ownerSelect(element), 'the owner filter')
    // A closed select takes arrow keys: Down twice goes All → No owner → Specific owner….
    await sendKeys({ press: 'ArrowDown' })
    await waitUntil(() => lastOwnerParam() === '', 'ArrowDown never chose No owner')
    await sendKeys({ press: 'ArrowDown' })
    await waitUntil(() => ownerName(element), 'Specific owner… never showed the name field')
    expect(deepActiveElement()).to.equal(select)
    await sendKeys({ press: 'Tab' })
    expect(deepActiveElement()).to.equal(ownerName(element))
    await sendKeys({ type: 'globex' })
    await waitUntil(() => lastOwnerParam() === 'globex', 'typing never asked for ?owner=globex')

    await openCreate(element)
    await tabTo((el) => el.id === 'owner', 'the create form’s Owner field')
    await sendKeys({ type: 'acme' })
    expect(field(shadowOf(element), 'Owner').value).to.equal('acme')
  })

  it('has no axe violations in the operator’s list, with a filter, and create form', async () => {
    const element = await section(null)
    choose(ownerSelect(element)!, 'Specific owner…')
    await waitUntil(() => ownerName(element))
    await expect(element).to.be.accessible()
    await openCreate(element)
    await expect(element).to.be.accessible()
  })
})
