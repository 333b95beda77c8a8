import { css } from 'lit'

/**
 * The look every part shares. Every colour and space is a `--tollgate-*` custom
 * property with a fallback, so a host themes it without reaching into shadow roots;
 * the font is inherited from the host page.
 */
export const sharedStyles = css`
  :host {
    display: block;
    font-family: var(--tollgate-font, inherit);
    color: var(--tollgate-color-text, #212134);
    --_space: var(--tollgate-space, 8px);
    --_radius: var(--tollgate-radius, 4px);
    --_primary: var(--tollgate-color-primary, #4945ff);
    --_danger: var(--tollgate-color-danger, #d02b20);
    --_border: var(--tollgate-color-border, #dcdce4);
    --_muted: var(--tollgate-color-muted, #4a4a6a);
    --_surface: var(--tollgate-color-surface, #ffffff);
  }
  :host([hidden]) {
    display: none;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: inherit;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
  }
  button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: #fff;
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #fff;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`
