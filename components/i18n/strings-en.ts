/**
 * Every string the list view shows, in English, in tollgate.js itself; the other views'
 * (the form, the dialogs, the key, usage and activity) are in strings-en-views.ts, added
 * to this table when their elements' chunk arrives (english-views.ts), so that the list
 * view stays within SPEC §11's budget. Together they are the reference table:
 * `{name}`-style placeholders are filled by `format()`, a host overrides any string
 * through the section's `strings` property, and a new language is one more table of all
 * these keys.
 */
import type { FieldErrorStrings } from '../api-token-form/field-error-strings'
import type { enViews } from './strings-en-views'

const listStrings = {
  heading: 'API Tokens',
  subheading: 'List of generated tokens to consume the API',
  create: 'Create new API Token',
  noPermission: "You don't have the permissions to access that content",
  sessionExpired: 'Your session has expired.',
  // The key that cannot be lost (issue #21): the session-expired banner's action.
  signInAgain: 'Sign in again',
  loading: 'Loading API Tokens…',
  loadFailed: 'Could not reach the API Tokens service',
  somethingWrong: 'Something went wrong',
  empty: 'Add your first API Token',
  search: 'Search tokens',
  columnName: 'Name',
  columnCreatedAt: 'Created at',
  columnLastUsed: 'Last used',
  columnType: 'Type',
  columnStatus: 'Status',
  columnActions: 'Actions',
  never: 'Never',
  unlimited: 'Unlimited',
  expired: 'Expired',
  expiresRelative: 'Expires {relative}',
  typeReadOnly: 'Read-only',
  typeFullAccess: 'Full access',
  typeCustom: 'Custom',
  typeCustomCount: 'Custom · {count}',
  back: 'Back',
  name: 'Name',
  duration: 'Token duration',
  type: 'Token type',
  delete: 'Delete',
  toastDeleted: 'API Token deleted',
  edit: 'Edit',
  view: 'View',
  noMatch: 'No API Token matches “{query}”',
  permissionCount: '{count} permissions',
  permissionCountOne: '1 permission',
  pages: 'Pages',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pageOf: 'Page {page} of {pages}',
  dismiss: 'Dismiss',
  notifications: 'Notifications',
  allowedIps: 'Allowed IP addresses',
  usage: 'Usage',
  usagePassed: '{count} requests passed',
  usagePassedOne: '{count} request passed',
  enabled: 'Enabled',
  disabled: 'Disabled',
  // Leaked and imported keys (SPEC §12).
  disabledLeaked: 'Disabled — leaked',
  strapiKey: 'Strapi key',
  activity: 'Activity',
  none: 'None',
  columnOwner: 'Owner',
  ownerFilter: 'Owner',
  ownerAll: 'All owners',
  ownerNone: 'No owner',
  ownerSpecific: 'Specific owner…',
  ownerFilterInput: 'Filter by owner',
  owner: 'Owner',
  // The list (issue #21: the list fits): count, filters, restrictions, row menu, states.
  resultCount: '{count} tokens',
  resultCountOne: '{count} token',
  filterStatus: 'Status',
  statusAll: 'All statuses',
  filterType: 'Type',
  typeAll: 'All types',
  sortByExpiry: '{column}, sorted by expiry',
  ipBadge: 'IP · {count}',
  ipRestricted: 'Usable from {count} IP addresses or ranges only',
  ipRestrictedOne: 'Usable from {count} IP address or range only',
  rateLimited: 'Rate limit: {tier}',
  actionsFor: 'Actions for {name}',
  listFailed: 'The API Tokens could not be loaded: {message}',
  noFilterMatch: 'No API Token matches these filters',
  retry: 'Retry',
  // Credits (SPEC §13): a metered token's balance in its row.
  creditsLeft: '{count} left',
}

/** A full table of the section's strings: the list view's and the other views'. */
export type Strings = { [K in keyof typeof listStrings | keyof typeof enViews]: string }

/**
 * What a host may replace through an element's `strings` property: any string of the
 * tables, and the form's field errors and counters (field-error-strings.ts) by their keys —
 * the worker's machine codes (`name_taken`, `ip_invalid`…), `restrictions`,
 * `charactersLeft`.
 */
export type StringOverrides = Partial<Strings & FieldErrorStrings>

/** English: the list view's strings now, the other views' once english-views.ts has run. */
export const en = listStrings as Strings
