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
  fieldset.box {
    margin: 0 0 calc(var(--_space) * 2);
    padding: var(--_space) calc(var(--_space) * 2) 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  legend {
    padding-inline: calc(var(--_space) / 2);
    font-weight: 600;
  }
  footer {
    display: flex;
    justify-content: flex-end;
    margin-block-start: calc(var(--_space) * 2);
  }
  .counter {
    align-self: flex-end;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .counter.over {
    color: var(--_danger);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .pending {
    color: var(--_muted);
    font-style: italic;
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
  .switch-row {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  button.switch {
    flex: none;
    position: relative;
    inline-size: 2.75rem;
    block-size: 1.5rem;
    padding: 0;
    border-radius: 0.75rem;
    border: 1px solid var(--_border);
    background: var(--_neutral-subtle);
  }
  button.switch .thumb {
    position: absolute;
    inset-block-start: 0.125rem;
    inset-inline-start: 0.125rem;
    inline-size: 1.125rem;
    block-size: 1.125rem;
    border-radius: 50%;
    background: var(--_muted);
    transition: inset-inline-start 0.15s;
  }
  button.switch[aria-checked='true'] {
    background: var(--_primary);
    border-color: var(--_primary);
  }
  button.switch[aria-checked='true'] .thumb {
    inset-inline-start: 1.375rem;
    background: var(--_on-primary);
  }
  .meta-row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 2fr) 2.25rem;
    gap: calc(var(--_space) / 2) var(--_space);
    align-items: center;
    margin-block-end: var(--_space);
  }
  .meta-head {
    margin-block-end: calc(var(--_space) / 2);
    color: var(--_muted);
    font-size: 0.875em;
  }
  .meta-row .error {
    grid-column: 1 / -1;
  }
  input.json {
    font-family: var(--_font-mono);
  }
  fieldset.meta > button {
    margin-block-end: calc(var(--_space) * 2);
  }
  .previous {
    margin-block-start: calc(var(--_space) * -1);
  }
`
