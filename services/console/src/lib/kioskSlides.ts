// What the kiosk makes of an item on one board (qile_kiosk/slides.py and the
// measuring half of typeset.py): nothing the API accepts is cut. Titles and
// names are balanced, short text grows, a citation shrinks to the reading
// floor, and the rest pages at body size. kioskRender.ts draws these.
import { bottom, div, lineStep, type Layout } from './kioskLayout'
import { balance, cleanText, paginate, wrap, type Measure } from './kioskText'

/** How the preview measures text in the kiosk's font: the browser's canvas, or a stand-in in tests. */
export interface TextMetrics {
  /** From the pen's origin to the right edge of the ink, for clean text. */
  width(text: string, size: number, bold: boolean): number
  /** Where the ink of `text`'s first character starts, right of the pen (pygame's get_rect(ch).x). */
  inkLeft(text: string, size: number, bold: boolean): number
}

/** The kiosk's Typesetter, measuring with `metrics` instead of FreeType. */
export class Typesetter {
  constructor(readonly metrics: TextMetrics) {}

  clean(text: string, keepNewlines = false): string {
    return cleanText(text, keepNewlines)
  }

  measure(text: string, size: number, bold = false): number {
    return this.measurer(size, bold)(cleanText(text))
  }

  /** Measures text that is already clean: wrapping measures it piece by piece. */
  measurer(size: number, bold = false): Measure {
    return (text) => (text ? this.metrics.width(text, size, bold) : 0)
  }

  /** `separate`: paragraphs set apart by PARAGRAPH_BREAK (running text: a notice, a citation). */
  wrap(text: string, width: number, size: number, bold = false, separate = false): string[] {
    return wrap(cleanText(text, true), width, this.measurer(size, bold), separate)
  }

  /** The largest size from `size` down to `floor` at which `text` fits `width` on one line. */
  fitSize(text: string, width: number, size: number, floor: number, bold = false): number {
    while (size > floor && this.measure(text, size, bold) > width) size = Math.max(floor, div(size * 9, 10))
    return size
  }

  /** The first of `texts` (longest first) that fits `width` at `floor` or larger, with its size; else null. */
  firstFitting(texts: string[], width: number, size: number, floor: number, bold = false): [string, number] | null {
    for (const text of texts) {
      const fitted = this.fitSize(text, width, size, floor, bold)
      if (this.measure(text, fitted, bold) <= width) return [text, fitted]
    }
    return null
  }
}

// The items, in the console's field names ------------------------------------
export interface NoticeFields {
  title: string
  body: string
  /** The category's Chinese name, shown in the label pill. */
  categoryLabel: string
  urgent: boolean
  /** When display starts (ISO): an urgent notice shows it as its time of issue; null for now. */
  displayStart: string | null
  /** Its poster (a slide of its own on bulletins) or activity photo (on galleries), as uploaded. */
  image?: ImageFields | null
}

export interface PhotoFields {
  url: string
  width: number
  height: number
}

/** A notice's or event's image: POSTER or an activity PHOTO (the API's ImageKind). */
export interface ImageFields extends PhotoFields {
  kind: 'POSTER' | 'PHOTO'
}

export interface HonourFields {
  title: string
  subjectName: string
  citation: string
  year: number | null
  photo: PhotoFields | null
}

export interface EventFields {
  title: string
  venue: string
  /** ISO instants; null while the editor has not chosen them. */
  startsAt: string | null
  endsAt: string | null
  largeScale: boolean
  /** The resident page a screen's code opens (the API's publicUrl); without it, no code. */
  publicUrl?: string | null
  /** Its poster (after the schedule on bulletins) or activity photo (on galleries), as uploaded. */
  image?: ImageFields | null
}

// The slides -----------------------------------------------------------------
/** A title takes at most this many lines before it steps down a size. */
export const TITLE_LINES = 3
const NAME_LINES = 2
export const LARGE_EVENT_MARK = '★'

export interface NoticeSlide {
  kind: 'notice'
  notice: NoticeFields
  titleLines: string[]
  lines: string[]
  page: number
  pages: number
  titleSize: number
  /** The body's size: larger than body size when a short notice fills its card. */
  size: number
  /** Portrait: the coming events (with their codes) under a card that ends with its text. */
  below: EventRow[]
}

export interface EventRow {
  event: EventFields
  titleLines: string[]
  venueLines: string[]
}

export interface EventsSlide {
  kind: 'events'
  rows: EventRow[]
  page: number
  pages: number
  /** Each row carries its event's code (rows without an address leave its place light). */
  qr: boolean
}

export interface HonourSlide {
  kind: 'honour'
  honour: HonourFields
  nameLines: string[]
  nameSize: number
  lines: string[]
  size: number
  page: number
  pages: number
}

/** A poster over the whole screen, its title along the bottom edge (kioskPoster.ts draws it). */
export interface PosterSlide {
  kind: 'poster'
  title: string
  image: PhotoFields
  page: number
  pages: number
}

/** A gallery's activity photo with its caption and date. */
export interface PhotoSlide {
  kind: 'photo'
  caption: string
  /** ISO: the notice's display start or the event's start. */
  happenedAt: string
  image: PhotoFields
  page: number
  pages: number
}

export type Slide = NoticeSlide | EventsSlide | HonourSlide | PosterSlide | PhotoSlide

/** Balanced lines at the first size that needs at most `most` lines (else the last size's). */
export function fittedLines(ts: Typesetter, text: string, width: number, sizes: number[], most: number, bold = false): [string[], number] {
  let lines: string[] = []
  for (const size of sizes) {
    lines = balance(ts.clean(text), width, ts.measurer(size, bold))
    if (lines.length <= most) return [lines, size]
  }
  return [lines, sizes[sizes.length - 1] as number]
}

