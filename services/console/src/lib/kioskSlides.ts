// What the kiosk makes of an item on one board (qile_kiosk/slides.py and the
// measuring half of typeset.py): a notice's title lines and body pages, the
// pages of the events schedule. The preview draws these with kioskRender.ts.
import { cleanText, ellipsize, paginate, wrap, type Measure } from './kioskText'
import { lineStep, px, pyRound, sizes, type Layout } from './kioskLayout'

/** Text width in pixels for clean text at a size: the browser's canvas, or a stand-in in tests. */
export type TextWidth = (text: string, size: number, bold: boolean) => number

/** The kiosk's Typesetter, measuring with `width` instead of FreeType. */
export class Typesetter {
  constructor(private readonly width: TextWidth) {}

  measure(text: string, size: number, bold = false): number {
    return this.measurer(size, bold)(cleanText(text))
  }

  /** Measures text that is already clean: wrapping measures it piece by piece. */
  measurer(size: number, bold = false): Measure {
    return (text) => (text ? this.width(text, size, bold) : 0)
  }

  wrap(text: string, width: number, size: number, bold = false): string[] {
    return wrap(cleanText(text, true), width, this.measurer(size, bold))
  }

  fit(text: string, width: number, size: number, bold = false): string {
    return ellipsize(cleanText(text), width, this.measurer(size, bold))
  }
}

export interface NoticeText {
  title: string
  body: string
}

export interface NoticeSlide {
  titleLines: string[]
  lines: string[]
  page: number
  pages: number
  /** The title needed more than two lines: the rest was elided with …. */
  titleCut: boolean
}

export function noticeWidth(lay: Layout): number {
  return lay.body.w - 2 * px(lay, 40)
}

/** Body lines that fit under the label and a title of titleLines lines. */
export function noticeLinesPerPage(lay: Layout, titleLines: number): number {
  const s = sizes(lay)
  const titleBlock = titleLines * lineStep(s.title)
  const labelBlock = lineStep(s.small) + s.gap
  const room = lay.body.h - 2 * px(lay, 32) - labelBlock - titleBlock - s.gap
  return Math.max(1, Math.floor(room / lineStep(s.body)))
}

export function noticeSlides(notice: NoticeText, lay: Layout, ts: Typesetter): NoticeSlide[] {
  const s = sizes(lay)
  const width = noticeWidth(lay)
  let titleLines = ts.wrap(notice.title, width, s.title, true)
  const titleCut = titleLines.length > 2
  if (titleCut) {
    // Beyond two lines the rest of the title is elided.
    titleLines = [titleLines[0] as string, ts.fit(titleLines.slice(1).join(''), width, s.title, true)]
  }
  const perPage = noticeLinesPerPage(lay, titleLines.length)
  const pages = paginate(ts.wrap(notice.body, width, s.body), perPage)
  return pages.map((lines, i) => ({ titleLines, lines, page: i + 1, pages: pages.length, titleCut }))
}

export function eventRowHeight(lay: Layout): number {
  const s = sizes(lay)
  // Portrait rows stack date, title and venue; landscape rows are one table line.
  if (lay.portrait) return 2 * lineStep(s.body) + lineStep(s.small) + px(lay, 16)
  return pyRound(lineStep(s.body) * 1.15)
}

export function eventRowsPerPage(lay: Layout): number {
  const s = sizes(lay)
  const header = lineStep(s.title) + lineStep(s.small)
  return Math.max(1, Math.floor((lay.body.h - header - s.gap) / eventRowHeight(lay)))
}

/** As few pages as fit, filled evenly: 8 rows at 7 a page show as 4 + 4, not 7 + 1. */
export function eventPages<T>(events: readonly T[], lay: Layout): T[][] {
  if (!events.length) return []
  const fits = eventRowsPerPage(lay)
  const count = Math.ceil(events.length / fits)
  const small = Math.floor(events.length / count)
  const extra = events.length % count
  const pages: T[][] = []
  let start = 0
  for (let n = 0; n < count; n++) {
    const end = start + small + (n < extra ? 1 : 0)
    pages.push(events.slice(start, end))
    start = end
  }
  return pages
}
