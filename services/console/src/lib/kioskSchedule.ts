// The events schedule as the kiosk draws it (qile_kiosk/schedule.py): a
// table in landscape, a stack of row cards in portrait; rows as tall as
// their wrapped title and venue, the date with its weekday, and a large
// event's ★ explained in the heading. When the events have their resident
// pages, each row carries its event's QR code, and in landscape the date and
// time share a column, one over the other; in portrait, events with codes
// also go under a short notice (drawEventsBelow).
import { centreX, div, fontAscent, lineStep, right, type Rect } from './kioskLayout'
import type { Painter } from './kioskPaint'
import { INK, MUTED, ROW_SHADE, WHITE } from './kioskPalette'
import { LARGE_EVENT_MARK, type EventFields, type EventRow, type EventsSlide } from './kioskSlides'
import { isoToCityWall } from './time'

export const WEEKDAYS = '一二三四五六日'
const LEGEND = `${LARGE_EVENT_MARK} 大型活动`
const HEADING = '近期活动安排'
const BELOW_HEADING = '近期活动 · 扫码报名'
const QR_LABEL = '扫码报名'

function cityParts(iso: string): { month: number; day: number; hm: string; weekday: string; date: string } {
  const wall = isoToCityWall(iso)
  const [year, month, day] = wall.slice(0, 10).split('-').map(Number) as [number, number, number]
  // Monday first, as Python's weekday().
  const weekday = WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7] as string
  return { month, day, hm: wall.slice(11, 16), weekday, date: wall.slice(0, 10) }
}

export function shortDate(iso: string): string {
  const p = cityParts(iso)
  return `${p.month}月${p.day}日 周${p.weekday}`
}

export function timeSpan(start: string, end: string): string {
  const a = cityParts(start)
  const b = cityParts(end)
  return a.date !== b.date ? `${a.hm}起` : `${a.hm}–${b.hm}`
}

/** The date and the time, or what stands for them while the editor has not chosen them. */
function when(ev: EventFields): [string, string] {
  if (!ev.startsAt || !ev.endsAt) return ['日期待定', '时间待定']
  return [shortDate(ev.startsAt), timeSpan(ev.startsAt, ev.endsAt)]
}

export function drawSchedule(p: Painter, slide: EventsSlide, accent: string): void {
  const { lay } = p
  const b = lay.body
  heading(p, HEADING, b.y + fontAscent(lay.titleSize), slide.rows, accent)
  if (lay.portrait) cards(p, slide.rows, accent, lay.eventsRowsTop, slide.qr)
  else if (slide.qr) qrTable(p, slide.rows, accent)
  else table(p, slide.rows, accent)
}

/** Portrait: the coming events, with their codes, under a notice's card. */
export function drawEventsBelow(p: Painter, rows: readonly EventRow[], cardBottom: number, accent: string): void {
  const { lay } = p
  heading(p, BELOW_HEADING, lay.belowHeadingBase(cardBottom), rows, accent)
  cards(p, rows, accent, lay.belowRowsTop(cardBottom), true)
}

/** The heading, and on its right what ★ means when a row has one. */
function heading(p: Painter, text: string, base: number, rows: readonly EventRow[], accent: string): void {
  const { lay } = p
  p.text(text, lay.body.x, base, lay.titleSize, accent, true)
  if (rows.some((r) => r.event.largeScale)) p.textRight(LEGEND, right(lay.body), base, lay.labelSize, INK, true)
}

/** The event's code in its tile; none without an address. */
function code(p: Painter, row: EventRow, tile: Rect): void {
  if (row.event.publicUrl) p.qr(row.event.publicUrl, tile)
}

/** Lines from `top` down; returns the top of the next line. */
function lines(p: Painter, texts: readonly string[], x: number, top: number, size: number, colour: string): number {
  for (const line of texts) {
    p.line(line, x, top + fontAscent(size), size, colour)
    top += lineStep(size)
  }
  return top
}

