/**
 * The parts each nested element forwards to its host with `exportparts`, under the same
 * names, so a host page styles them from outside `<api-token-settings>` (SPEC §11):
 * `api-token-settings::part(row)` reaches the table's rows, `::part(group)` the picker's
 * groups inside the form. Names mean the same wherever they occur (`button` is every
 * button, `key-hint` every key hint). Each element's JSDoc lists the same names as
 * `@csspart`, for custom-elements.json; the parts test checks both against the DOM.
 *
 * @example
 * html`<api-token-table exportparts=${exportParts.table}></api-token-table>`
 */
const PARTS = {
  table: [
    'table',
    'row',
    'button',
    'search',
    'owner-filter',
    'owner',
    'empty',
    'scroller',
    'key-hint',
    'badge',
    'type',
    'expiry',
    'disabled',
    'name',
    'actions',
    'menu',
    'menuitem',
    'restriction',
    'legacy',
    'filter',
    'result-count',
    'error',
    'credits',
  ],
  permissions: ['group', 'count', 'route'],
  form: [
    'form',
    'button',
    'field',
    'info',
    'key-hint',
    'badge',
    'disabled',
    'legacy',
    'owner',
    'previous-key',
    'switch',
    'group',
    'count',
    'route',
  ],
  key: ['key', 'button'],
  usage: ['usage', 'summary', 'chart', 'table-toggle', 'day-table'],
  activity: ['activity', 'events', 'event', 'actor', 'action', 'changes', 'empty', 'button'],
  dialog: ['dialog', 'button'],
  regenerateDialog: ['dialog', 'button', 'grace'],
} as const

/** Each nested element's `exportparts` value: its parts, forwarded under their own names. */
export const exportParts = Object.fromEntries(
  Object.entries(PARTS).map(([element, names]) => [element, names.join(', ')]),
) as Record<keyof typeof PARTS, string>
