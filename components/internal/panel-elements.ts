// An opened token's panels, one chunk loaded when a token's view first opens
// (internal/lazy-elements.ts): its usage chart and its activity. They come with the edit
// view's chunk (a token's view is an edit view), so that the list view and the chunks share
// one chunk of common code, not one for each combination of them.
import { ApiTokenActivity } from '../api-token-activity/api-token-activity'
import { ApiTokenUsage } from '../api-token-usage/api-token-usage'
import { EDIT_VIEW_ELEMENTS } from './edit-elements'

export const PANEL_ELEMENTS = {
  ...EDIT_VIEW_ELEMENTS,
  'api-token-usage': ApiTokenUsage,
  'api-token-activity': ApiTokenActivity,
}
