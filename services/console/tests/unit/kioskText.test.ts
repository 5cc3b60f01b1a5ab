// The console's port of the kiosk's line breaking, against the table the
// kiosk's own code wrote (tests/kiosk/board_cases.json; the kiosk's tests
// check it still writes the same): the two cannot drift apart unnoticed.
import { describe, expect, it } from 'vitest'
import cases from '../../../../tests/kiosk/board_cases.json'
import { cleanText, ellipsize, leftOut, NO_LINE_END, NO_LINE_START, paginate, wrap } from '../../src/lib/kioskText'

/** The table's stand-in font: an ASCII character is one unit wide, any other two. */
export function units(text: string): number {
  let n = 0
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) < 128 ? 1 : 2
  return n
}

describe('Chinese line breaking, as the kiosk does it', () => {
  it.each(cases.wrap.map((c) => [c.text.slice(0, 12), c.width, c] as const))('wraps “%s…” at width %i into the kiosk’s lines', (_t, _w, c) => {
    // Given a text and a width, when the console wraps it, then it gets exactly the kiosk's lines.
    expect(wrap(c.text, c.width, units)).toEqual(c.lines)
  })

  it('never starts a line with closing punctuation nor ends one with an opening bracket', () => {
    const text = cases.wrap[0]?.text ?? ''
    for (let width = 8; width <= 60; width++) {
      const lines = wrap(text, width, units)
      expect(lines.join('')).toBe(text)
      lines.forEach((line, i) => {
        expect(units(line)).toBeLessThanOrEqual(width)
        if (i > 0) expect(NO_LINE_START.has(line[0] as string)).toBe(false)
        if (i < lines.length - 1) expect(NO_LINE_END.has(line[line.length - 1] as string)).toBe(false)
      })
    }
  })

  it.each(cases.ellipsize.map((c) => [c.text, c.width, c.result] as const))('cuts “%s” at width %i to “%s”', (text, width, result) => {
    expect(ellipsize(text, width, units)).toBe(result)
  })

  it('pages lines, with one empty page for no text', () => {
    expect(paginate(['一', '二', '三'], 2)).toEqual([['一', '二'], ['三']])
    expect(paginate([], 3)).toEqual([[]])
  })
})

describe('characters the screens’ font cannot draw', () => {
  it('are left out exactly as the kiosk leaves them out', () => {
    // Given emoji, rare characters, invisible marks and tabs, when cleaned, then as the kiosk's glyph filter.
    expect(cleanText(cases.glyphs.probe)).toBe(cases.glyphs.cleaned)
    expect(cleanText(cases.glyphs.probe)).toBe(cases.glyphs.cleanedBold)
  })

  it('are named once each, so the editor can be told', () => {
    expect(leftOut('停水通知😀😀，请👍')).toEqual(['😀', '👍'])
    expect(leftOut('★重要通知（①）')).toEqual([])
  })
})
