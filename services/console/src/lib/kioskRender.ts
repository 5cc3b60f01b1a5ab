// One frame of a board as the kiosk draws it (qile_kiosk/render.py; the
// notice card and emergency mode are in kioskNotice.ts, the schedule in
// kioskSchedule.ts, the honour card in kioskHonourCard.ts), as a list of
// shapes instead of pixels: the preview turns them into positioned
// elements, and the unit tests compare them with what the kiosk's own
// renderer drew (tests/kiosk/board_cases.json); posters and gallery photos
// are in kioskPoster.ts. Only the showing states are
// ported; standby, pairing and the offline mark are not what an editor previews.
import { honourCard } from './kioskHonourCard'
import { centreX, div, fontAscent, lineStep, right, type Layout } from './kioskLayout'
import { drawBand, drawEmergency, drawNotice, emergencyClockBase } from './kioskNotice'
import { Painter, type Drawing } from './kioskPaint'
import { AMBER, BRAND_RED, GOLD, INK, LIGHT_GOLD, MUTED, PAPER, THEME_COLOURS, URGENT_RED, WHITE } from './kioskPalette'
import { drawPoster, photoCard } from './kioskPoster'
import { drawSchedule, WEEKDAYS } from './kioskSchedule'
import type { Slide, Typesetter } from './kioskSlides'
import { isoToCityWall } from './time'

export type { Drawing, Shape } from './kioskPaint'
export type { EventFields, HonourFields, ImageFields, NoticeFields, PhotoFields, Slide } from './kioskSlides'

/** Where the preview pretends to show: the header and footer of a screen there. */
export interface ScreenInfo {
  /** The screen's own name: the emergency footer names it. */
  name: string
  community: string
  themeLabel: string | null
  themeName: string | null
  subdistrict: string
  district: string
}

export interface Frame {
  screen: ScreenInfo
  brand: string
  clock: string
  date: string
  slide: Slide
}

export function clockText(iso: string): string {
  return isoToCityWall(iso).slice(11, 16)
}

export function dateText(iso: string): string {
  const wall = isoToCityWall(iso)
  const [year, month, day] = wall.slice(0, 10).split('-').map(Number) as [number, number, number]
  // Monday first, as Python's weekday().
  const weekday = WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7] as string
  return `${year}年${month}月${day}日 星期${weekday}`
}

export function accentOf(screen: ScreenInfo): string {
  return THEME_COLOURS[screen.themeName ?? ''] ?? BRAND_RED
}

const isUrgent = (slide: Slide): boolean => slide.kind === 'notice' && slide.notice.urgent

/** Every shape of the frame, in the kiosk's drawing order: the page, then its clock. */
export function drawFrame(frame: Frame, lay: Layout, ts: Typesetter): Drawing {
  const p = new Painter(lay, ts)
  const slide = frame.slide
  const accent = accentOf(frame.screen)
  if (slide.kind === 'poster') {
    // The poster has the whole screen, letterboxed in the theme colour: no header, footer or clock.
    drawPoster(p, slide)
    return { background: accent, shapes: p.shapes }
  }
  let background = PAPER
  if (slide.kind === 'notice' && slide.notice.urgent) {
    background = URGENT_RED
    drawEmergency(p, slide)
    drawBand(p)
    footer(p, frame, URGENT_RED, WHITE)
  } else {
    header(p, frame, accent)
    if (slide.kind === 'notice') drawNotice(p, slide, accent)
    else if (slide.kind === 'events') drawSchedule(p, slide, accent)
    else if (slide.kind === 'photo') photoCard(p, slide, accent)
    else honourCard(p, slide, accent)
    footer(p, frame, accent, MUTED)
  }
  clock(p, frame, accent)
  return { background, shapes: p.shapes }
}

function nameBase(lay: Layout): number {
  return lay.header.y + fontAscent(lay.headerNameSize)
}

/** The widest a clock can be: its box is cleared and the header's name kept clear of it. */
function clockWidth(p: Painter): number {
  const size = p.lay.clockSize
  return Math.max(...Array.from('0123456789', (d) => p.ts.measure(`${d}${d}:${d}${d}`, size, true)))
}

function clock(p: Painter, frame: Frame, accent: string): void {
  const { lay } = p
  const size = lay.clockSize
  const urgent = isUrgent(frame.slide)
  const rightX = urgent ? right(lay.safe) : right(lay.header)
  const base = urgent ? emergencyClockBase(lay) : nameBase(lay)
  const w = clockWidth(p)
  p.rect(urgent ? AMBER : accent, { x: rightX - w, y: base - fontAscent(size), w, h: lineStep(size) })
  p.textRight(frame.clock, rightX, base, size, urgent ? INK : WHITE, true)
}

function header(p: Painter, frame: Frame, accent: string): void {
  const { lay, ts } = p
  // The band bleeds to the screen's edges; its text stays in the safe area.
  p.rect(accent, lay.headerBand)
  p.rect(GOLD, lay.headerRule)
  const h = lay.header
  const name = frame.screen.community
  const theme = frame.screen.themeLabel ?? ''
  const base = nameBase(lay)
  const room = right(h) - clockWidth(p) - h.x - lay.gap
  const floor = div(lay.smallSize * 2, 3)
  if (lay.portrait) {
    const row2 = base + lineStep(lay.headerNameSize)
    p.text(name, h.x, base, ts.fitSize(name, room, lay.headerNameSize, floor, true), WHITE, true)
    const dateX = p.textRight(frame.date, right(h), row2, lay.smallSize, WHITE)
    p.text(theme, h.x, row2, ts.fitSize(theme, dateX - h.x - lay.gap, lay.smallSize, floor), LIGHT_GOLD)
    return
  }
  const second = base + lay.headerSecondLine
  const brandLeft = centreX(h) - div(ts.measure(frame.brand, lay.headerNameSize, true), 2)
  let nameW = ts.measure(name, lay.headerNameSize, true)
  if (nameW + lay.gap <= brandLeft - h.x) {
    p.textCentred(frame.brand, centreX(h), base + lay.headerBrandDrop, lay.headerNameSize, LIGHT_GOLD, true)
  } else {
    // A long community name takes the brand's place (standby shows the brand).
    nameW = 0
  }
  const size = nameW ? lay.headerNameSize : ts.fitSize(name, room, lay.headerNameSize, floor, true)
  p.text(name, h.x, base, size, WHITE, true)
  p.textRight(frame.date, right(h), second, lay.smallSize, WHITE)
  p.text(theme, h.x, second, lay.smallSize, LIGHT_GOLD)
}

/** Where the screen is on the left; the page count from the right. */
function footer(p: Painter, frame: Frame, accent: string, ink: string): void {
  const { lay, ts } = p
  const f = lay.footer
  const base = f.y + fontAscent(lay.smallSize)
  let rightX = right(f)
  const slide = frame.slide
  if (slide.pages > 1) {
    rightX = p.textRight(`第 ${slide.page}/${slide.pages} 页`, rightX, base, lay.smallSize, ink) - lay.footerPagesGap
  }
  if (lay.portrait && ink === MUTED) {
    p.text(frame.brand, f.x, base, lay.smallSize, accent, true)
    return
  }
  const s = frame.screen
  // The emergency footer names the community and the screen (it has no header).
  const forms = ink === MUTED ? [`${s.district} · ${s.subdistrict}`] : [`${s.community} · ${s.name}`, s.community]
  const fitted = ts.firstFitting(forms, rightX - f.x - lay.gap, lay.smallSize, div(lay.smallSize * 2, 3))
  if (fitted) p.text(fitted[0], f.x, base, fitted[1], ink)
}
