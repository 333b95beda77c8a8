// The views of `<api-token-settings>` as a discriminated union, changed only by the pure
// `reduce` below. What belongs to a view (its shown key, its field errors, whether it is
// saving) lives in it, and every view has a `visit` number of its own: a response is
// dispatched with the visit it was asked from and is dropped when that view is gone, so
// a late answer can never land on another view (or on a later visit of the same token).
import type { FieldError, Token } from '../types'

/** A key given out by create or regenerate, shown once. */
export interface ShownKey {
  value: string
  /** Whether the admin copied it (Clipboard API, or a copy from the selection). */
  copied: boolean
}

export interface ListView {
  kind: 'list'
  visit: number
}

export interface CreateView {
  kind: 'create'
  visit: number
  errors: FieldError[]
  saving: boolean
}

export interface EditView {
  kind: 'edit'
  visit: number
  token: Token
  errors: FieldError[]
  saving: boolean
  /** The key just created or regenerated for this token, until the view is left. */
  key: ShownKey | null
}

/** A token shown read-only (the admin may read but not update). */
export interface ReadView {
  kind: 'view'
  visit: number
  token: Token
}

export type SectionView = ListView | CreateView | EditView | ReadView

export interface SectionState {
  view: SectionView
  /** The last visit number handed out. */
  visits: number
}

export type SectionAction =
  | { type: 'show-list' }
  | { type: 'open-create' }
  | { type: 'open-token'; token: Token; readonly: boolean }
  | { type: 'token-loaded'; visit: number; token: Token }
  | { type: 'save-started'; visit: number }
  | { type: 'save-failed'; visit: number; errors: FieldError[] }
  | { type: 'created'; visit: number; token: Token; accessKey: string }
  | { type: 'updated'; visit: number; token: Token }
  | { type: 'regenerated'; visit: number; token: Token; accessKey: string }
  | { type: 'key-copied'; visit: number }
  | { type: 'deleted'; id: number }

export const initialSectionState: SectionState = { view: { kind: 'list', visit: 0 }, visits: 0 }

/** A new view, with the next visit number. */
function open<V extends SectionView>(state: SectionState, view: Omit<V, 'visit'>): SectionState {
  const visits = state.visits + 1
  return { visits, view: { ...view, visit: visits } as V }
}

/** The view changed by `change` when `visit` is still the one shown, else the same state. */
function within<K extends SectionView['kind']>(
  state: SectionState,
  visit: number,
  kinds: readonly K[],
  change: (view: Extract<SectionView, { kind: K }>) => SectionView | SectionState,
): SectionState {
  const { view } = state
  if (view.visit !== visit || !(kinds as readonly string[]).includes(view.kind)) return state
  const next = change(view as Extract<SectionView, { kind: K }>)
  return 'view' in next ? next : { ...state, view: next }
}

/** The section's next state: pure, so unit tests drive it and late answers are harmless. */
export function reduce(state: SectionState, action: SectionAction): SectionState {
  switch (action.type) {
    case 'show-list':
      return open<ListView>(state, { kind: 'list' })
    case 'open-create':
      return open<CreateView>(state, { kind: 'create', errors: [], saving: false })
    case 'open-token':
      return action.readonly
        ? open<ReadView>(state, { kind: 'view', token: action.token })
        : open<EditView>(state, {
            kind: 'edit',
            token: action.token,
            errors: [],
            saving: false,
            key: null,
          })
    case 'token-loaded':
      return within(state, action.visit, ['edit', 'view'], (view) =>
        view.token.id === action.token.id ? { ...view, token: action.token } : view,
      )
    case 'save-started':
      return within(state, action.visit, ['create', 'edit'], (view) => ({
        ...view,
        saving: true,
        errors: [],
      }))
    case 'save-failed':
      return within(state, action.visit, ['create', 'edit'], (view) => ({
        ...view,
        saving: false,
        errors: action.errors,
      }))
    case 'created':
      return within(state, action.visit, ['create'], () =>
        open<EditView>(state, {
          kind: 'edit',
          token: action.token,
          errors: [],
          saving: false,
          key: { value: action.accessKey, copied: false },
        }),
      )
    case 'updated':
      return within(state, action.visit, ['edit'], (view) => ({
        ...view,
        token: action.token,
        saving: false,
        errors: [],
      }))
    case 'regenerated':
      return within(state, action.visit, ['edit'], (view) =>
        view.token.id === action.token.id
          ? { ...view, token: action.token, key: { value: action.accessKey, copied: false } }
          : view,
      )
    case 'key-copied':
      return within(state, action.visit, ['edit'], (view) =>
        view.key ? { ...view, key: { ...view.key, copied: true } } : view,
      )
    case 'deleted': {
      const { view } = state
      const shown = (view.kind === 'edit' || view.kind === 'view') && view.token.id === action.id
      return shown ? open<ListView>(state, { kind: 'list' }) : state
    }
  }
}

/** Whether leaving `view` would lose a key the admin never copied. */
export function hasUncopiedKey(view: SectionView): boolean {
  return view.kind === 'edit' && view.key !== null && !view.key.copied
}