function table(p: Painter, rows: readonly EventRow[], accent: string): void {
  const { lay } = p
  const b = lay.body
  const cells = lay.eventCells
  const size = lay.bodySize
  const head = { x: b.x, y: lay.eventsTableTop, w: b.w, h: lay.eventsRowsTop - lay.eventsTableTop }
  p.rect(accent, head, lay.eventHeadRadius)
  const labelBase = head.y + div(head.h + fontAscent(lay.smallSize), 2) - lay.eventHeadRaise
  ;['日期', '时间', '活动', '地点'].forEach((label, i) => {
    p.text(label, (cells[i] as [number, number])[0], labelBase, lay.smallSize, WHITE, true)
  })
  let y = lay.eventsRowsTop
  rows.forEach((row, i) => {
    const h = lay.eventRowHeight(row.titleLines.length, row.venueLines.length)
    if (i % 2 === 0) p.rect(ROW_SHADE, { x: b.x, y, w: b.w, h })
    const top = y + lay.eventRowTop
    const [date, time] = when(row.event)
    const x = (c: number) => (cells[c] as [number, number])[0]
    lines(p, [date], x(0), top, size, INK)
    lines(p, [time], x(1), top, size, INK)
    lines(p, row.titleLines, x(2), top, size, INK)
    lines(p, row.venueLines, x(3), top, lay.labelSize, INK)
    y += h + lay.eventRowGap
  })
}

/** Landscape with codes: the date over the time, the activity, the venue, the code. */
function qrTable(p: Painter, rows: readonly EventRow[], accent: string): void {
  const { lay } = p
  const b = lay.body
  const cells = lay.eventQrCells
  const size = lay.bodySize
  const head = { x: b.x, y: lay.eventsTableTop, w: b.w, h: lay.eventsRowsTop - lay.eventsTableTop }
  p.rect(accent, head, lay.eventHeadRadius)
  const labelBase = head.y + div(head.h + fontAscent(lay.smallSize), 2) - lay.eventHeadRaise
  ;['时间', '活动', '地点'].forEach((label, i) => {
    p.text(label, (cells[i] as [number, number])[0], labelBase, lay.smallSize, WHITE, true)
  })
  p.textCentred(QR_LABEL, centreX(lay.eventQrTile(0, right(b))), labelBase, lay.smallSize, WHITE, true)
  let y = lay.eventsRowsTop
  rows.forEach((row, i) => {
    const h = lay.eventRowHeight(row.titleLines.length, row.venueLines.length, true)
    if (i % 2 === 0) p.rect(ROW_SHADE, { x: b.x, y, w: b.w, h })
    const top = y + lay.eventRowTop
    const x = (c: number) => (cells[c] as [number, number])[0]
    lines(p, when(row.event), x(0), top, size, INK)
    lines(p, row.titleLines, x(1), top, size, INK)
    lines(p, row.venueLines, x(2), top, lay.labelSize, INK)
    code(p, row, lay.eventQrTile(y, right(b)))
    y += h
  })
}

/** Portrait: a card per event from `y` down, its code on the right when there are codes. */
function cards(p: Painter, rows: readonly EventRow[], accent: string, y: number, qr: boolean): void {
  const { lay } = p
  const b = lay.body
  const size = lay.bodySize
  rows.forEach((row, i) => {
    const h = lay.eventRowHeight(row.titleLines.length, row.venueLines.length, qr)
    p.rect(i % 2 === 0 ? ROW_SHADE : WHITE, { x: b.x, y, w: b.w, h }, lay.eventRowRadius)
    if (qr) code(p, row, lay.eventQrTile(y, right(b)))
    const x = b.x + lay.eventRowInset
    let top = y + lay.eventRowTop
    p.text(when(row.event).join(' '), x, top + fontAscent(size), size, accent, true)
    top = lines(p, row.titleLines, x, top + lineStep(size), size, INK)
    lines(p, row.venueLines, x, top, lay.labelSize, MUTED)
    y += h + lay.eventRowGap
  })
}
