import { css } from 'lit'

/** `<api-token-activity>`'s own rules: the list of events, their changes, and the pager. */
export const activityStyles = css`
  h2 {
    margin-block: calc(var(--_space) * 2) var(--_space);
    font-size: 1.125em;
  }
  .state {
    margin-block: 0 var(--_space);
    color: var(--_muted);
  }
  .state.error {
    color: var(--_danger);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol > li {
    padding-block: var(--_space);
    border-block-end: 1px solid var(--_border);
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
    align-items: baseline;
  }
  .actor {
    font-weight: 600;
  }
  time {
    color: var(--_muted);
  }
  .changes {
    margin: calc(var(--_space) / 2) 0 0;
    padding-inline-start: calc(var(--_space) * 2);
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
`
