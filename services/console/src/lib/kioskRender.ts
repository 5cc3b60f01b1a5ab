// One frame of a board as the kiosk draws it (qile_kiosk/render.py; the
// honour card is in kioskHonourCard.ts), as a list of shapes instead of
// pixels: the preview turns them into positioned elements, and the unit
// tests compare them with what the kiosk's own renderer drew
// (tests/kiosk/board_cases.json). Only the showing states are ported;
// standby, pairing and the offline mark are not what an editor previews.
import {
  BRAND_RED,
  GOLD,
  INK,
  MUTED,
  ROW_SHADE,
  THEME_COLOURS,
  URGENT_RED,
  WHITE,
  bottom,
  centreX,
  fontAscent,
  fontDescent,
  lineStep,
  pyRound,
  px,
  right,
  sizes,
  type Layout,
} from './kioskLayout'
import { honourCard, type HonourFields } from './kioskHonourCard'
import { centredBaseline, Painter, type Drawing } from './kioskPaint'
import { eventRowHeight, type NoticeSlide, type Typesetter } from './kioskSlides'
import { isoToCityWall } from './time'

export type { HonourFields, PhotoFields } from './kioskHonourCard'
export type { Drawing, Shape, Trouble } from './kioskPaint'

/** Where the preview pretends to show: the header and footer of a screen there. */
export interface ScreenInfo {
  community: string
  themeLabel: string | null
  themeName: string | null
  subdistrict: string
  district: string
}

export interface NoticeFields {
  title: string
  body: string
  /** The category's Chinese name, shown in the label pill. */
  categoryLabel: string
  urgent: boolean
}

export interface EventFields {
  title: string
  venue: string
  /** ISO instants; null while the editor has not chosen them. */
  startsAt: string | null
  endsAt: string | null
  largeScale: boolean
}

export type Slide =
  | { kind: 'notice'; notice: NoticeFields; slide: NoticeSlide }
  | { kind: 'events'; events: EventFields[]; page: number; pages: number }
  | { kind: 'honour'; honour: HonourFields }

export interface Frame {
  screen: ScreenInfo
  brand: string
  clock: string
  date: string
  slide: Slide
  urgent: boolean
}

const WEEKDAYS = '一二三四五六日'

function cityParts(iso: string): { year: number; month: number; day: number; hm: string; weekday: string; date: string } {
  const wall = isoToCityWall(iso)
  const [year, month, day] = wall.slice(0, 10).split('-').map(Number) as [number, number, number]
  // Monday first, as Python's weekday().
  const weekday = WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7] as string
  return { year, month, day, hm: wall.slice(11, 16), weekday, date: wall.slice(0, 10) }
}

export function clockText(iso: string): string {
  return cityParts(iso).hm
}

