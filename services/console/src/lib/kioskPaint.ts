// Drawing as the kiosk's Typesetter and pygame.draw do, into a list of
// shapes instead of pixels (see kioskRender.ts).
import { centreX, centreY, div, fontAscent, fontDescent, lineStep, pyRound, QUIET_ZONE, type Layout, type Rect } from './kioskLayout'
import type { Typesetter } from './kioskSlides'
import { COMPRESS_AT_START, PARAGRAPH_BREAK } from './kioskText'
import { qrShape } from './qr'

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string; radius: number; width: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; color: string; width: number }
  /** Text with its pen at (x, y): y is the baseline. */
  | { kind: 'text'; text: string; x: number; y: number; size: number; bold: boolean; color: string }
  | { kind: 'image'; x: number; y: number; w: number; h: number; url: string }
  /** A QR code of `text` drawn over (x, y, w, h), its quiet zone included: `modules` a side, `path` its dark ones. */
  | { kind: 'qr'; x: number; y: number; w: number; h: number; text: string; modules: number; path: string }

/** The shapes of a frame over the colour the screen is filled with. */
export interface Drawing {
  background: string
  shapes: Shape[]
  /** Which screens show this page and as what, when not every screen shows it (a poster, a gallery's photo). */
  caption?: string
}

/** Draws into a list of shapes, as the kiosk's Typesetter and pygame.draw do into pixels. */
export class Painter {
  readonly shapes: Shape[] = []
  constructor(
    readonly lay: Layout,
    readonly ts: Typesetter,
  ) {}

  rect(color: string, r: Rect, radius = 0, width = 0): void {
    this.shapes.push({ kind: 'rect', x: r.x, y: r.y, w: r.w, h: r.h, color, radius, width })
  }

  /**
   * A photo or poster fitted whole inside `box`, keeping its shape, centred, as the kiosk's
   * ImageStore scales it and get_rect(center=…) places it; returns where it went.
   */
  image(photo: { url: string; width: number; height: number }, box: Rect): Rect {
    const scale = Math.min(box.w / photo.width, box.h / photo.height)
    const w = Math.max(1, pyRound(photo.width * scale))
    const h = Math.max(1, pyRound(photo.height * scale))
    const r = { x: centreX(box) - Math.trunc(w / 2), y: centreY(box) - Math.trunc(h / 2), w, h }
    this.shapes.push({ kind: 'image', ...r, url: photo.url })
    return r
  }

  circle(color: string, cx: number, cy: number, r: number, width = 0): void {
    this.shapes.push({ kind: 'circle', cx, cy, r, color, width })
  }

  /** Draw with (x, baseline); returns where the ink starts (the kiosk returns the inked rectangle). */
  text(text: string, x: number, y: number, size: number, color: string, bold = false): number {
    const clean = this.ts.clean(text)
    if (!clean) return x
    this.shapes.push({ kind: 'text', text: clean, x, y, size, bold, color })
    return x + this.ts.metrics.inkLeft(clean, size, bold)
  }

  /**
   * A line of running text: an opening bracket or quote that starts it is
   * drawn without its blank left half (行首压缩), as typeset.draw_line does.
   */
  line(text: string, x: number, y: number, size: number, color: string, bold = false): number {
    const clean = this.ts.clean(text)
    const first = clean.slice(0, 1)
    if (COMPRESS_AT_START.has(first)) x -= Math.max(0, this.ts.metrics.inkLeft(first, size, bold) - div(size, 10))
    return this.text(clean, x, y, size, color, bold)
  }

  /**
   * The code for `url` centred in the square `tile`, with its quiet zone, as qile_kiosk/qr.py
   * draws it: whole-pixel modules as large as fit, so a longer address is drawn smaller.
   */
  qr(url: string, tile: Rect): Rect {
    const shape = qrShape(url, { ecc: 'L', border: QUIET_ZONE, boostEcc: true })
    const side = shape.size * Math.max(1, div(tile.w, shape.size))
    // pygame's get_rect(center=…): integer halves.
    const drawn = { x: centreX(tile) - Math.trunc(side / 2), y: centreY(tile) - Math.trunc(side / 2), w: side, h: side }
    this.shapes.push({ kind: 'qr', ...drawn, text: url, modules: shape.size, path: shape.path })
    return drawn
  }

  /** Running text's lines from (x, top), half a line of space at each paragraph break (typeset.draw_lines). */
  lines(lines: readonly string[], x: number, top: number, size: number, color: string): void {
    let y = top
    for (const line of lines) {
      if (line === PARAGRAPH_BREAK) {
        y += div(lineStep(size), 2)
        continue
      }
      this.line(line, x, y + fontAscent(size), size, color)
      y += lineStep(size)
    }
  }

  textRight(text: string, rightX: number, y: number, size: number, color: string, bold = false): number {
    return this.text(text, rightX - this.ts.measure(text, size, bold), y, size, color, bold)
  }

  textCentred(text: string, cx: number, y: number, size: number, color: string, bold = false): number {
    return this.text(text, cx - div(this.ts.measure(text, size, bold), 2), y, size, color, bold)
  }
}

/** The baseline that centres a line of `size` in `box` (a pill, a table row). */
export const centredBaseline = (box: Rect, size: number): number => box.y + div(box.h + fontAscent(size) - fontDescent(size), 2)
