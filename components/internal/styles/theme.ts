import { css } from 'lit'
import { DARK, LIGHT, themeDeclarations } from './palette'

/**
 * The light and dark themes, for the section's own styles (after `sharedStyles`). Its
 * `:host` publishes the palette as inherited `--_theme-*` properties: light by default
 * or with `theme="light"`, dark with `theme="dark"` or, without a `theme`, when the
 * user prefers dark. The parts rendered inside the section read those properties, so
 * they follow its theme; used on their own they fall back to light. `color-scheme`
 * follows, so native inputs, scrollbars and dialogs match. The section paints
 * `--tollgate-color-background`, so a dark section stays readable on a light page.
 *
 * @example
 * static override styles = [sharedStyles, themeStyles, css`…`]
 */
export const themeStyles = css`
  :host {
    ${themeDeclarations(LIGHT, 'light')}
    background: var(--_background);
  }
  :host([theme='dark']) {
    ${themeDeclarations(DARK, 'dark')}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${themeDeclarations(DARK, 'dark')}
    }
  }
`
