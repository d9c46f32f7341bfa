/**
 * The light theme's colours for what the canvas draws, as the theme tokens' defaults in
 * tokens.styles.ts (a unit test keeps them equal). The canvas reads the live tokens on screen; these
 * are its colours on paper, which is printed light whatever the screen's theme.
 */
export const LIGHT_CANVAS_THEME = { background: '#ffffff', text: '#1b1f24', muted: '#535b66', outline: '#1b1f24', context: '#6b7280' } as const;
