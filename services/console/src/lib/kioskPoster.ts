// Image slides as the kiosk draws them (qile_kiosk/poster_card.py): a
// notice's or event's poster over the whole screen, fitted whole (never
// cropped) and letterboxed in the theme colour, its title small along the
// bottom edge at the reading floor, wrapped, never cut; and a gallery's
// activity photo, as large as the card allows, its caption and date under it.
// Which slides an item has is the kiosk's rotation's rule (slides.py):
// a notice's poster shows instead of its text on bulletins, an event's after
// the schedule; an activity photo goes to galleries, captioned with the title.
import { bottom, div, fontAscent, lineStep, type Layout, type Rect } from './kioskLayout'
import type { Painter } from './kioskPaint'
import { GOLD, INK, MUTED, WHITE } from './kioskPalette'
import type { EventFields, ImageFields, PhotoSlide, PosterSlide, Typesetter } from './kioskSlides'
import { isoToCityWall } from './time'

export interface PosterGeometry {
  /** Where the poster is fitted, whole. */
  imageBox: Rect
  /** The title's band along the bottom edge. */
  strip: Rect
  lines: string[]
  size: number
}

export function posterGeometry(lay: Layout, ts: Typesetter, title: string): PosterGeometry {
  const size = lay.readingFloor
  const wrapped = ts.wrap(title, lay.safe.w, size)
  const lines = wrapped.length ? wrapped : ['']
  const pad = lay.px(10)
  // The band reaches the bottom edge; its text stays inside the safe area.
  const top = bottom(lay.safe) - lines.length * lineStep(size) - 2 * pad
  return {
    imageBox: { x: 0, y: 0, w: lay.width, h: top },
    strip: { x: 0, y: top, w: lay.width, h: lay.height - top },
    lines,
    size,
  }
}

/** The poster on the theme colour (the frame's background), its title under it. No header, footer or clock. */
export function drawPoster(p: Painter, slide: PosterSlide): void {
  const { lay, ts } = p
  const g = posterGeometry(lay, ts, slide.title)
  p.image(slide.image, g.imageBox)
  let base = g.strip.y + lay.px(10) + fontAscent(g.size)
  for (const line of g.lines) {
    p.text(line, lay.safe.x, base, g.size, WHITE)
    base += lineStep(g.size)
  }
}

/** "2026年5月30日": the day of the activity, in the city's time. */
export function photoDate(iso: string): string {
  const [year, month, day] = isoToCityWall(iso).slice(0, 10).split('-').map(Number) as [number, number, number]
  return `${year}年${month}月${day}日`
}

/** A gallery's activity photo: as large as the card allows, whole, in a gold frame; its caption and date under it. */
export function photoCard(p: Painter, slide: PhotoSlide, accent: string): void {
  const { lay, ts } = p
  const body = lay.body
  p.rect(WHITE, body, lay.noticeRadius)
  const pad = lay.px(40)
  const size = lay.bodySize
  const lines = ts.wrap(slide.caption, body.w - 2 * pad, size, true)
  const textH = lines.length * lineStep(size) + lineStep(lay.labelSize)
  const box = { x: body.x + pad, y: body.y + pad, w: body.w - 2 * pad, h: body.h - div(3 * pad, 2) - textH - div(pad, 2) }
  if (box.w > 0 && box.h > 0 && slide.image.width > 0 && slide.image.height > 0) {
    p.rect(GOLD, p.image(slide.image, box), 0, lay.photoFrame)
  } else {
    // As the kiosk when the photo cannot be drawn: its caption still shows.
    p.rect(accent, box, lay.noticeRadius)
  }
  let base = bottom(box) + div(pad, 2) + fontAscent(size)
  for (const line of lines) {
    p.text(line, box.x, base, size, INK, true)
    base += lineStep(size)
  }
  p.text(photoDate(slide.happenedAt), box.x, base, lay.labelSize, MUTED)
}

export function posterSlide(title: string, image: ImageFields): PosterSlide {
  return { kind: 'poster', title, image, page: 1, pages: 1 }
}

/** An activity photo on a gallery: the API captions it with the item's title, dated by its display start or start. */
export function photoSlide(caption: string, happenedAt: string, image: ImageFields): PhotoSlide {
  return { kind: 'photo', caption, happenedAt, image, page: 1, pages: 1 }
}

/** An event's poster says when, under its title (bulletin_slides): "亲子阅读分享会 · 5月16日 09:00". */
export function eventPosterTitle(event: EventFields): string {
  if (!event.startsAt) return event.title
  const wall = isoToCityWall(event.startsAt)
  const [month, day] = wall.slice(5, 10).split('-').map(Number) as [number, number]
  return `${event.title} · ${month}月${day}日 ${wall.slice(11, 16)}`
}
