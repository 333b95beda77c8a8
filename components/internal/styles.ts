// The styles every element shares, in their own modules under styles/: the palette of
// each theme, the shared base and badges, and the section's themes.
export { badgeStyles, fieldStyles, sharedStyles } from './styles/shared'
export { themeStyles } from './styles/theme'
export { DARK, LIGHT, type Palette } from './styles/palette'
