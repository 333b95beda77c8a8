import { css } from 'lit'

/**
 * `<api-token-form>`'s own look (after `sharedStyles`): the header with Save, the grid
 * of fields, their hints and errors, and the edit view's key and expiry line.
 */
export const formStyles = css`
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    margin-block-end: calc(var(--_space) * 2);
  }
  .header-actions {
    display: flex;
    gap: var(--_space);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: calc(var(--_space) * 2);
    margin-block-end: calc(var(--_space) * 2);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  label {
    font-weight: 600;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  textarea.addresses {
    font-family: var(--_font-mono);
  }
  .info {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
    margin-block: 0 calc(var(--_space) * 2);
    color: var(--_muted);
  }
  code {
    font-family: var(--tollgate-font-mono, ui-monospace, monospace);
    overflow-wrap: anywhere;
  }
  h2 {
    margin-block: calc(var(--_space) * 2) var(--_space);
    font-size: 1.125em;
  }
`
