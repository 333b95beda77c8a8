import { css } from 'lit'

/** `<api-token-permissions>`'s own rules: groups and the route panel side by side when there is room. */
export const permissionsStyles = css`
  /* Side by side when there is room; the route panel goes below on a narrow host. */
  .layout {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
  }
  .groups {
    flex: 2 1 20rem;
    min-width: 0;
  }
  details {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin-block-end: var(--_space);
    padding: var(--_space);
  }
  summary {
    cursor: pointer;
    font-weight: 600;
  }
  .count {
    margin-inline-start: var(--_space);
    font-weight: 400;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: var(--_space);
    padding-block: var(--_space);
  }
  /* An action the token holds that the admin may not grant (SPEC §13). */
  .not-grantable {
    color: var(--_muted);
  }
  .route {
    flex: 1 1 12rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    align-self: start;
  }
  code {
    font-family: var(--tollgate-font-mono, ui-monospace, monospace);
  }
`