export function dateText(iso: string): string {
  const p = cityParts(iso)
  return `${p.year}年${p.month}月${p.day}日 星期${p.weekday}`
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

export function accentOf(frame: Pick<Frame, 'urgent' | 'screen'>): string {
  if (frame.urgent) return URGENT_RED
  return THEME_COLOURS[frame.screen.themeName ?? ''] ?? BRAND_RED
}

/** Every shape of the frame, in the kiosk's drawing order (the paper background is the stage's colour). */
export function drawFrame(frame: Frame, lay: Layout, ts: Typesetter): Drawing {
  const p = new Painter(lay, ts)
  const accent = accentOf(frame)
  header(p, frame, accent)
  const slide = frame.slide
  if (slide.kind === 'notice') notice(p, slide.notice, slide.slide, accent)
  else if (slide.kind === 'events') events(p, slide.events, accent)
  else honourCard(p, slide.honour, accent)
  footer(p, frame, accent)
  return { shapes: p.shapes, troubles: p.troubles }
}

function header(p: Painter, frame: Frame, accent: string): void {
  const { lay } = p
  const s = sizes(lay)
  const h = lay.header
  // The band bleeds to the screen's edges; its text stays in the safe area.
  p.rect(accent, { x: 0, y: 0, w: lay.width, h: bottom(h) + px(lay, 12) })
  p.rect(GOLD, { x: 0, y: bottom(h) + px(lay, 12), w: lay.width, h: px(lay, 6) })
  const name = frame.screen.community
  const theme = frame.screen.themeLabel ?? ''
  const nameBase = h.y + fontAscent(s.headerName)
  if (lay.portrait) {
    const row2 = nameBase + lineStep(s.headerName)
    const clockX = p.textRight(frame.clock, right(h), nameBase, s.clock, WHITE, true)
    p.text(p.fit(null, name, clockX - h.x - s.gap, s.headerName, true), h.x, nameBase, s.headerName, WHITE, true)
    const dateX = p.textRight(frame.date, right(h), row2, s.small, WHITE)
    p.text(p.fit(null, theme, dateX - h.x - s.gap, s.small), h.x, row2, s.small, GOLD)
    return
  }
  const row2 = nameBase + lineStep(s.small) + px(lay, 6)
  p.text(name, h.x, nameBase, s.headerName, WHITE, true)
  p.text(theme, h.x, row2, s.small, GOLD)
  p.textCentred(frame.brand, centreX(h), nameBase + px(lay, 18), s.headerName, GOLD, true)
  p.textRight(frame.clock, right(h), nameBase, s.clock, WHITE, true)
  p.textRight(frame.date, right(h), row2, s.small, WHITE)
}

function footer(p: Painter, frame: Frame, accent: string): void {
  const { lay } = p
  const s = sizes(lay)
  const f = lay.footer
  const base = f.y + fontAscent(s.small)
  if (lay.portrait) p.textCentred(frame.brand, centreX(f), base, s.small, accent, true)
  else p.text(`${frame.screen.district} · ${frame.screen.subdistrict}`, f.x, base, s.small, MUTED)
  const slide = frame.slide
  const paged = slide.kind === 'notice' ? slide.slide : slide.kind === 'events' ? slide : null
  if (paged && paged.pages > 1) p.textRight(`第 ${paged.page}/${paged.pages} 页`, right(f), base, s.small, MUTED)
}

function notice(p: Painter, n: NoticeFields, slide: NoticeSlide, accent: string): void {
  const { lay, ts } = p
  const s = sizes(lay)
  const b = lay.body
  p.rect(WHITE, b, px(lay, 16))
  p.rect(accent, { x: b.x, y: b.y, w: px(lay, 12), h: b.h })
  const x = b.x + px(lay, 40)
  let y = b.y + px(lay, 32)
  const label = n.urgent ? '紧急通知' : n.categoryLabel
  const pillW = ts.measure(label, s.small, true) + px(lay, 32)
  const pillH = lineStep(s.small)
  p.rect(accent, { x, y, w: pillW, h: pillH }, Math.floor(pillH / 2))
  p.text(label, x + px(lay, 16), centredBaseline(y, pillH, s.small), s.small, WHITE, true)
  y += pillH + s.gap
  if (slide.titleCut) p.trouble('title', 'cut')
  for (const line of slide.titleLines) {
    p.text(line, x, y + fontAscent(s.title), s.title, n.urgent ? URGENT_RED : INK, true)
    y += lineStep(s.title)
  }
  y += s.gap
  for (const line of slide.lines) {
    p.text(line, x, y + fontAscent(s.body), s.body, INK)
    y += lineStep(s.body)
  }
}

function when(ev: EventFields): [string, string] {
  if (!ev.startsAt || !ev.endsAt) return ['日期待定', '时间待定']
  return [shortDate(ev.startsAt), timeSpan(ev.startsAt, ev.endsAt)]
}

function events(p: Painter, list: readonly EventFields[], accent: string): void {
  const { lay } = p
  const s = sizes(lay)
  const b = lay.body
  p.text('近期活动安排', b.x, b.y + fontAscent(s.title), s.title, accent, true)
  let y = b.y + lineStep(s.title) + Math.floor(lineStep(s.small) / 2)
  const rowH = eventRowHeight(lay)
  const size = s.body
  if (lay.portrait) {
    list.forEach((ev, i) => {
      const row = { x: b.x, y, w: b.w, h: rowH - px(lay, 8) }
      p.rect(i % 2 === 0 ? ROW_SHADE : WHITE, row, px(lay, 12))
      const inner = row.w - 2 * px(lay, 24)
      const x = row.x + px(lay, 24)
      const base = y + px(lay, 12) + fontAscent(size)
      p.text(p.fit(null, when(ev).join(' '), inner, size, true), x, base, size, accent, true)
      const base2 = base + lineStep(size)
      p.text(p.fit('title', ev.title + (ev.largeScale ? '  [大型活动]' : ''), inner, size), x, base2, size, INK)
      const base3 = base2 + fontDescent(size) + lineStep(s.small) - fontDescent(s.small)
      p.text(p.fit('venue', `地点：${ev.venue}`, inner, s.small), x, base3, s.small, MUTED)
      y += rowH
    })
    return
  }
  // Landscape: a table of date, time, activity, venue.
  const cols: [string, number][] = [['日期', 0.19], ['时间', 0.2], ['活动', 0.37], ['地点', 0.24]]
  const xs: [number, number][] = []
  let cx = b.x
  for (const [, share] of cols) {
    const w = pyRound(b.w * share)
    xs.push([cx + px(lay, 16), w - px(lay, 32)])
    cx += w
  }
  const headH = lineStep(s.small)
  p.rect(accent, { x: b.x, y, w: b.w, h: headH }, px(lay, 8))
  cols.forEach(([label], i) => {
    const base = y + Math.floor((headH + fontAscent(s.small)) / 2) - px(lay, 4)
    p.text(label, (xs[i] as [number, number])[0], base, s.small, WHITE, true)
  })
  y += headH
  list.forEach((ev, i) => {
    if (i % 2 === 0) p.rect(ROW_SHADE, { x: b.x, y, w: b.w, h: rowH })
    const base = centredBaseline(y, rowH, size)
    const cells = [...when(ev), ev.title + (ev.largeScale ? ' ★' : ''), ev.venue]
    const fields = [null, null, 'title', 'venue']
    cells.forEach((text, c) => {
      const [x, w] = xs[c] as [number, number]
      p.text(p.fit(fields[c] ?? null, text, w, size), x, base, size, INK)
    })
    y += rowH
  })
}
