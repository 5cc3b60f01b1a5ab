// The good people gallery's card (qile_kiosk/honour_card.py): a photo or a
// deliberate monogram, the title, the name (balanced lines, laid out by the
// slides) and the citation at its size and page.
import { centreX, centreY, div, fontAscent, fontDescent, lineStep, pyRound, right, type Rect } from './kioskLayout'
import { centredBaseline, type Painter } from './kioskPaint'
import { GOLD, INK, MUTED, WHITE } from './kioskPalette'
import { fittedLines, type HonourSlide } from './kioskSlides'

export function honourCard(p: Painter, slide: HonourSlide, accent: string): void {
  const { lay } = p
  p.rect(WHITE, lay.body, lay.honourRadius)
  photo(p, slide, lay.honourPhotoBox, accent)
  honourText(p, slide, accent)
}

function photo(p: Painter, slide: HonourSlide, box: Rect, accent: string): void {
  const { lay, ts } = p
  const h = slide.honour
  if (h.photo && h.photo.width > 0 && h.photo.height > 0) {
    p.rect(GOLD, p.image(h.photo, box), 0, lay.photoFrame)
    return
  }
  // No photo: a deliberate monogram card in the theme colour, not an empty frame.
  p.rect(accent, box, lay.honourRadius)
  const radius = div(Math.min(box.w, box.h) * 3, 10)
  const cx = centreX(box)
  const cy = centreY(box) - div(radius, 4)
  p.circle(GOLD, cx, cy, radius)
  p.circle(WHITE, cx, cy, radius - lay.monogramRingInset, lay.monogramRing)
  // The first character as drawn: a rare one from a fallback face, else the placeholder.
  const initial = Array.from(ts.clean(h.subjectName))[0] ?? ''
  const size = pyRound(radius * 1.1)
  p.textCentred(initial, cx, cy + div(fontAscent(size) - fontDescent(size), 2), size, accent, true)
  // The title under the disc, inside the box whatever its length: balanced lines, smaller if need be.
  const [lines, titleSize] = fittedLines(ts, h.title, box.w - 2 * lay.honourPad, [lay.bodySize, lay.readingFloor], 2, true)
  let base = cy + radius + lineStep(titleSize)
  for (const line of lines) {
    p.textCentred(line, centreX(box), base, titleSize, WHITE, true)
    base += lineStep(titleSize)
  }
}

function honourText(p: Painter, slide: HonourSlide, accent: string): void {
  const { lay, ts } = p
  const box = lay.honourTextBox
  const h = slide.honour
  const size = lay.bodySize
  const pill = { x: box.x, y: box.y, w: ts.measure(h.title, size, true) + lay.honourPillPad, h: lineStep(size) }
  p.rect(accent, pill, div(pill.h, 2))
  const pillBase = centredBaseline(pill, size)
  p.text(h.title, pill.x + lay.honourPillInset, pillBase, size, WHITE, true)
  p.textRight(`${h.year ?? ''}年度`, right(box), pillBase, lay.smallSize, MUTED)
  let y = lay.honourNameTop()
  for (const line of slide.nameLines) {
    p.text(line, box.x, y + fontAscent(slide.nameSize), slide.nameSize, INK, true)
    y += lineStep(slide.nameSize)
  }
  const [ruleW, ruleH] = lay.honourRule
  p.rect(GOLD, { x: box.x, y, w: ruleW, h: ruleH })
  p.lines(slide.lines, box.x, lay.honourCitationTop(slide.nameLines.length, slide.nameSize), slide.size, INK)
}
