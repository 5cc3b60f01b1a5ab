// The good people gallery's card (qile_kiosk/honour_card.py): a photo or a
// deliberate monogram, the title, the name and the citation.
import {
  GOLD, INK, MUTED, WHITE, bottom, centreX, centreY, fontAscent, fontDescent, lineStep, pyRound, px, right, sizes, type Rect,
} from './kioskLayout'
import { centredBaseline, type Painter } from './kioskPaint'

export interface PhotoFields {
  url: string
  width: number
  height: number
}

export interface HonourFields {
  title: string
  subjectName: string
  citation: string
  year: number | null
  photo: PhotoFields | null
}

/**
 * A landscape board's photo box is this share of the card's inner height
 * wide, and that height tall: the shape the console crops photos to.
 */
export const LANDSCAPE_PHOTO_ASPECT = 0.78

export function honourCard(p: Painter, h: HonourFields, accent: string): void {
  const { lay } = p
  const b = lay.body
  p.rect(WHITE, b, px(lay, 20))
  const pad = px(lay, 40)
  const inner = { x: b.x + pad, y: b.y + pad, w: b.w - 2 * pad, h: b.h - 2 * pad }
  let photoBox: Rect
  let textBox: Rect
  if (lay.portrait) {
    photoBox = { x: inner.x, y: inner.y, w: inner.w, h: pyRound(inner.h * 0.45) }
    textBox = { x: inner.x, y: bottom(photoBox) + pad, w: inner.w, h: bottom(inner) - bottom(photoBox) - pad }
  } else {
    photoBox = { x: inner.x, y: inner.y, w: pyRound(inner.h * LANDSCAPE_PHOTO_ASPECT), h: inner.h }
    textBox = { x: right(photoBox) + pad, y: inner.y, w: right(inner) - right(photoBox) - pad, h: inner.h }
  }
  photo(p, h, photoBox, accent)
  honourText(p, h, textBox, accent)
}

function photo(p: Painter, h: HonourFields, box: Rect, accent: string): void {
  const { lay, ts } = p
  if (h.photo && h.photo.width > 0 && h.photo.height > 0) {
    // Fitted inside the box, keeping its shape, as the kiosk's ImageStore scales it.
    const scale = Math.min(box.w / h.photo.width, box.h / h.photo.height)
    const w = Math.max(1, pyRound(h.photo.width * scale))
    const ht = Math.max(1, pyRound(h.photo.height * scale))
    const r = { x: centreX(box) - Math.trunc(w / 2), y: centreY(box) - Math.trunc(ht / 2), w, h: ht }
    p.shapes.push({ kind: 'image', ...r, url: h.photo.url })
    p.rect(GOLD, r, 0, px(lay, 6))
    return
  }
  // No photo: a deliberate monogram card in the theme colour, not an empty frame.
  p.rect(accent, box, px(lay, 20))
  const radius = Math.floor((Math.min(box.w, box.h) * 3) / 10)
  const cx = centreX(box)
  const cy = centreY(box) - Math.floor(radius / 4)
  p.circle(GOLD, cx, cy, radius)
  p.circle(WHITE, cx, cy, radius - px(lay, 8), px(lay, 4))
  const size = pyRound(radius * 1.1)
  const initial = Array.from(h.subjectName)[0] ?? ''
  p.textCentred(initial, cx, cy + Math.floor((fontAscent(size) - fontDescent(size)) / 2), size, accent, true)
  const s = sizes(lay)
  // The kiosk does not fit this one: a long title runs past the card.
  if (ts.measure(h.title, s.body, true) > box.w) p.trouble('title', 'overflow')
  p.textCentred(h.title, centreX(box), cy + radius + lineStep(s.body), s.body, WHITE, true)
}

function honourText(p: Painter, h: HonourFields, box: Rect, accent: string): void {
  const { lay, ts } = p
  const s = sizes(lay)
  let y = box.y
  const size = s.body
  const pillH = lineStep(size)
  const pillW = ts.measure(h.title, size, true) + px(lay, 40)
  // Nor this one: the year is drawn at the right, over a pill that reaches it.
  if (pillW + ts.measure(`${h.year ?? ''}年度`, s.small) > box.w) p.trouble('title', 'overflow')
  p.rect(accent, { x: box.x, y, w: pillW, h: pillH }, Math.floor(pillH / 2))
  p.text(h.title, box.x + px(lay, 20), centredBaseline(y, pillH, size), size, WHITE, true)
  p.textRight(`${h.year ?? ''}年度`, right(box), centredBaseline(y, pillH, size), s.small, MUTED)
  y += pillH + s.gap
  const nameSize = px(lay, 88)
  p.text(p.fit('subjectName', h.subjectName, box.w, nameSize, true), box.x, y + fontAscent(nameSize), nameSize, INK, true)
  y += lineStep(nameSize)
  p.rect(GOLD, { x: box.x, y, w: px(lay, 120), h: px(lay, 6) })
  y += s.gap
  // The citation shrinks until it fits (a card has no pages), down to the small size; then it is cut.
  const room = bottom(box) - y
  let citeSize = s.body
  let lines: string[]
  for (;;) {
    lines = ts.wrap(h.citation, box.w, citeSize)
    if (lines.length * lineStep(citeSize) <= room || citeSize <= s.small) break
    citeSize = Math.max(s.small, pyRound(citeSize * 0.9))
  }
  if (citeSize < s.body) p.trouble('citation', 'shrunk')
  const maxLines = Math.max(1, Math.floor(room / lineStep(citeSize)))
  if (lines.length > maxLines) {
    lines = [...lines.slice(0, maxLines - 1), ts.fit(lines.slice(maxLines - 1).join(''), box.w, citeSize)]
    p.trouble('citation', 'cut')
  }
  for (const line of lines) {
    p.text(line, box.x, y + fontAscent(citeSize), citeSize, INK)
    y += lineStep(citeSize)
  }
}
