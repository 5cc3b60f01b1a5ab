// The console's port of the kiosk's line breaking, against the table the
// kiosk's own code wrote (tests/kiosk/board_cases.json; the kiosk's tests
// check it still writes the same): the two cannot drift apart unnoticed.
import { describe, expect, it } from 'vitest'
import cases from '../../../../tests/kiosk/board_cases.json'
import { balance, cleanText, ellipsize, lostCharacters, NO_LINE_END, NO_LINE_START, paginate, PLACEHOLDER, wrap } from '../../src/lib/kioskText'

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

describe('characters the screens’ fonts cannot draw', () => {
  it('are kept, left out or drawn as 〓 exactly as the kiosk does', () => {
    // Given emoji, rare characters, invisible marks and tabs, when cleaned, then as the kiosk's glyph filter.
    expect(cleanText(cases.glyphs.probe)).toBe(cases.glyphs.cleaned)
    expect(cleanText(cases.glyphs.probe)).toBe(cases.glyphs.cleanedBold)
  })

  it('are named once each, so the editor can be told', () => {
    expect(lostCharacters('停水\u{E000}通知\u{E000}，\u{F0001}请😀𪚥')).toEqual(['\u{E000}', '\u{F0001}'])
    expect(cleanText('王\u{E000}')).toBe(`王${PLACEHOLDER}`)
    expect(lostCharacters('★重要通知（①）\t')).toEqual([])
  })
})

describe('titles and names balanced', () => {
  it('takes as few lines as greedy wrapping, as even as they can be, and no orphan', () => {
    expect(balance('一'.repeat(30), 26, units)).toEqual(['一'.repeat(10), '一'.repeat(10), '一'.repeat(10)])
    // Six fit a line: the seventh would stand alone, so it takes one more.
    expect(wrap('一二三四五六七', 12, units)).toEqual(['一二三四五', '六七'])
  })
})
