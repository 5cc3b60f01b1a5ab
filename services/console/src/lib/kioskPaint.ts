// Drawing as the kiosk's Typesetter and pygame.draw do, into a list of
// shapes instead of pixels (see kioskRender.ts), noting what of an editor's
// item did not fit as typed.
import { fontAscent, fontDescent, type Layout, type Rect } from './kioskLayout'
import type { Typesetter } from './kioskSlides'
import { cleanText } from './kioskText'

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string; radius: number; width: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; color: string; width: number }
  /** Text with its pen at (x, y): y is the baseline. */
  | { kind: 'text'; text: string; x: number; y: number; size: number; bold: boolean; color: string }
  | { kind: 'image'; x: number; y: number; w: number; h: number; url: string }

/** An editor's field as the preview reports it: cut with …, shrunk, or running past its box. */
export type Trouble = { field: string; how: 'cut' | 'shrunk' | 'overflow' }

/** The shapes of a frame, and what of the item did not fit as typed. */
export interface Drawing {
  shapes: Shape[]
  troubles: Trouble[]
}

/** Draws into a list of shapes, as the kiosk's Typesetter and pygame.draw do into pixels. */
export class Painter {
  readonly shapes: Shape[] = []
  readonly troubles: Trouble[] = []
  constructor(
    readonly lay: Layout,
    readonly ts: Typesetter,
  ) {}

  rect(color: string, r: Rect, radius = 0, width = 0): void {
    this.shapes.push({ kind: 'rect', ...r, color, radius, width })
  }

  circle(color: string, cx: number, cy: number, r: number, width = 0): void {
    this.shapes.push({ kind: 'circle', cx, cy, r, color, width })
  }

  /** Draw with (x, baseline); returns the pen's x (the kiosk returns the inked rectangle). */
  text(text: string, x: number, y: number, size: number, color: string, bold = false): number {
    const clean = cleanText(text)
    if (clean) this.shapes.push({ kind: 'text', text: clean, x, y, size, bold, color })
    return x
  }

  /** ts.fit, noting when an editor's field was cut. */
  fit(field: string | null, text: string, width: number, size: number, bold = false): string {
    const fitted = this.ts.fit(text, width, size, bold)
    if (field && fitted !== cleanText(text)) this.trouble(field, 'cut')
    return fitted
  }

  trouble(field: string, how: Trouble['how']): void {
    if (!this.troubles.some((t) => t.field === field && t.how === how)) this.troubles.push({ field, how })
  }

  textRight(text: string, rightX: number, y: number, size: number, color: string, bold = false): number {
    return this.text(text, rightX - this.ts.measure(text, size, bold), y, size, color, bold)
  }

  textCentred(text: string, cx: number, y: number, size: number, color: string, bold = false): number {
    return this.text(text, cx - Math.floor(this.ts.measure(text, size, bold) / 2), y, size, color, bold)
  }
}

/** The baseline that centres a line of `size` in a band of height `h` starting at `y`. */
export const centredBaseline = (y: number, h: number, size: number): number =>
  y + Math.floor((h + fontAscent(size) - fontDescent(size)) / 2)
