// The board preview draws what the kiosk draws: every text (with its
// position, size, weight and colour), box and circle of each sample on each
// board, against the frames the kiosk's own renderer recorded with the same
// stand-in font (tests/kiosk/board_cases.json).
import { describe, expect, it } from 'vitest'
import cases from '../../../../tests/kiosk/board_cases.json'
import { previewBoards, previewWarnings, type PreviewFieldsByKind, type PreviewKind, type Shape } from '../../src/lib/boardPreview'
import { BOARDS, boardKey, fontAscent, fontDescent, layoutFor, sizes } from '../../src/lib/kioskLayout'
import { eventRowHeight, eventRowsPerPage, noticeLinesPerPage, noticeWidth } from '../../src/lib/kioskSlides'
import { units } from './kioskText.test'

const standin = (text: string, size: number): number => Math.floor((units(text) * size) / 2)

type Item = { kind: PreviewKind; fields: PreviewFieldsByKind[PreviewKind] }
const items = cases.items as unknown as Record<string, Item>

/** A shape as the kiosk's recorder writes it (photos are blitted, not recorded). */
function recorded(shape: Shape): unknown[] | null {
  if (shape.kind === 'rect') return ['rect', shape.x, shape.y, shape.w, shape.h, shape.color, shape.radius, shape.width]
  if (shape.kind === 'circle') return ['circle', shape.cx, shape.cy, shape.r, shape.color, shape.width]
  if (shape.kind === 'text') return ['text', shape.text, shape.x, shape.y, shape.size, shape.bold, shape.color]
  return null
}

function drawn(item: string, board: string, page: number, width = standin): unknown[][] {
  const { kind, fields } = items[item] as Item
  const views = previewBoards(kind, fields, width, cases.screen, cases.now)
  const view = views.find((v) => boardKey(v.board) === board)
  return (view?.pages[page - 1]?.shapes ?? []).map(recorded).filter((s): s is unknown[] => s !== null)
}

describe('the boards’ geometry', () => {
  it.each(BOARDS.map((b) => [boardKey(b)]))('%s has the kiosk’s margins, sizes and lines per page', (key) => {
    const [w, h] = key.split('x').map(Number) as [number, number]
    const lay = layoutFor(w, h)
    const s = sizes(lay)
    const rect = (r: { x: number; y: number; w: number; h: number }) => [r.x, r.y, r.w, r.h]
    expect({
      unit: lay.unit,
      portrait: lay.portrait,
      safe: rect(lay.safe),
      header: rect(lay.header),
      body: rect(lay.body),
      footer: rect(lay.footer),
      titleSize: s.title,
      bodySize: s.body,
      smallSize: s.small,
      headerNameSize: s.headerName,
      clockSize: s.clock,
      gap: s.gap,
      noticeWidth: noticeWidth(lay),
      noticeLinesPerPage: [noticeLinesPerPage(lay, 1), noticeLinesPerPage(lay, 2)],
      eventRowsPerPage: eventRowsPerPage(lay),
      eventRowHeight: eventRowHeight(lay),
    }).toEqual((cases.layouts as Record<string, unknown>)[key])
  })

  it('places baselines with the font’s ascent and descent as FreeType rounds them', () => {
    for (const [size, [ascent, descent]] of Object.entries(cases.metrics)) {
      expect([fontAscent(Number(size)), fontDescent(Number(size))]).toEqual([ascent, descent])
    }
  })
})

describe('each sample drawn on each board', () => {
  it.each(cases.standinFrames.map((f) => [f.item, f.board, f.page, f] as const))('%s on %s, page %i, is drawn as the kiosk draws it', (item, board, page, frame) => {
    // Given the sample and the board, when the preview draws it, then every shape matches the kiosk's.
    expect(drawn(item, board, page)).toEqual(frame.draws)
  })

  it('has as many pages as the kiosk on every board', () => {
    for (const [item, { kind, fields }] of Object.entries(items)) {
      for (const view of previewBoards(kind, fields, standin, cases.screen, cases.now)) {
        const kioskPages = cases.standinFrames.filter((f) => f.item === item && f.board === boardKey(view.board)).length
        expect([item, view.board.label, view.pages.length]).toEqual([item, view.board.label, kioskPages])
      }
    }
  })
})

describe('warnings for the editor', () => {
  const warn = (item: string) => {
    const { kind, fields } = items[item] as Item
    return previewWarnings(kind, fields, previewBoards(kind, fields, standin, cases.screen, cases.now))
  }

  it('a title cut on the portrait board names that board, and only boards where it is cut', () => {
    const boards = previewBoards('notice', { title: '一'.repeat(27), body: '正文', categoryLabel: '便民服务', urgent: false }, standin)
    const title = previewWarnings('notice', { title: '一'.repeat(27), body: '正文', categoryLabel: '便民服务', urgent: false }, boards).filter((w) => w.field === 'title')
    expect(title).toHaveLength(1)
    expect(title[0]?.level).toBe('warning')
    expect(title[0]?.message).toContain('竖屏 1080×1920')
    expect(title[0]?.message).not.toContain('横屏')
    // and the portrait board's second title line ends in …
    const portrait = boards.find((b) => b.board.height === 1920)
    const titleLines = portrait?.pages[0]?.shapes.filter((s) => s.kind === 'text' && s.size === 68) ?? []
    expect(titleLines.map((s) => (s.kind === 'text' ? s.text : '')).at(-1)).toMatch(/…$/)
  })

  it('a short notice gets no warning', () => {
    expect(warn('notice-short')).toEqual([])
  })

  it('a long body is paginated, not cut: said as information, per board', () => {
    const body = warn('notice-long-title').find((w) => w.field === 'body')
    expect(body?.level).toBe('info')
    expect(body?.message).toMatch(/竖屏 1080×1920分 \d 页/)
  })

  it('an emoji the screens cannot draw is named', () => {
    expect(warn('notice-latin').some((w) => w.field === 'body' && w.message.includes('😀'))).toBe(true)
  })

  it('an honour’s long name is cut and its long citation shrunk; a long event title is cut', () => {
    const honour = warn('honour-photo-long')
    expect(honour.some((w) => w.field === 'subjectName' && w.level === 'warning')).toBe(true)
    expect(honour.some((w) => w.field === 'citation')).toBe(true)
    expect(warn('event-long').some((w) => w.field === 'title' && w.level === 'warning')).toBe(true)
    expect(warn('event-short')).toEqual([])
  })
})
