// The screens' colours (qile_kiosk/palette.py): every text colour is chosen
// against every background it is drawn on for WCAG AA, which the kiosk's
// tests measure; the preview only repeats them.
export const PAPER = '#fbf6ec'
export const INK = '#26221e'
export const MUTED = '#6e645a'
/** Rules, bands and the monogram disc: never text on a theme colour. */
export const GOLD = '#e8be5c'
/** Gold for text on a theme colour. */
export const LIGHT_GOLD = '#fcecb8'
export const WHITE = '#ffffff'
export const ROW_SHADE = '#f3eada'

/** Emergency mode: the whole screen in URGENT_RED under an AMBER warning band. */
export const URGENT_RED = '#b01818'
export const AMBER = '#ffc400'

/** Each theme has its colour; the brand red when the community has none yet. */
export const THEME_COLOURS: Record<string, string> = {
  齐有爱: '#be282d',
  齐养德: '#1e508c',
  齐育美: '#226e3e',
  齐健康: '#006a74',
  齐劳动: '#a84e0a',
}
export const BRAND_RED = '#aa1e23'
