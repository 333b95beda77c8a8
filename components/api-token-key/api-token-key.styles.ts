import { css } from 'lit'

/** `<api-token-key>`: the one-time key box. */
export const keyStyles = css`
  :host {
    margin-block-end: calc(var(--_space) * 2);
  }
  section {
    border: 1px solid var(--_success);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.125em;
  }
  .warning {
    margin-block: 0 var(--_space);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  code {
    font-family: var(--tollgate-font-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
    word-break: break-all;
    flex: 1;
    min-inline-size: 0;
    user-select: all;
  }
  .status {
    margin-block: var(--_space) 0;
    min-block-size: 1.5em;
  }
`
