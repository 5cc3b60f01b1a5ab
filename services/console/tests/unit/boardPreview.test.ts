// The board preview draws what the kiosk draws: every text (with its
// position, size, weight and colour), box and circle of each sample on each
// board, against the frames the kiosk's own renderer recorded with the same
// stand-in font (tests/kiosk/board_cases.json).
import { describe, expect, it } from 'vitest'
import cases from '../../../../tests/kiosk/board_cases.json'
import { previewBoards, previewWarnings, type EventFields, type NoticeFields, type PreviewFieldsByKind, type PreviewKind, type Shape } from '../../src/lib/boardPreview'
import { BOARDS, boardKey, fontAscent, fontDescent, layoutFor } from '../../src/lib/kioskLayout'
import { THEME_COLOURS, URGENT_RED } from '../../src/lib/kioskPalette'
import type { TextMetrics } from '../../src/lib/kioskSlides'
import { units } from './kioskText.test'

/** The table's stand-in font, with the kiosk font's bearings for the opening brackets a line may start with. */
const standin: TextMetrics = {
  width: (text, size) => Math.floor((units(text) * size) / 2),
  inkLeft: (text, size, bold) => {
    const at = cases.bearings.chars.indexOf(Array.from(text)[0] ?? '')
    const bySize = (cases.bearings.sizes as Record<string, number[][]>)[String(size)]
    return at < 0 || !bySize ? 0 : (bySize[at] as number[])[bold ? 1 : 0] as number
  },
}

/** A sample; a notice's with the coming events the screen has beside it. */
type Item = { kind: PreviewKind; fields: PreviewFieldsByKind[PreviewKind]; events?: EventFields[] }
const items = cases.items as unknown as Record<string, Item>
/** As a feed's current events: by start. */
const byStart = (events: EventFields[]) => [...events].sort((a, b) => Date.parse(a.startsAt ?? '') - Date.parse(b.startsAt ?? ''))
const views = (item: string) => {
  const { kind, fields, events } = items[item] as Item
  return previewBoards(kind, fields, standin, cases.screen, cases.now, byStart(events ?? []))
}

/** A shape as the kiosk's recorder writes it (a QR code as its box; a photo or poster where it is blitted). */
function recorded(shape: Shape): unknown[] | null {
  if (shape.kind === 'qr') return ['box', shape.text, shape.x, shape.y, shape.w, shape.h]
  if (shape.kind === 'image') return ['image', shape.x, shape.y, shape.w, shape.h]
  if (shape.kind === 'rect') return ['rect', shape.x, shape.y, shape.w, shape.h, shape.color, shape.radius, shape.width]
  if (shape.kind === 'circle') return ['circle', shape.cx, shape.cy, shape.r, shape.color, shape.width]
  if (shape.kind === 'text') return ['text', shape.text, shape.x, shape.y, shape.size, shape.bold, shape.color]
  return null
}

function drawn(item: string, board: string, page: number): unknown[][] {
  const view = views(item).find((v) => boardKey(v.board) === board)
  const drawing = view?.pages[page - 1]
  if (!drawing) return []
  // The kiosk fills the screen first: paper, the emergency red, or a poster's theme colour.
  return [['fill', drawing.background], ...drawing.shapes.map(recorded).filter((s): s is unknown[] => s !== null)]
}

describe('the boards’ geometry', () => {
  it.each(BOARDS.map((b) => [boardKey(b)]))('%s has the kiosk’s margins, sizes and lines per page', (key) => {
    const [w, h] = key.split('x').map(Number) as [number, number]
    const lay = layoutFor(w, h)
    const rect = (r: { x: number; y: number; w: number; h: number }) => [r.x, r.y, r.w, r.h]
    expect({
      unit: lay.unit,
      portrait: lay.portrait,
      safe: rect(lay.safe),
      header: rect(lay.header),
      body: rect(lay.body),
      footer: rect(lay.footer),
      titleSize: lay.titleSize,
      bodySize: lay.bodySize,
      smallSize: lay.smallSize,
      headerNameSize: lay.headerNameSize,
      clockSize: lay.clockSize,
      gap: lay.gap,
      noticeWidth: lay.noticeText.w,
      noticeLinesPerPage: [1, 2].map((n) => lay.noticeBlock(false).linesPerPage(n, lay.titleSize, lay.bodySize)),
      eventRowsPerPage: lay.eventRowsPerPage,
      eventRowHeight: lay.eventRowHeight(1, 1),
      qrModule: lay.qrModule,
      qrTile: lay.qrTile,
      eventQrRowHeight: lay.eventRowHeight(1, 1, true),
    }).toEqual((cases.layouts as Record<string, unknown>)[key])
  })

  it('places baselines with the font’s ascent and descent as FreeType rounds them', () => {
    for (const [size, [ascent, descent, boldAscent, boldDescent]] of Object.entries(cases.metrics)) {
      expect([fontAscent(Number(size)), fontDescent(Number(size))]).toEqual([ascent, descent])
      expect([fontAscent(Number(size)), fontDescent(Number(size))]).toEqual([boldAscent, boldDescent])
    }
  })
})

