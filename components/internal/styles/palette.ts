import { unsafeCSS, type CSSResult } from 'lit'

/**
 * The colours of one theme. Each is published as an internal `--_theme-<name>` custom
 * property by {@link themeStyles} on the section's host; every part reads it as the
 * fallback of the public `--tollgate-color-<name>`, so a host override always wins and a
 * part inside the section follows the section's theme through inheritance.
 */
export interface Palette {
  /** Body text. */
  text: string
  /** Secondary text; ≥ 4.5:1 on `surface`, `background` and `neutral-subtle`. */
  muted: string
  /** Behind the whole section. */
  background: string
  /** Boxes, tables, inputs and dialogs. */
  surface: string
  /** Lines and outlines of controls. */
  border: string
  /** Primary buttons and focus rings. */
  primary: string
  /** Text on `primary`. */
  'on-primary': string
  /** Errors, destructive buttons, the "Expired" badge. */
  danger: string
  /** Text on `danger`. */
  'on-danger': string
  /** Behind danger text in badges. */
  'danger-subtle': string
  /** Expiry within 7 days. */
  warning: string
  /** Behind warning text in badges. */
  'warning-subtle': string
  /** Success toasts and the shown key. */
  success: string
  /** Behind success text in badges. */
  'success-subtle': string
  /** Behind neutral badges (token type, "Unlimited"). */
  'neutral-subtle': string
}

/** Light: Strapi's neutral and primary scales; every text pair ≥ 4.5:1. */
export const LIGHT: Palette = {
  text: '#212134',
  muted: '#4a4a6a',
  background: '#f6f6f9',
  surface: '#ffffff',
  border: '#dcdce4',
  primary: '#4945ff',
  'on-primary': '#ffffff',
  danger: '#d02b20',
  'on-danger': '#ffffff',
  'danger-subtle': '#fcecea',
  warning: '#a6490c',
  'warning-subtle': '#fdf4dc',
  success: '#2f6846',
  'success-subtle': '#eafbe7',
  'neutral-subtle': '#eaeaef',
}

/** Dark: light text on deep blue-grey; accents lightened so they keep ≥ 4.5:1. */
export const DARK: Palette = {
  text: '#eaeaef',
  muted: '#a5a5ba',
  background: '#181826',
  surface: '#212134',
  border: '#4a4a6a',
  primary: '#7b79ff',
  'on-primary': '#181826',
  danger: '#ff8a80',
  'on-danger': '#181826',
  'danger-subtle': '#3b1f1f',
  warning: '#f5b450',
  'warning-subtle': '#3a2a12',
  success: '#5cb176',
  'success-subtle': '#1c3523',
  'neutral-subtle': '#32324d',
}

/** `--_theme-<name>: <colour>;` for every colour of `palette`, plus its `color-scheme`. */
export function themeDeclarations(palette: Palette, scheme: 'light' | 'dark'): CSSResult {
  const colours = Object.entries(palette).map(([name, value]) => `--_theme-${name}: ${value};`)
  return unsafeCSS([...colours, `--_theme-color-scheme: ${scheme};`].join('\n'))
}

/**
 * `--_<name>: var(--tollgate-color-<name>, var(--_theme-<name>, <light>))` for every
 * colour: what each part's `:host` resolves and its rules use.
 */
export function colourDeclarations(): CSSResult {
  const colours = Object.entries(LIGHT).map(
    ([name, value]) =>
      `--_${name}: var(--tollgate-color-${name}, var(--_theme-${name}, ${value}));`,
  )
  return unsafeCSS(colours.join('\n'))
}
