// The kiosk's geometry (qile_kiosk/layout.py) and the font metrics
// typeset.py reads, for the board preview. Sizes derive from a board's short
// side, so a portrait board keeps the type size of a landscape one and gains
// lines instead. Every distance is named as the kiosk names it (camelCase),
// so the two files read side by side (the QR codes' geometry is qr_layout.py's);
// the preview draws only the showing states (standby and pairing are not what
// an editor previews).

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

/** Python's floor division. */
export const div = (a: number, b: number): number => Math.floor(a / b)

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

/** Baseline to baseline: generous leading, as Chinese reads better with air. */
export function lineStep(size: number): number {
  return pyRound(size * 1.5)
}

/** A notice's text: a label row (or none), title lines, then body lines (layout.TextBlock). */
export class TextBlock {
  constructor(
    readonly box: Rect,
    /** The label row and the gap under it; 0 when there is none. */
    readonly labelH: number,
    readonly gap: number,
  ) {}

  get titleTop(): number {
    return this.box.y + this.labelH
  }

  linesTop(titleLines: number, titleSize: number): number {
    return this.titleTop + titleLines * lineStep(titleSize) + this.gap
  }

  linesPerPage(titleLines: number, titleSize: number, size: number): number {
    return Math.max(1, div(bottom(this.box) - this.linesTop(titleLines, titleSize), lineStep(size)))
  }
}

/** The schedule's columns (date, time, activity, venue) as shares of the body's width. */
const EVENT_COLUMN_SHARES = [0.21, 0.18, 0.35, 0.26]

// The QR codes (qile_kiosk/qr_layout.py, where the reasons are): a module is at
// least MODULE_MM on a 55-inch panel's glass; tiles hold a version 3 code and
// its quiet zone; with codes, a landscape schedule has these three text columns.
const MODULE_MM = 3.0
const PANEL_LONG_SIDE_MM = 1218.0
export const QUIET_ZONE = 2
const RESERVED_MODULES = 29
const EVENT_QR_COLUMN_SHARES = [0.24, 0.42, 0.34]