describe('each sample drawn on each board', () => {
  it.each(cases.standinFrames.map((f) => [f.item, f.board, f.page, f] as const))('%s on %s, page %i, is drawn as the kiosk draws it', (item, board, page, frame) => {
    // Given the sample and the board, when the preview draws it, then every shape matches the kiosk's.
    expect(drawn(item, board, page)).toEqual(frame.draws)
  })

  it('has as many pages as the kiosk on every board', () => {
    for (const item of Object.keys(items)) {
      for (const view of views(item)) {
        const kioskPages = cases.standinFrames.filter((f) => f.item === item && f.board === boardKey(view.board)).length
        expect([item, view.board.label, view.pages.length]).toEqual([item, view.board.label, kioskPages])
      }
    }
  })

  it('shows an urgent notice over a red screen, and any other over paper', () => {
    expect(views('notice-urgent').map((v) => v.pages[0]?.background)).toEqual([URGENT_RED, URGENT_RED, URGENT_RED])
    expect(views('notice-short').every((v) => v.pages[0]?.background !== URGENT_RED)).toBe(true)
  })
})

describe('the QR codes', () => {
  const codes = (item: string, board: string) =>
    (views(item).find((v) => boardKey(v.board) === board)?.pages[0]?.shapes ?? []).filter(
      (s): s is Extract<Shape, { kind: 'qr' }> => s.kind === 'qr',
    )

  it('are of the version the kiosk encodes, drawn in whole pixels a module', () => {
    const modules = cases.qrModules as Record<string, number>
    const drawn = BOARDS.flatMap((b) => [...codes('event-qr', boardKey(b)), ...codes('notice-events-below', boardKey(b))])
    expect(new Set(drawn.map((c) => c.text))).toEqual(new Set(Object.keys(modules)))
    for (const code of drawn) {
      expect([code.text, code.modules]).toEqual([code.text, modules[code.text]])
      expect(code.w % code.modules).toBe(0)
    }
  })

  it('portrait: the events with an address go under a short notice, soonest first; landscape keeps the card', () => {
    const below = codes('notice-events-below', '1080x1920').map((c) => c.text)
    const events = byStart(items['notice-events-below']?.events ?? []).filter((e) => e.publicUrl)
    expect(below).toEqual(events.map((e) => e.publicUrl))
    expect(codes('notice-events-below', '1920x1080')).toEqual([])
    // whole modules of at least 3 mm on a 55-inch panel: 5 px at 1080×1920
    expect(codes('notice-events-below', '1080x1920').every((c) => c.w % c.modules === 0 && c.w / c.modules === 5)).toBe(true)
  })
})

describe('what the editor is told', () => {
  const warn = (item: string) => {
    const { kind, fields } = items[item] as Item
    return previewWarnings(kind, fields, views(item))
  }

  it('a long title is never cut: on three lines on the portrait board, said for that board only', () => {
    const notice = { title: '一'.repeat(27), body: '正文', categoryLabel: '便民服务', urgent: false, displayStart: null }
    const boards = previewBoards('notice', notice, standin)
    const title = previewWarnings('notice', notice, boards).filter((w) => w.field === 'title')
    expect(title).toHaveLength(1)
    expect(title[0]?.level).toBe('info')
    expect(title[0]?.message).toContain('竖屏 1080×1920')
    expect(title[0]?.message).not.toContain('横屏')
    const portrait = boards.find((b) => b.board.height === 1920)
    const lines = portrait?.pages[0]?.shapes.filter((s) => s.kind === 'text' && s.size === 68) ?? []
    expect(lines.map((s) => (s.kind === 'text' ? s.text : '')).join('')).toBe(notice.title)
  })

  it('a short notice gets nothing to know', () => {
    expect(warn('notice-short')).toEqual([])
  })

  it('a long body is paginated, not cut: said as information, per board', () => {
    const body = warn('notice-long-title').find((w) => w.field === 'body')
    expect(body?.level).toBe('info')
    expect(body?.message).toMatch(/竖屏 1080×1920分 \d 页/)
  })

  it('a character no screen font has is named as a warning, and drawn as 〓', () => {
    const notice = { title: '停水\u{F0001}通知😀', body: '𪚥建华', categoryLabel: '便民服务', urgent: false, displayStart: null }
    const said = previewWarnings('notice', notice, previewBoards('notice', notice, standin))
    expect(said.filter((w) => w.level === 'warning').map((w) => w.field)).toEqual(['title'])
    expect(said[0]?.message).toContain('\u{F0001}')
    expect(said[0]?.message).not.toContain('😀')
  })

  it('a long honour citation pages; a long event title wraps and says nothing', () => {
    expect(warn('honour-photo-long').some((w) => w.field === 'citation' && w.level === 'info')).toBe(true)
    expect(warn('event-long')).toEqual([])
    expect(warn('event-short')).toEqual([])
  })
})

