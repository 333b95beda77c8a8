import { css } from 'lit'

/** The confirmation dialogs. */
export const dialogStyles = css`
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 3);
    max-width: min(28rem, calc(100vw - var(--_space) * 4));
    /* A token's name without spaces ("Delete “…”?") wraps rather than widen the dialog. */
    overflow-wrap: anywhere;
    color: inherit;
    background: var(--_surface);
  }
  dialog::backdrop {
    background: rgb(33 33 52 / 0.5);
  }
  h2 {
    margin-block-start: 0;
    font-size: 1.25em;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_space);
    margin-block-start: calc(var(--_space) * 3);
  }
`
