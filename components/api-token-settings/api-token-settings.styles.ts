import { css } from 'lit'

/** `<api-token-settings>`: header, notices, the back button and the toasts. */
export const sectionStyles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
    margin-block-end: calc(var(--_space) * 2);
  }
  /* A token's name as the edit view's heading: a long one without spaces wraps anywhere. */
  h1,
  .title {
    margin: 0;
    font-size: 1.5em;
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .title {
    font-weight: bold;
  }
  .subtitle {
    margin: 0;
    color: var(--_muted);
  }
  .notice {
    padding: calc(var(--_space) * 3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .back {
    margin-block-end: var(--_space);
  }
  .toasts {
    position: fixed;
    inset-block-start: var(--_space);
    inset-inline-end: var(--_space);
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    z-index: 10;
    max-inline-size: calc(100vw - var(--_space) * 2);
  }
  .toast {
    display: flex;
    gap: var(--_space);
    align-items: center;
    padding: var(--_space) calc(var(--_space) * 2);
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 1px solid var(--_success);
  }
  .toast.error {
    border-color: var(--_danger);
  }
`