describe('posters and activity photos', () => {
  const page = (item: string, board: string, n: number) => views(item).find((v) => boardKey(v.board) === board)?.pages[n - 1]
  const images = (item: string, board: string, n: number) =>
    (page(item, board, n)?.shapes ?? []).filter((s): s is Extract<Shape, { kind: 'image' }> => s.kind === 'image')

  it.each(BOARDS.map((b) => [boardKey(b)]))('on %s a poster is the whole screen: fitted whole, letterboxed in the theme colour, no header', (key) => {
    const lay = layoutFor(...(key.split('x').map(Number) as [number, number]))
    for (const item of ['notice-poster-portrait', 'notice-poster-long-title']) {
      const drawing = page(item, key, 1)
      expect(drawing?.background).toBe(THEME_COLOURS['齐有爱'])
      const [poster] = images(item, key, 1)
      const { width, height } = (items[item]?.fields as NoticeFields).image as { width: number; height: number }
      // Its shape kept (to a pixel's rounding), touching two opposite edges of its box, inside the screen.
      expect(Math.abs((poster?.w ?? 0) / (poster?.h ?? 1) - width / height)).toBeLessThan(0.01)
      expect(poster!.x >= 0 && poster!.y >= 0 && poster!.x + poster!.w <= lay.width).toBe(true)
      expect(poster!.y === 0 || poster!.x === 0).toBe(true)
      // No clock, no header: only the title's lines, which hold the whole title.
      const texts = drawing!.shapes.filter((s): s is Extract<Shape, { kind: 'text' }> => s.kind === 'text')
      expect(texts.map((t) => t.text).join('')).toBe((items[item]?.fields as NoticeFields).title)
      expect(texts.every((t) => t.size === lay.readingFloor && t.y > poster!.y + poster!.h)).toBe(true)
    }
    expect(page('notice-poster-portrait', key, 1)?.caption).toContain('海报')
  })

  it('a notice with a poster shows the poster instead of its text; an event’s follows the schedule with its date', () => {
    expect(views('notice-poster-long-title').map((v) => v.pages.length)).toEqual([1, 1, 1])
    const event = views('event-poster-landscape')[0]!
    expect(event.pages.map((d) => d.caption ?? null)).toEqual([null, expect.stringContaining('海报')])
    expect(event.pages[1]?.shapes.some((s) => s.kind === 'text' && s.text === '亲子阅读分享会 · 5月16日 09:00')).toBe(true)
  })

  it('an activity photo is a gallery’s page: framed whole, captioned with the title and dated', () => {
    for (const view of views('notice-photo-portrait')) {
      const photo = view.pages[view.pages.length - 1]!
      expect(photo.caption).toContain('好人长廊')
      expect(photo.shapes.filter((s) => s.kind === 'image')).toHaveLength(1)
      const texts = photo.shapes.filter((s): s is Extract<Shape, { kind: 'text' }> => s.kind === 'text').map((t) => t.text)
      expect(texts).toContain('重阳节敬老宴圆满举办')
      expect(texts).toContain('2026年5月13日')
    }
  })

  it('an image of no size is not drawn: the item shows as text alone', () => {
    const notice = { title: '通知', body: '正文', categoryLabel: '便民服务', urgent: false, displayStart: null }
    const broken = { ...notice, image: { url: 'x.jpg', width: 0, height: 0, kind: 'POSTER' as const } }
    const pages = (f: NoticeFields) => previewBoards('notice', f, standin).map((v) => v.pages.length)
    expect(pages(broken)).toEqual(pages(notice))
  })
})
