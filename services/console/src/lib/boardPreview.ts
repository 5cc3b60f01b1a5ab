// The board preview's model: an item (a notice, an honour or an event) drawn
// on each board as the kiosk would, and the warnings an editor needs: what
// gets cut, shrunk or left out, on which boards. Pure, so it is unit-tested
// with a stand-in font; BoardPreview.vue measures with the browser's canvas.
import { BOARDS, layoutFor, type Board, type Layout } from './kioskLayout'
import {
  clockText,
  dateText,
  drawFrame,
  type Drawing,
  type EventFields,
  type Frame,
  type HonourFields,
  type NoticeFields,
  type ScreenInfo,
  type Slide,
  type Trouble,
} from './kioskRender'
import { noticeSlides, Typesetter, type TextWidth } from './kioskSlides'
import { leftOut } from './kioskText'
import type { RegionNode } from './regions'

export type { EventFields, HonourFields, NoticeFields, PhotoFields, ScreenInfo, Shape } from './kioskRender'

/** What BoardPreview shows, by kind: the fields each kind's form passes. */
export interface PreviewFieldsByKind {
  notice: NoticeFields
  honour: HonourFields
  event: EventFields
}

export type PreviewKind = keyof PreviewFieldsByKind

export const BRAND = '里仁为美·齐乐融融'

/** A screen for the preview's header and footer when the form knows no better. */
export const SAMPLE_SCREEN: ScreenInfo = {
  community: '本社区',
  themeLabel: null,
  themeName: null,
  subdistrict: '所在街道',
  district: '所在区县',
}

export interface BoardView {
  board: Board
  layout: Layout
  /** One drawing per slide: a long notice takes several pages. */
  pages: Drawing[]
  troubles: Trouble[]
}

export interface PreviewWarning {
  /** The form field it is about (title, body, subjectName, citation, venue …). */
  field: string
  /** 'warning': the screen will not show it as typed; 'info': worth knowing. */
  level: 'warning' | 'info'
  message: string
}

function slidesOf<K extends PreviewKind>(kind: K, fields: PreviewFieldsByKind[K], lay: Layout, ts: Typesetter): Slide[] {
  if (kind === 'notice') {
    const notice = fields as NoticeFields
    return noticeSlides(notice, lay, ts).map((slide) => ({ kind: 'notice', notice, slide }))
  }
  if (kind === 'honour') return [{ kind: 'honour', honour: fields as HonourFields }]
  return [{ kind: 'events', events: [fields as EventFields], page: 1, pages: 1 }]
}

/** The item on every board. `now` sets the header's clock and date. */
export function previewBoards<K extends PreviewKind>(
  kind: K,
  fields: PreviewFieldsByKind[K],
  width: TextWidth,
  screen: ScreenInfo = SAMPLE_SCREEN,
  now: string = new Date().toISOString(),
): BoardView[] {
  const ts = new Typesetter(width)
  const urgent = kind === 'notice' && (fields as NoticeFields).urgent
  return BOARDS.map((board) => {
    const layout = layoutFor(board.width, board.height)
    const pages = slidesOf(kind, fields, layout, ts).map((slide) => {
      const frame: Frame = { screen, brand: BRAND, clock: clockText(now), date: dateText(now), slide, urgent }
      return drawFrame(frame, layout, ts)
    })
    const troubles: Trouble[] = []
    for (const t of pages.flatMap((p) => p.troubles)) {
      if (!troubles.some((k) => k.field === t.field && k.how === t.how)) troubles.push(t)
    }
    return { board, layout, pages, troubles }
  })
}

// What each kind calls its fields, in the editor's words.
const FIELD_NAMES: Record<PreviewKind, Record<string, string>> = {
  notice: { title: '标题', body: '正文' },
  honour: { title: '荣誉称号', subjectName: '姓名（名称）', citation: '事迹' },
  event: { title: '活动名称', venue: '地点' },
}

function troubleMessage(kind: PreviewKind, t: Trouble, where: string): string {
  const name = FIELD_NAMES[kind][t.field] ?? t.field
  if (kind === 'notice' && t.field === 'title') return `${name}在${where}上超过两行，第二行末尾会被省略号截去`
  if (t.how === 'overflow') return `${name}在${where}上过长，会超出卡片`
  if (t.how === 'shrunk') return `${name}较长，在${where}上字号会缩小`
  if (t.field === 'citation') return `${name}在${where}上缩到最小字号仍放不下，末尾会被省略号截去`
  return `${name}在${where}上一行放不下，末尾会被省略号截去`
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

/** The warnings for the editor, each naming the boards it applies to. */
export function previewWarnings<K extends PreviewKind>(kind: K, fields: PreviewFieldsByKind[K], views: BoardView[]): PreviewWarning[] {
  const out: PreviewWarning[] = []
  const seen: Trouble[] = []
  for (const t of views.flatMap((v) => v.troubles)) {
    if (seen.some((k) => k.field === t.field && k.how === t.how)) continue
    seen.push(t)
    const boards = views.filter((v) => v.troubles.some((k) => k.field === t.field && k.how === t.how))
    const where = boards.map((v) => v.board.label).join('、')
    out.push({ field: t.field, level: t.how === 'shrunk' ? 'info' : 'warning', message: troubleMessage(kind, t, where) })
  }
  for (const [field, text] of Object.entries(typedText(kind, fields))) {
    const missing = leftOut(text)
    if (missing.length) {
      const name = FIELD_NAMES[kind][field] ?? field
      out.push({ field, level: 'warning', message: `${name}中的 ${missing.join(' ')} 屏幕字体里没有，屏幕上不会显示` })
    }
  }
  if (kind === 'notice') {
    const paged = views.filter((v) => v.pages.length > 1)
    if (paged.length) {
      const where = paged.map((v) => `${v.board.label}分 ${v.pages.length} 页`).join('，')
      out.push({ field: 'body', level: 'info', message: `正文较长，屏幕会分页轮播：${where}` })
    }
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