export class Layout {
  readonly portrait: boolean
  readonly unit: number
  /** Everything readable stays inside (broadcast "title safe", 90%). */
  readonly safe: Rect
  readonly header: Rect
  readonly body: Rect
  readonly footer: Rect

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.portrait = height > width
    this.unit = Math.min(width, height) / 1080
    const marginX = pyRound(width * 0.05)
    const marginY = pyRound(height * 0.05)
    const safe = { x: marginX, y: marginY, w: width - 2 * marginX, h: height - 2 * marginY }
    // Portrait stacks the header in two rows and keeps the brand in the footer.
    const headerH = pyRound((this.portrait ? 210 : 130) * this.unit)
    const footerH = pyRound(56 * this.unit)
    const gap = pyRound(24 * this.unit)
    this.safe = safe
    this.header = { x: safe.x, y: safe.y, w: safe.w, h: headerH }
    this.footer = { x: safe.x, y: bottom(safe) - footerH, w: safe.w, h: footerH }
    this.body = { x: safe.x, y: bottom(this.header) + gap, w: safe.w, h: this.footer.y - gap - bottom(this.header) - gap }
  }

  /** A size in the kiosk's units (a 1080-pixel short side) on this board. */
  px(value: number): number {
    return Math.max(1, pyRound(value * this.unit))
  }

  // Type sizes ---------------------------------------------------------------
  get titleSize(): number { return this.px(68) }
  get bodySize(): number { return this.px(48) }
  /** Chrome a resident need not read from afar: the footer's place names, the header's date. */
  get smallSize(): number { return this.px(30) }
  /** No text a resident must read (a label, a citation, a venue) is smaller than this. */
  get readingFloor(): number { return this.px(40) }
  get labelSize(): number { return this.readingFloor }
  /** Short text grows to fill its card; long text pages at body size. */
  get noticeBodySizes(): number[] { return [this.px(72), this.px(60), this.bodySize] }
  /** A title steps down (never below body size) rather than take more than three lines. */
  get titleSizes(): number[] { return [this.titleSize, this.px(58), this.bodySize] }
  get headerNameSize(): number { return this.px(54) }
  get clockSize(): number { return this.px(56) }
  get gap(): number { return this.px(24) }

  // Header and footer --------------------------------------------------------
  get headerBand(): Rect { return { x: 0, y: 0, w: this.width, h: bottom(this.header) + this.px(12) } }
  get headerRule(): Rect { return { x: 0, y: bottom(this.headerBand), w: this.width, h: this.px(6) } }
  get headerSecondLine(): number { return lineStep(this.smallSize) + this.px(6) }
  get headerBrandDrop(): number { return this.px(18) }
  get footerPagesGap(): number { return this.px(40) }
  get pillPad(): number { return this.px(32) }
  get pillInset(): number { return this.px(16) }

  // Notices ------------------------------------------------------------------
  get noticeRadius(): number { return this.px(16) }
  get noticeStripe(): number { return this.px(12) }
  /** A notice's text from its card's edges: across and down. */
  get noticePad(): [number, number] { return [this.px(40), this.px(32)] }
  /** The card: the whole body, or (portrait, events under it) down to its text's end. */
  noticeCard(textBottom: number | null = null): Rect {
    const b = this.body
    if (textBottom === null) return b
    return { x: b.x, y: b.y, w: b.w, h: textBottom + this.noticePad[1] - b.y }
  }
  get noticeText(): Rect {
    const [padX, padY] = this.noticePad
    const b = this.body
    return { x: b.x + padX, y: b.y + padY, w: b.w - 2 * padX, h: b.h - 2 * padY }
  }

  /** In its card under a label pill, or, urgent, over the whole screen under the issue time. */
  noticeBlock(urgent: boolean): TextBlock {
    if (urgent) return new TextBlock(this.emergencyText, lineStep(this.bodySize) + this.gap, this.gap)
    return new TextBlock(this.noticeText, lineStep(this.labelSize) + this.gap, this.gap)
  }

  // Emergency mode -----------------------------------------------------------
  get emergencyBandH(): number { return this.px(150) }
  get emergencyBand(): Rect { return { x: 0, y: 0, w: this.width, h: this.safe.y + this.emergencyBandH } }
  get emergencyLabelSize(): number { return this.px(100) }
  get emergencyText(): Rect {
    const top = bottom(this.emergencyBand) + this.px(36)
    return { x: this.safe.x, y: top, w: this.safe.w, h: this.footer.y - this.gap - top }
  }

  // The events schedule ------------------------------------------------------
  get eventsTableTop(): number { return this.body.y + lineStep(this.titleSize) + div(lineStep(this.smallSize), 2) }
  get eventsRowsTop(): number { return this.eventsTableTop + (this.portrait ? 0 : lineStep(this.smallSize)) }

  eventRowHeight(titleLines: number, venueLines: number, qr = false): number {
    if (qr) return this.eventQrRowHeight(titleLines, venueLines)
    const pad = 2 * this.eventRowTop
    const title = titleLines * lineStep(this.bodySize)
    const venue = venueLines * lineStep(this.labelSize)
    if (this.portrait) return lineStep(this.bodySize) + title + venue + pad
    return Math.max(lineStep(this.bodySize), title, venue) + pad
  }

  /** The widths a title and a venue wrap to. */
  eventCellWidths(qr = false): [number, number] {
    if (qr) return this.eventQrCellWidths()
    if (this.portrait) {
      const inner = this.body.w - 2 * this.eventRowInset
      return [inner, inner]
    }
    const cells = this.eventCells
    return [(cells[2] as [number, number])[1], (cells[3] as [number, number])[1]]
  }

  get eventRowsRoom(): number { return bottom(this.body) - this.eventsRowsTop }
  get eventRowsPerPage(): number {
    return Math.max(1, div(this.eventRowsRoom + this.eventRowGap, this.eventRowHeight(1, 1) + this.eventRowGap))
  }
  get eventRowGap(): number { return this.portrait ? this.px(8) : 0 }
  get eventRowRadius(): number { return this.px(12) }
  get eventRowInset(): number { return this.px(24) }
  get eventRowTop(): number { return this.px(10) }

  /** Landscape: each column's text start and width. */
  get eventCells(): [number, number][] {
    const cells: [number, number][] = []
    let x = this.body.x
    for (const share of EVENT_COLUMN_SHARES) {
      const w = pyRound(this.body.w * share)
      cells.push([x + this.px(16), w - this.px(32)])
      x += w
    }
    return cells
  }

  get eventHeadRadius(): number { return this.px(8) }
  get eventHeadRaise(): number { return this.px(4) }

  // The QR codes (qr_layout.py) ------------------------------------------------
  /** Pixels per module: MODULE_MM or more at this board's pixel pitch. */
  get qrModule(): number {
    const pitch = PANEL_LONG_SIDE_MM / Math.max(this.width, this.height)
    return Math.ceil(MODULE_MM / pitch)
  }
  /** The side of a code's white tile: a reserved code and its quiet zone. */
  get qrTile(): number { return this.qrModule * (RESERVED_MODULES + 2 * QUIET_ZONE) }

  /** Landscape with codes: the date-and-time, activity and venue columns' text start and width. */
  get eventQrCells(): [number, number][] {
    const pad = this.px(16)
    const cells: [number, number][] = []
    let x = this.body.x
    const room = this.body.w - this.qrTile - 2 * pad
    for (const share of EVENT_QR_COLUMN_SHARES) {
      const w = pyRound(room * share)
      cells.push([x + pad, w - 2 * pad])
      x += w
    }
    return cells
  }

  /** A row's code: at its right end, a row's inset from its top. */
  eventQrTile(rowTop: number, rowRight: number): Rect {
    const side = this.qrTile
    const inset = this.portrait ? this.eventRowInset : this.px(16)
    return { x: rowRight - inset - side, y: rowTop + this.eventRowTop, w: side, h: side }
  }

  /** The widths a title and a venue wrap to beside a code. */
  eventQrCellWidths(): [number, number] {
    if (this.portrait) {
      const inner = this.body.w - 2 * this.eventRowInset - this.qrTile - this.gap
      return [inner, inner]
    }
    const cells = this.eventQrCells
    return [(cells[1] as [number, number])[1], (cells[2] as [number, number])[1]]
  }

  /** A row with a code: as tall as its text (landscape: the date over the time) or its code. */
  eventQrRowHeight(titleLines: number, venueLines: number): number {
    const title = titleLines * lineStep(this.bodySize)
    const venue = venueLines * lineStep(this.labelSize)
    const text = this.portrait
      ? lineStep(this.bodySize) + title + venue
      : Math.max(2 * lineStep(this.bodySize), title, venue)
    return Math.max(text, this.qrTile) + 2 * this.eventRowTop
  }

  /** Portrait: the heading's baseline over the events under a notice's card. */
  belowHeadingBase(cardBottom: number): number { return cardBottom + this.gap + fontAscent(this.titleSize) }
  belowRowsTop(cardBottom: number): number { return cardBottom + this.gap + lineStep(this.titleSize) }

  // The honour card ----------------------------------------------------------
  get honourRadius(): number { return this.px(20) }
  get honourPad(): number { return this.px(40) }
  private get honourInner(): Rect {
    const pad = this.honourPad
    const b = this.body
    return { x: b.x + pad, y: b.y + pad, w: b.w - 2 * pad, h: b.h - 2 * pad }
  }
  get honourPhotoBox(): Rect {
    const inner = this.honourInner
    if (this.portrait) return { x: inner.x, y: inner.y, w: inner.w, h: pyRound(inner.h * 0.45) }
    return { x: inner.x, y: inner.y, w: pyRound(inner.h * LANDSCAPE_PHOTO_ASPECT), h: inner.h }
  }
  get honourTextBox(): Rect {
    const inner = this.honourInner
    const photo = this.honourPhotoBox
    const pad = this.honourPad
    if (this.portrait) return { x: inner.x, y: bottom(photo) + pad, w: inner.w, h: bottom(inner) - bottom(photo) - pad }
    return { x: right(photo) + pad, y: inner.y, w: right(inner) - right(photo) - pad, h: inner.h }
  }
  get photoFrame(): number { return this.px(6) }
  get monogramRingInset(): number { return this.px(8) }
  get monogramRing(): number { return this.px(4) }
  get honourPillPad(): number { return this.px(40) }
  get honourPillInset(): number { return this.px(20) }
  /** A name steps down rather than take more than two lines. */
  get honourNameSizes(): number[] { return [this.px(88), this.px(72), this.px(60)] }
  /** A citation shrinks to the reading floor to stay on one card, then pages at body size. */
  get honourCitationSizes(): number[] { return [this.bodySize, this.px(44), this.readingFloor] }
  honourNameTop(): number { return this.honourTextBox.y + lineStep(this.bodySize) + this.gap }
  honourCitationTop(nameLines: number, nameSize: number): number {
    return this.honourNameTop() + nameLines * lineStep(nameSize) + this.honourRule[1] + this.gap
  }
  honourLinesPerPage(nameLines: number, nameSize: number, size: number): number {
    const room = bottom(this.honourTextBox) - this.honourCitationTop(nameLines, nameSize)
    return Math.max(1, div(room, lineStep(size)))
  }
  /** The gold line under the name: width and height. */
  get honourRule(): [number, number] { return [this.px(120), this.px(6)] }
}

/**
 * A landscape board's photo box is this share of the card's inner height
 * wide, and that height tall: the shape the console crops photos to.
 */
export const LANDSCAPE_PHOTO_ASPECT = 0.78

export function layoutFor(width: number, height: number): Layout {
  return new Layout(width, height)
}

// The font -------------------------------------------------------------------
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
