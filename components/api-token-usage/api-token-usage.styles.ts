import { css } from 'lit'

/**
 * `<api-token-usage>`'s own rules: the stacked bars in two palette colours (primary for
 * requests passed, danger for refused; both ≥ 3:1 against the surface in the light and
 * dark themes), system colours in forced-colors mode, and the table behind its toggle.
 */
export const usageStyles = css`
  :host {
    --_chart-passed: var(--tollgate-color-chart-passed, var(--_primary));
    --_chart-refused: var(--tollgate-color-chart-refused, var(--_danger));
  }
  h2 {
    margin-block: calc(var(--_space) * 2) var(--_space);
    font-size: 1.125em;
  }
  .summary {
    margin-block: 0 var(--_space);
  }
  .state {
    margin-block: 0 var(--_space);
    color: var(--_muted);
  }
  .state.error {
    color: var(--_danger);
  }
  figure {
    margin: 0 0 var(--_space);
  }
  .plot {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: calc(var(--_space) / 2);
    align-items: start;
  }
  .scale {
    font-size: 0.75em;
    color: var(--_muted);
    line-height: 1;
  }
  svg {
    display: block;
    width: 100%;
    height: var(--tollgate-usage-chart-height, 8rem);
    border-block-end: 1px solid var(--_border);
  }
  .passed {
    fill: var(--_chart-passed);
  }
  .refused {
    fill: var(--_chart-refused);
  }
  .dates,
  .legend {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    font-size: 0.875em;
    color: var(--_muted);
  }
  .dates {
    margin-inline-start: calc(var(--_space) * 2);
  }
  .legend {
    justify-content: flex-start;
    margin: calc(var(--_space) / 2) 0 0;
    padding: 0;
    list-style: none;
  }
  .swatch {
    display: inline-block;
    width: 0.75em;
    height: 0.75em;
    margin-inline-end: 0.35em;
    border-radius: 2px;
    vertical-align: baseline;
  }
  .swatch.passed {
    background: var(--_chart-passed);
  }
  .swatch.refused {
    background: var(--_chart-refused);
  }
  summary {
    cursor: pointer;
    width: fit-content;
    border-radius: var(--_radius);
  }
  summary:focus-visible,
  .scroller:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  .scroller {
    max-height: 20rem;
    max-width: 100%;
    overflow: auto;
    margin-block-start: var(--_space);
  }
  table {
    border-collapse: collapse;
    background: var(--_surface);
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: calc(var(--_space) / 2);
  }
  th,
  td {
    padding: calc(var(--_space) / 2) var(--_space);
    border-block-end: 1px solid var(--_border);
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
    font-weight: normal;
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    .passed,
    .swatch.passed {
      fill: CanvasText;
      background: CanvasText;
      forced-color-adjust: none;
    }
    .refused,
    .swatch.refused {
      fill: Highlight;
      background: Highlight;
      forced-color-adjust: none;
    }
  }
`
