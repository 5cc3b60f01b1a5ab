// The board preview's model: an item (a notice, an honour or an event) drawn
// on each board as the kiosk would, and what an editor should know: a title
// or name set smaller or on three lines, a text paged, a character no
// screen font has (drawn as 〓). The kiosk cuts nothing the API accepts, so
// neither does the preview. Pure, so it is unit-tested with a stand-in font;
// BoardPreview.vue measures with the browser's canvas.
import { BOARDS, layoutFor, type Board, type Layout } from './kioskLayout'
import {
  clockText,
  dateText,
  drawFrame,
  type Drawing,
  type EventFields,
  type HonourFields,
  type ImageFields,
  type NoticeFields,
  type ScreenInfo,
  type Slide,
} from './kioskRender'
import { eventPosterTitle, photoSlide, posterSlide } from './kioskPoster'
import { eventSlides, honourSlides, noticeSlides, Typesetter, TITLE_LINES, withEventsBelow, type TextMetrics } from './kioskSlides'
import { lostCharacters, PLACEHOLDER } from './kioskText'
import type { RegionNode } from './regions'

export type { EventFields, HonourFields, ImageFields, NoticeFields, PhotoFields, ScreenInfo, Shape } from './kioskRender'

/** What BoardPreview shows, by kind: the fields each kind's form passes. */
export interface PreviewFieldsByKind {
  notice: NoticeFields
  honour: HonourFields
  event: EventFields
}

export type PreviewKind = keyof PreviewFieldsByKind

export const BRAND = '里仁为美·齐乐融融'

/**
 * The resident page of an event not saved yet, for its QR code in the preview: of the
 * length a saved one's has (…/e/<id>?s=<screen>), so the code is of the screen's size.
 */
export function sampleEventUrl(origin: string): string {
  return `${origin}/e/100000?s=1000`
}

/** A screen for the preview's header and footer when the form knows no better. */
export const SAMPLE_SCREEN: ScreenInfo = {
  name: '大厅屏',
  community: '本社区',
  themeLabel: null,
  themeName: null,
  subdistrict: '所在街道',
  district: '所在区县',
}

/** How an item shows on a board other than as typed at full size: set smaller, on three lines, paged. */
export type Note = { field: string; how: 'smaller' | 'threeLines' | 'paged'; pages?: number }

export interface BoardView {
  board: Board
  layout: Layout
  /** One drawing per slide: a long notice or citation takes several pages. */
  pages: Drawing[]
  notes: Note[]
}

export interface PreviewWarning {
  /** The form field it is about (title, body, subjectName, citation, venue …). */
  field: string
  /** 'warning': the screen will not show it as typed; 'info': worth knowing. */
  level: 'warning' | 'info'
  message: string
}

function slidesOf<K extends PreviewKind>(
  kind: K,
  fields: PreviewFieldsByKind[K],
  lay: Layout,
  ts: Typesetter,
  now: string,
  events: EventFields[],
): Slide[] {
  if (kind === 'notice') {
    const notice = fields as NoticeFields
    // Until the editor sets a start, an urgent notice would be issued now.
    const start = notice.displayStart ?? now
    const pages = noticeSlides({ ...notice, displayStart: start }, lay, ts)
    // An urgent notice is drawn in emergency mode, its image aside.
    if (notice.urgent) return pages
    const image = shownImage(notice.image)
    // As the kiosk's rotation: a poster shows instead of the text on bulletins.
    if (image?.kind === 'POSTER') return [posterSlide(notice.title, image)]
    // In portrait, the screen's coming events under a notice that leaves room.
    const text = lay.portrait ? pages.map((p) => withEventsBelow(p, events, lay, ts)) : pages
    return image ? [...text, photoSlide(notice.title, start, image)] : text
  }
  if (kind === 'honour') return honourSlides(fields as HonourFields, lay, ts)
  const event = fields as EventFields
  const slides: Slide[] = eventSlides([event], lay, ts)
  const image = shownImage(event.image)
  // An event's poster follows the schedule; its activity photo is a gallery's, dated by its start.
  if (image?.kind === 'POSTER') slides.push(posterSlide(eventPosterTitle(event), image))
  else if (image) slides.push(photoSlide(event.title, event.startsAt ?? now, image))
  return slides
}

/** An image the preview can draw: the kiosk shows only a decodable one, so one of no size shows nothing. */
function shownImage(image: ImageFields | null | undefined): ImageFields | null {
  return image && image.width > 0 && image.height > 0 ? image : null
}

/** Says which screens show a page that not every screen shows. */
function captionOf(slide: Slide): string | undefined {
  if (slide.kind === 'poster') return '宣传阅报栏屏：整屏显示海报，标题以小字显示在底边'
  if (slide.kind === 'photo') return '好人长廊屏：活动照片，以标题作说明'
  return undefined
}

