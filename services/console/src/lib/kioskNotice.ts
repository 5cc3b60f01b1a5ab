// A notice as the kiosk draws it: in a white card under its category's pill
// (qile_kiosk/notice_card.py), or, urgent, over the whole screen in
// emergency mode (emergency.py): red under an amber band saying "⚠ 紧急通知"
// larger than any title, with its time of issue. In portrait, a card that
// ends with its text has the coming events under it (withEventsBelow chose them).
import { bottom, fontAscent, lineStep, type Layout, type Rect, type TextBlock } from './kioskLayout'
import { centredBaseline, type Painter } from './kioskPaint'
import { AMBER, INK, WHITE } from './kioskPalette'
import { drawEventsBelow } from './kioskSchedule'
import { noticeTextBottom, type NoticeSlide } from './kioskSlides'
import { isoToCityWall } from './time'

export const EMERGENCY_LABEL = '⚠ 紧急通知'

/** The title and the body lines where `block` (the one the slides paginated with) puts them. */
function drawTextBlock(p: Painter, block: TextBlock, slide: NoticeSlide, colour: string): void {
  const x = block.box.x
  let y = block.titleTop
  for (const line of slide.titleLines) {
    p.line(line, x, y + fontAscent(slide.titleSize), slide.titleSize, colour, true)
    y += lineStep(slide.titleSize)
  }
  p.lines(slide.lines, x, block.linesTop(slide.titleLines.length, slide.titleSize), slide.size, colour)
}

/** A white card with a stripe and a label pill in the theme colour; events under it, if any. */
export function drawNotice(p: Painter, slide: NoticeSlide, accent: string): void {
  const { lay, ts } = p
  const b = lay.noticeCard(slide.below.length ? noticeTextBottom(slide, lay) : null)
  p.rect(WHITE, b, lay.noticeRadius)
  p.rect(accent, { x: b.x, y: b.y, w: lay.noticeStripe, h: b.h })
  const block = lay.noticeBlock(false)
  const label = slide.notice.categoryLabel
  const size = lay.labelSize
  const pill = { x: block.box.x, y: block.box.y, w: ts.measure(label, size, true) + lay.pillPad, h: lineStep(size) }
  p.rect(accent, pill, Math.floor(pill.h / 2))
  p.text(label, pill.x + lay.pillInset, centredBaseline(pill, size), size, WHITE, true)
  drawTextBlock(p, block, slide, INK)
  if (slide.below.length) drawEventsBelow(p, slide.below, bottom(b), accent)
}

/** "5月13日 09:30 发布": when display starts (the preview gives now while the editor has not set it). */
export function issuedText(slide: NoticeSlide): string {
  if (!slide.notice.displayStart) return ''
  const wall = isoToCityWall(slide.notice.displayStart)
  const [month, day] = wall.slice(5, 10).split('-').map(Number) as [number, number]
  return `${month}月${day}日 ${wall.slice(11, 16)} 发布`
}

/** The band's part inside the safe area, where its text goes. */
function bandInner(lay: Layout): Rect {
  return { x: lay.safe.x, y: lay.safe.y, w: lay.safe.w, h: lay.emergencyBandH }
}

/** The clock's baseline, at the band's right. */
export function emergencyClockBase(lay: Layout): number {
  return centredBaseline(bandInner(lay), lay.clockSize)
}

export function drawBand(p: Painter): void {
  const { lay } = p
  p.rect(AMBER, lay.emergencyBand)
  const inner = bandInner(lay)
  const size = lay.emergencyLabelSize
  p.text(EMERGENCY_LABEL, inner.x, centredBaseline(inner, size), size, INK, true)
}

/** The body: when it was issued, then the title and text where the slides put them. */
export function drawEmergency(p: Painter, slide: NoticeSlide): void {
  const { lay } = p
  const block = lay.noticeBlock(true)
  const size = lay.bodySize
  p.text(issuedText(slide), block.box.x, block.box.y + fontAscent(size), size, WHITE)
  drawTextBlock(p, block, slide, WHITE)
}
