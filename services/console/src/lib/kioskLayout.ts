// The kiosk's geometry and colours (qile_kiosk/layout.py, palette.py and the
// font metrics typeset.py reads), for the board preview. Sizes derive from a
// board's short side, so a portrait board keeps the type size of a landscape
// one and gains lines instead.

/** The boards the city installs, as the preview names them. */
export interface Board {
  width: number
  height: number
  /** e.g. "竖屏 1080×1920" */
  label: string
}

export const BOARDS: readonly Board[] = [
  { width: 1920, height: 1080, label: '横屏 1920×1080' },
  { width: 1080, height: 1920, label: '竖屏 1080×1920' },
  { width: 1280, height: 720, label: '小屏 1280×720' },
]

export function boardKey(board: Pick<Board, 'width' | 'height'>): string {
  return `${board.width}x${board.height}`
}

/** Python's round(): halves go to the even neighbour (the kiosk's sizes are computed so). */
export function pyRound(x: number): number {
  const floor = Math.floor(x)
  const rest = x - floor
  if (rest > 0.5) return floor + 1
  if (rest < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export const right = (r: Rect): number => r.x + r.w
export const bottom = (r: Rect): number => r.y + r.h
// pygame's centre: integer halves, as in its C code.
export const centreX = (r: Rect): number => r.x + Math.trunc(r.w / 2)
export const centreY = (r: Rect): number => r.y + Math.trunc(r.h / 2)

export interface Layout {
  width: number
  height: number
  portrait: boolean
  unit: number
  /** Everything readable stays inside (broadcast "title safe", 90%). */
  safe: Rect
  header: Rect
  body: Rect
  footer: Rect
}

export function layoutFor(width: number, height: number): Layout {
  const portrait = height > width
  const unit = Math.min(width, height) / 1080
  const marginX = pyRound(width * 0.05)
  const marginY = pyRound(height * 0.05)
  const safe = { x: marginX, y: marginY, w: width - 2 * marginX, h: height - 2 * marginY }
  // Portrait stacks the header in two rows and keeps the brand in the footer.
  const headerH = pyRound((portrait ? 210 : 130) * unit)
  const footerH = pyRound(56 * unit)
  const gap = pyRound(24 * unit)
  const header = { x: safe.x, y: safe.y, w: safe.w, h: headerH }
  const footer = { x: safe.x, y: bottom(safe) - footerH, w: safe.w, h: footerH }
  const body = { x: safe.x, y: bottom(header) + gap, w: safe.w, h: footer.y - gap - bottom(header) - gap }
  return { width, height, portrait, unit, safe, header, body, footer }
}

/** A size in the kiosk's units (a 1080-pixel short side) on this board. */
export function px(layout: Layout, value: number): number {
  return Math.max(1, pyRound(value * layout.unit))
}

export const sizes = (lay: Layout) => ({
  title: px(lay, 68),
  body: px(lay, 48),
  small: px(lay, 30),
  headerName: px(lay, 54),
  clock: px(lay, 56),
  gap: px(lay, 24),
})

// Colours -------------------------------------------------------------------
export const PAPER = '#fbf6ec'
export const INK = '#26221e'
export const MUTED = '#6e645a'
export const GOLD = '#e8be5c'
export const WHITE = '#ffffff'
export const URGENT_RED = '#b01818'
export const ROW_SHADE = '#f3eada'
export const BRAND_RED = '#aa1e23'

/** Each theme has its colour; the brand red when the community has none yet. */
export const THEME_COLOURS: Record<string, string> = {
  齐有爱: '#be282d',
  齐养德: '#1e508c',
  齐育美: '#287846',
  齐健康: '#007882',
  齐劳动: '#c86414',
}

// The font ------------------------------------------------------------------
/** The screens' font family, then what a browser without it has closest. */
export const KIOSK_FONT_FAMILY =
  '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

// Noto Sans CJK's vertical metrics (its hhea table: 1160 up, 288 down per
// 1000), rounded up to whole pixels as FreeType gives them to the kiosk.
export function fontAscent(size: number): number {
  return Math.ceil((size * 1160) / 1000)
}

export function fontDescent(size: number): number {
  return Math.ceil((size * 288) / 1000)
}

/** Baseline to baseline: generous leading, as Chinese reads better with air. */
export function lineStep(size: number): number {
  return pyRound(size * 1.5)
}