export function noticeSlides(notice: NoticeFields, lay: Layout, ts: Typesetter): NoticeSlide[] {
  const block = lay.noticeBlock(notice.urgent)
  const width = block.box.w
  const [titleLines, titleSize] = fittedLines(ts, notice.title, width, lay.titleSizes, TITLE_LINES, true)
  // Short text grows to fill its card; long text pages at body size.
  let lines: string[] = []
  let perPage = 1
  let size = lay.bodySize
  for (size of lay.noticeBodySizes) {
    lines = ts.wrap(notice.body, width, size, false, true)
    perPage = block.linesPerPage(titleLines.length, titleSize, size)
    if (paginate(lines, perPage).length === 1) break
  }
  const pages = paginate(lines, perPage)
  return pages.map((page, i) => ({
    kind: 'notice', notice, titleLines, lines: page, page: i + 1, pages: pages.length, titleSize, size, below: [],
  }))
}

export function eventRow(event: EventFields, lay: Layout, ts: Typesetter, qr = false): EventRow {
  const [titleW, venueW] = lay.eventCellWidths(qr)
  const title = event.title + (event.largeScale ? ` ${LARGE_EVENT_MARK}` : '')
  const venue = lay.portrait ? `地点：${event.venue}` : event.venue
  return { event, titleLines: ts.wrap(title, titleW, lay.bodySize), venueLines: ts.wrap(venue, venueW, lay.labelSize) }
}

/** Where a notice's last line ends in its card. */
export function noticeTextBottom(slide: NoticeSlide, lay: Layout): number {
  const block = lay.noticeBlock(false)
  return block.linesTop(slide.titleLines.length, slide.titleSize) + slide.lines.length * lineStep(slide.size)
}

/** Portrait: the coming events that fit under the notice's text, with their codes (none: as it was). */
export function withEventsBelow(slide: NoticeSlide, events: EventFields[], lay: Layout, ts: Typesetter): NoticeSlide {
  const top = lay.belowRowsTop(bottom(lay.noticeCard(noticeTextBottom(slide, lay))))
  const gap = lay.eventRowGap
  let room = bottom(lay.body) - top + gap
  const rows: EventRow[] = []
  for (const event of events) {
    if (!event.publicUrl) continue
    const row = eventRow(event, lay, ts, true)
    room -= lay.eventRowHeight(row.titleLines.length, row.venueLines.length, true) + gap
    if (room < 0) break
    rows.push(row)
  }
  return rows.length ? { ...slide, below: rows } : slide
}

export function eventSlides(events: EventFields[], lay: Layout, ts: Typesetter): EventsSlide[] {
  if (!events.length) return []
  // The API gives each event its resident page's address; without any, no codes' column.
  const qr = events.some((e) => !!e.publicUrl)
  const rows = events.map((e) => eventRow(e, lay, ts, qr))
  const gap = lay.eventRowGap
  const heights = rows.map((r) => lay.eventRowHeight(r.titleLines.length, r.venueLines.length, qr) + gap)
  const pages = evenPages(heights, lay.eventRowsRoom + gap)
  const out: EventsSlide[] = []
  let start = 0
  pages.forEach((size, n) => {
    out.push({ kind: 'events', rows: rows.slice(start, start + size), page: n + 1, pages: pages.length, qr })
    start += size
  })
  return out
}

/** Rows per page: as few pages as the rows need, filled evenly (7 rows where 6 fit: 3 + 4, not 6 + 1). */
export function evenPages(heights: number[], room: number): number[] {
  const greedy = greedyPages(heights, room)
  const pages: number[] = []
  let i = 0
  let remaining = heights.reduce((a, b) => a + b, 0)
  for (let left = greedy.length; left > 0; left--) {
    // Each page takes rows until it holds its share of what remains.
    const target = remaining / left
    let used = 0
    let n = 0
    while (i + n < heights.length) {
      const h = heights[i + n] as number
      if (n && (used + h > room || (left > 1 && used + h / 2 >= target))) break
      used += h
      n += 1
    }
    pages.push(n)
    i += n
    remaining -= used
  }
  // Uneven heights may defeat the shares: then as many as fit, page by page.
  return i === heights.length ? pages : greedy
}

function greedyPages(heights: number[], room: number): number[] {
  const pages: number[] = []
  let used = 0
  let count = 0
  for (const h of heights) {
    if (count && used + h > room) {
      pages.push(count)
      used = 0
      count = 0
    }
    used += h
    count += 1
  }
  pages.push(count)
  return pages
}

export function honourSlides(honour: HonourFields, lay: Layout, ts: Typesetter): HonourSlide[] {
  const width = lay.honourTextBox.w
  const [nameLines, nameSize] = fittedLines(ts, honour.subjectName, width, lay.honourNameSizes, NAME_LINES, true)
  const n = nameLines.length
  // A citation shrinks to the reading floor to stay on one card, then pages at body size.
  let size = lay.bodySize
  let lines = ts.wrap(honour.citation, width, size, false, true)
  const fits = lay.honourCitationSizes.find((s) => {
    lines = ts.wrap(honour.citation, width, s, false, true)
    return paginate(lines, lay.honourLinesPerPage(n, nameSize, s)).length === 1
  })
  if (fits === undefined) lines = ts.wrap(honour.citation, width, size, false, true)
  else size = fits
  const pages = paginate(lines, lay.honourLinesPerPage(n, nameSize, size))
  return pages.map((page, i) => ({ kind: 'honour', honour, nameLines, nameSize, lines: page, size, page: i + 1, pages: pages.length }))
}
