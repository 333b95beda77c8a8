import { css } from 'lit'
import { colourDeclarations } from './palette'

/**
 * The look every part shares. Every colour is `--tollgate-color-*` with the theme's
 * colour as fallback (light when no section sets a theme), every space and radius a
 * `--tollgate-*` property too, so a host themes it without reaching into shadow roots;
 * the font is inherited from the host page.
 */
export const sharedStyles = css`
  :host {
    display: block;
    ${colourDeclarations()}
    --_space: var(--tollgate-space, 8px);
    --_radius: var(--tollgate-radius, 4px);
    --_font-mono: var(
      --tollgate-font-mono,
      ui-monospace,
      SFMono-Regular,
      Menlo,
      Consolas,
      monospace
    );
    font-family: var(--tollgate-font, inherit);
    color: var(--_text);
    color-scheme: var(--_theme-color-scheme, light);
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
    color: var(--_on-primary);
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-danger);
  }
  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input,
  select,
  textarea {
    color: inherit;
    background: var(--_surface);
  }
  button:focus-visible,
  h1:focus-visible,
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
  /* A labelled field: label above its control (forms, dialogs). */
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  /* Page controls under a list (the table, the activity). */
  .pages {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    justify-content: flex-end;
    margin-block-start: var(--_space);
  }
`

/**
 * Status badges: `.badge` with a tone, `.danger`, `.warning`, `.success` or neutral by
 * default. Each tone is text in its colour on its subtle background (≥ 4.5:1 in both
 * themes), so "Expired" never looks like "Unlimited".
 */
export const badgeStyles = css`
  .badge {
    display: inline-block;
    white-space: nowrap;
    padding: 0 calc(var(--_space) * 0.75);
    border-radius: calc(var(--_radius) * 2);
    border: 1px solid currentColor;
    font-size: 0.875em;
    line-height: 1.6;
    color: var(--_muted);
    background: var(--_neutral-subtle);
  }
  .badge.danger {
    color: var(--_danger);
    background: var(--_danger-subtle);
    font-weight: 600;
  }
  .badge.warning {
    color: var(--_warning);
    background: var(--_warning-subtle);
    font-weight: 600;
  }
  .badge.success {
    color: var(--_success);
    background: var(--_success-subtle);
  }
`

/** Labelled controls of the form and the dialogs: bold labels, inputs in the theme. */
export const fieldStyles = css`
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
`