function notesOf(slides: Slide[], lay: Layout): Note[] {
  const first = slides[0]
  const notes: Note[] = []
  if (first?.kind === 'notice') {
    if (first.titleSize < lay.titleSize) notes.push({ field: 'title', how: 'smaller' })
    else if (first.titleLines.length >= TITLE_LINES) notes.push({ field: 'title', how: 'threeLines' })
    if (first.pages > 1) notes.push({ field: 'body', how: 'paged', pages: first.pages })
  } else if (first?.kind === 'honour') {
    if (first.nameSize < (lay.honourNameSizes[0] as number)) notes.push({ field: 'subjectName', how: 'smaller' })
    if (first.size < lay.bodySize) notes.push({ field: 'citation', how: 'smaller' })
    if (first.pages > 1) notes.push({ field: 'citation', how: 'paged', pages: first.pages })
  }
  return notes
}

/**
 * The item on every board. `now` sets the header's clock and date; `events`
 * are the coming events a screen has beside a notice (by start, with their
 * resident pages), drawn under it in portrait where it leaves room.
 */
export function previewBoards<K extends PreviewKind>(
  kind: K,
  fields: PreviewFieldsByKind[K],
  metrics: TextMetrics,
  screen: ScreenInfo = SAMPLE_SCREEN,
  now: string = new Date().toISOString(),
  events: EventFields[] = [],
): BoardView[] {
  const ts = new Typesetter(metrics)
  return BOARDS.map((board) => {
    const layout = layoutFor(board.width, board.height)
    const slides = slidesOf(kind, fields, layout, ts, now, events)
    const pages = slides.map((slide) => {
      const drawing = drawFrame({ screen, brand: BRAND, clock: clockText(now), date: dateText(now), slide }, layout, ts)
      const caption = captionOf(slide)
      return caption ? { ...drawing, caption } : drawing
    })
    return { board, layout, pages, notes: notesOf(slides, layout) }
  })
}

// What each kind calls its fields, in the editor's words.
const FIELD_NAMES: Record<PreviewKind, Record<string, string>> = {
  notice: { title: '标题', body: '正文' },
  honour: { title: '荣誉称号', subjectName: '姓名（名称）', citation: '事迹' },
  event: { title: '活动名称', venue: '地点' },
}

function noteMessage(name: string, note: Note, views: BoardView[]): string {
  const having = views.filter((v) => v.notes.some((k) => k.field === note.field && k.how === note.how))
  const where = having.map((v) => v.board.label).join('、')
  if (note.how === 'threeLines') return `${name}较长，在${where}上分三行显示`
  if (note.how === 'smaller') return `${name}较长，在${where}上字号会缩小`
  // The text's own pages: a poster's or a gallery photo's page is not one of them.
  const pages = (v: BoardView) => v.notes.find((k) => k.field === note.field && k.how === 'paged')?.pages ?? v.pages.length
  return `${name}较长，屏幕会分页轮播：${having.map((v) => `${v.board.label}分 ${pages(v)} 页`).join('，')}`
}

/** The fields whose characters the screens draw (a notice's category is chosen, not typed). */
function typedText(kind: PreviewKind, fields: PreviewFieldsByKind[PreviewKind]): Record<string, string> {
  if (kind === 'notice') {
    const f = fields as NoticeFields
    return { title: f.title, body: f.body }
  }
  if (kind === 'honour') {
    const f = fields as HonourFields
    return { title: f.title, subjectName: f.subjectName, citation: f.citation }
  }
  const f = fields as EventFields
  return { title: f.title, venue: f.venue }
}

/** What the editor should know, each note naming the boards it applies to. */
export function previewWarnings<K extends PreviewKind>(kind: K, fields: PreviewFieldsByKind[K], views: BoardView[]): PreviewWarning[] {
  const out: PreviewWarning[] = []
  for (const [field, text] of Object.entries(typedText(kind, fields))) {
    const lost = lostCharacters(text)
    if (lost.length) {
      const name = FIELD_NAMES[kind][field] ?? field
      out.push({ field, level: 'warning', message: `${name}中的 ${lost.join(' ')} 屏幕字体里没有，屏幕上会显示为“${PLACEHOLDER}”` })
    }
  }
  const seen: Note[] = []
  for (const note of views.flatMap((v) => v.notes)) {
    if (seen.some((k) => k.field === note.field && k.how === note.how)) continue
    seen.push(note)
    out.push({ field: note.field, level: 'info', message: noteMessage(FIELD_NAMES[kind][note.field] ?? note.field, note, views) })
  }
  return out
}

/**
 * The screen an item for `scopeId` is previewed on: that community's, or for
 * a wider scope the first community inside it (its header and footer; the
 * theme is not in the region tree, so the brand red stands in).
 */
export function screenForScope(city: RegionNode | null, scopeId: string | null): Partial<ScreenInfo> {
  if (!city || !scopeId) return {}
  const walk = (node: RegionNode, path: RegionNode[], inside: boolean): Partial<ScreenInfo> | null => {
    const here = inside || node.id === scopeId
    if (here && node.level === 'COMMUNITY') {
      const named = (level: string, otherwise: string) => path.find((n) => n.level === level)?.name ?? otherwise
      return {
        community: node.name,
        subdistrict: named('SUBDISTRICT', SAMPLE_SCREEN.subdistrict),
        district: named('DISTRICT', SAMPLE_SCREEN.district),
      }
    }
    for (const child of node.children) {
      const found = walk(child, [...path, node], here)
      if (found) return found
    }
    return null
  }
  return walk(city, [], false) ?? {}
}
