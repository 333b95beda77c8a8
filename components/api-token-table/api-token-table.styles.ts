import { css } from 'lit'

/**
 * `<api-token-table>`'s own rules. The table scrolls inside `.scroller`, so the list never
 * overflows a narrow host (down to 360 px). Dates, badges and actions never wrap; the name
 * cell (name, key hint, description), the owner and the column headers do, so an operator's
 * German list fits beside an admin panel's sidebar at 1280 px. The actions column sticks to
 * the row's end, so Edit and Delete stay in sight whenever the table is wider than its box.
 */
export const tableStyles = css`
  /* Rows stack into cards when the element (not the viewport) is narrow: see the end. */
  :host {
    container: list / inline-size;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space);
    margin-block-end: var(--_space);
  }
  .toolbar label {
    flex: 0 1 20rem;
    min-width: 0;
  }
  .owner-filter {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  .owner-filter label {
    flex: 0 1 auto;
  }
  .toolbar select,
  .owner-filter input {
    box-sizing: border-box;
    font: inherit;
    padding: calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
  }
  input[type='search'] {
    box-sizing: border-box;
    width: 100%;
    font: inherit;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .scroller {
    /* Positioned, so the visually hidden labels (position: absolute) stay inside it
       instead of stretching the page at their place off to the right. */
    position: relative;
    max-width: 100%;
    overflow-x: auto;
    overscroll-behavior-x: contain;
    border-radius: var(--_radius);
    /* For the edge of the actions column while rows run on beneath it (below). */
    container-type: scroll-state;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--_surface);
  }
  th,
  td {
    text-align: start;
    padding: var(--_space);
    border-block-end: 1px solid var(--_border);
    vertical-align: middle;
  }
  /* Headers may take two lines ("Zuletzt / verwendet"), so no header widens its column. */
  th[scope='col'] {
    vertical-align: bottom;
  }
  /* The name cell takes the room the others leave; long names and descriptions wrap
     anywhere rather than widen the table. */
  th[scope='row'] {
    font-weight: normal;
    min-width: 9rem;
    overflow-wrap: anywhere;
  }
  /* The name opens the token: a button that reads as a link, wrapping anywhere. */
  .name {
    display: block;
    font: inherit;
    font-weight: 600;
    color: var(--_primary);
    text-align: start;
    border: none;
    background: none;
    padding: 0;
    overflow-wrap: anywhere;
  }
  .name:hover {
    text-decoration: underline;
  }
  th button {
    border: none;
    background: none;
    padding: 0;
    font-weight: 600;
    text-align: start;
  }
  .key-hint {
    font-family: var(--_font-mono);
    font-size: 0.875em;
    font-weight: normal;
    color: var(--_muted);
    white-space: nowrap;
  }
  th .key-hint {
    display: block;
  }
  .description {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    font-size: 0.875em;
  }
  .owner {
    min-width: 5rem;
    max-width: 14rem;
    overflow-wrap: anywhere;
  }
  /* The status badges stack when the cell is narrow; each stays on one line. */
  .status {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 4);
    align-items: flex-start;
  }
  .status .badge {
    white-space: nowrap;
  }
  .nowrap {
    white-space: nowrap;
  }
  .muted {
    color: var(--_muted);
  }
  .sticky-end {
    position: sticky;
    inset-inline-end: 0;
    background: var(--_surface);
  }
  /* While more of the row is hidden beneath the actions column, an edge shows it. */
  @container scroll-state(scrollable: inline-end) {
    .sticky-end {
      box-shadow:
        inset 1px 0 0 var(--_border),
        -8px 0 8px -6px color-mix(in srgb, var(--_text) 30%, transparent);
    }
  }
  /* A cell's label, shown only in a stacked card ("Last used: …"). */
  .label {
    display: none;
    color: var(--_muted);
  }
  .count {
    margin: 0 0 calc(var(--_space) / 2);
    color: var(--_muted);
    min-height: 1.5em;
  }
  .pending {
    margin-inline-start: var(--_space);
    font-style: italic;
  }
  /* Stale rows while other rows are pending. */
  table[aria-busy='true'] tbody {
    opacity: 0.55;
  }
  table:focus {
    outline: none;
  }
  table:focus-visible {
    outline: 2px solid var(--_primary);
  }
  /* Each bone stands for a line of text: the rows that arrive are as tall. */
  .skeleton .bone {
    display: block;
    height: 0.875em;
    margin-block: 0.1em;
    width: 4rem;
    border-radius: var(--_radius);
    background: var(--_neutral-subtle);
  }
  .skeleton .name-bone {
    width: 10rem;
    height: 1em;
  }
  .state {
    padding: calc(var(--_space) * 4);
    text-align: center;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .state.error {
    border-style: solid;
    border-color: var(--_danger);
  }
  /* Below about 720 px of the element's own width, each row is a card: the name (and the
     Actions button beside it), the status, the type, last used; the sort buttons wrap
     above the cards. */
  @container list (max-width: 719.9px) {
    table,
    tbody,
    thead {
      display: block;
    }
    thead tr {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space);
    }
    thead th:not([aria-sort]) {
      display: none;
    }
    tbody tr {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      padding-block: calc(var(--_space) / 2);
      border-block-end: 1px solid var(--_border);
    }
    th,
    td {
      border: none;
      padding-block: calc(var(--_space) / 4);
    }
    tbody td {
      grid-column: 1 / -1;
    }
    tbody th[scope='row'] {
      min-width: 0;
    }
    tbody .sticky-end {
      grid-area: 1 / 2;
      position: static;
      box-shadow: none;
    }
    .created {
      display: none;
    }
    .label {
      display: inline;
    }
  }
`
