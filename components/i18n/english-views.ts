// Adds the English strings of the views loaded on first need (strings-en-views.ts) to the
// English table, once: imported by every module that shows one of them, all of which
// load after the list view.
import { en } from './strings-en'
import { enViews } from './strings-en-views'

Object.assign(en, enViews)
