// The kiosk's Chinese line breaking (services/kiosk/qile_kiosk/textwrap_zh.py)
// and its glyph cleaning (glyphs.py), ported rule for rule so the board
// preview breaks and balances a title where a screen will. Both are checked
// against tests/kiosk/board_cases.json, which the kiosk's own code writes.
import coverage from '../../../api/qile_api/kiosk_coverage.json'
//
// Chinese has no spaces between words, so a line may break between any two
// characters, except that closing punctuation may not start a line and
// opening punctuation may not end one (禁则). Runs of Latin letters and
// digits (96110, 8:00, APP) stay whole.

/** Width of already-clean text at the size in use, in pixels (or stand-in units). */
export type Measure = (text: string) => number

/** No line may begin with these (closing and pausing punctuation). */
export const NO_LINE_START: ReadonlySet<string> = new Set('，。、；：？！）」》』】〕〉］｝〗”’…—·,.;:?!)]}%')
/** No line may end with these (opening brackets and quotes). */
export const NO_LINE_END: ReadonlySet<string> = new Set('（「《『【〔〈［｛〖“‘([{')

// A token is a run of ASCII letters/digits (kept whole) or any single character (code point).
const TOKEN = /[A-Za-z0-9][A-Za-z0-9:./\-@_]*|[\s\S]/gu

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? []
}

function fits(line: string[], token: string, width: number, measure: Measure): boolean {
  return measure(line.join('') + token) <= width
}

/** A Latin run wider than the line is cut by character: better than overflowing. */
function splitOversized(token: string, width: number, measure: Measure): string[] {
  const parts: string[] = []
  let current = ''
  for (const ch of token) {
    if (current && measure(current + ch) > width) {
      parts.push(current)
      current = ch
    } else {
      current += ch
    }
  }
  if (current) parts.push(current)
  return parts
}

/**
 * Tokens to take off the end of `line` so the next line may start with them:
 * called when the next line would start with a character that may not start
 * one (see textwrap_zh._carry_down for the cases).
 */
function carryDown(line: string[]): string[] {
  const carried: string[] = []
  while (line.length > 1) {
    carried.unshift(line.pop() as string)
    if (!NO_LINE_START.has(carried[0] as string)) return carried
  }
  // No allowed break (a long run of dashes or ellipses): the line stays full.
  line.push(...carried)
  // A Latin run that fills the line gives up its last character(s) to the punctuation.
  const last = line[line.length - 1] as string
  for (let cut = last.length - 1; cut > 0; cut--) {
    if (!NO_LINE_START.has(last[cut] as string)) {
      line[line.length - 1] = last.slice(0, cut)
      return [last.slice(cut)]
    }
  }
  return []
}

function wrapParagraph(paragraph: string, width: number, measure: Measure): string[] {
  const lines: string[][] = []
  let line: string[] = []
  for (const token of tokens(paragraph)) {
    const pieces = measure(token) <= width ? [token] : splitOversized(token, width, measure)
    for (const piece of pieces) {
      if (!line.length || fits(line, piece, width, measure)) {
        line.push(piece)
        continue
      }
      let carried = NO_LINE_START.has(piece) ? carryDown(line) : []
      // A line may not end with an opening bracket: move it down too.
      while (line.length > 1 && NO_LINE_END.has(line[line.length - 1] as string)) carried.unshift(line.pop() as string)
      if (carried.length && measure([...carried, piece].join('')) > width) {
        // Only when a long Latin run was carried: width wins over kinsoku.
        line.push(...carried)
        carried = []
      }
      lines.push(line)
      line = [...carried, piece]
    }
  }
  if (line.length) lines.push(line)
  noOrphan(lines, width, measure)
  return lines.map((l) => l.join(''))
}

/** A last line of one character (and its punctuation) takes one more from the line above (“…防治 / 讲座”). */
function noOrphan(lines: string[][], width: number, measure: Measure): void {
  if (lines.length < 2) return
  const last = lines[lines.length - 1] as string[]
  const above = lines[lines.length - 2] as string[]
  if (last.filter((t) => !NO_LINE_START.has(t)).length !== 1 || above.length < 3) return
  const moved = [above[above.length - 1] as string]
  // The line above may then not end with an opening bracket, nor the last start with a closing mark.
  while (
    above.length - moved.length > 2 &&
    (NO_LINE_START.has(moved[0] as string) || NO_LINE_END.has(above[above.length - moved.length - 1] as string))
  ) {
    moved.unshift(above[above.length - moved.length - 1] as string)
  }
  if (NO_LINE_START.has(moved[0] as string) || measure([...moved, ...last].join('')) > width) return
  above.splice(above.length - moved.length, moved.length)
  lines[lines.length - 1] = [...moved, ...last]
}

/** Between two paragraphs of running text (wrap(..., separate)): half a line of space. */
export const PARAGRAPH_BREAK = ''

/**
 * Break text into lines no wider than width (as measured), keeping paragraphs and dropping blank ones.
 * `separate`: a PARAGRAPH_BREAK between paragraphs, as a notice's paragraphs are set apart.
 */
export function wrap(text: string, width: number, measure: Measure, separate = false): string[] {
  const out: string[] = []
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const paragraph = raw.trim()
    if (!paragraph) continue
    if (separate && out.length) out.push(PARAGRAPH_BREAK)
    out.push(...wrapParagraph(paragraph, width, measure))
  }
  return out
}

/** Wrapped in as few lines as at `width`, but as even as they can be: for titles and names. */
export function balance(text: string, width: number, measure: Measure): string[] {
  const lines = wrap(text, width, measure)
  if (lines.length < 2) return lines
  // The narrowest width that still needs no more lines.
  let lo = 1
  let hi = width
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    if (wrap(text, mid, measure).length <= lines.length) hi = mid
    else lo = mid + 1
  }
  return wrap(text, hi, measure)
}

/** Opening brackets and quotes: at a line's start their blank left half is taken in (行首压缩). */
export const COMPRESS_AT_START: ReadonlySet<string> = new Set('（「《『【〔〈［｛〖“‘')

/**
 * Split lines into pages no taller than perPage lines (at least one page). A
 * PARAGRAPH_BREAK is half a line tall, and is dropped where a page would start or end with it.
 */
export function paginate(lines: readonly string[], perPage: number): string[][] {
  const room = 2 * Math.max(1, perPage) // in half lines
  const pages: string[][] = []
  let page: string[] = []
  let used = 0
  for (const line of lines) {
    if (line === PARAGRAPH_BREAK) {
      if (!page.length) continue
      if (used + 1 + 2 > room) {
        // no line would follow it on this page
        pages.push(page)
        page = []
        used = 0
        continue
      }
      page.push(line)
      used += 1
      continue
    }
    if (page.length && used + 2 > room) {
      pages.push(page)
      page = []
      used = 0
    }
    page.push(line)
    used += 2
  }
  if (page.length) pages.push(page)
  return pages.length ? pages : [[]]
}

/** One line, cut with … when too wide (names, table cells, a title's last line). */
export function ellipsize(text: string, width: number, measure: Measure): string {
  if (measure(text) <= width) return text
  const chars = Array.from(text)
  while (chars.length && measure(chars.join('') + '…') > width) chars.pop()
  return chars.join('') + '…'
}

// Glyphs ------------------------------------------------------------------
// What the kiosk's fonts draw, from the table the kiosk's own fonts wrote
// (tests/kiosk/coverage.py); the API warns an editor from the same table.

/** Drawn where no face of the kiosk has the character: visible, and plainly not a letter. */
export const PLACEHOLDER = '〓'
// Spaces in all but name: drawn as a plain space.
const AS_SPACE: Record<string, string> = { '\t': ' ', '\u00a0': ' ', '\u2028': ' ', '\u2029': ' ' }

function inside(table: readonly (readonly number[])[], code: number): boolean {
  let lo = 0
  let hi = table.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [first, last] = table[mid] as [number, number]
    if (code < first) hi = mid - 1
    else if (code > last) lo = mid + 1
    else return true
  }
  return false
}

/** What a screen does with a character: draws it, leaves it out on purpose, or shows the placeholder. */
export function glyphFate(ch: string): 'drawn' | 'dropped' | 'lost' {
  const code = ch.codePointAt(0) ?? 0
  if (inside(coverage.drawn, code)) return 'drawn'
  return inside(coverage.dropped, code) ? 'dropped' : 'lost'
}

/**
 * The text as the kiosk draws it (glyphs.py): tabs and odd spaces become
 * spaces, invisible characters go, characters no face has become 〓.
 * Newlines stay for wrapping (`keepNewlines`), else they become spaces.
 */
export function cleanText(text: string, keepNewlines = false): string {
  let out = ''
  for (const raw of text) {
    if (raw === '\n') {
      out += keepNewlines ? '\n' : ' '
      continue
    }
    const fate = glyphFate(raw)
    if (fate === 'drawn') out += AS_SPACE[raw] ?? raw
    else if (fate === 'lost') out += PLACEHOLDER
  }
  return out
}

/** The visible characters a screen will show as 〓, each once. */
export function lostCharacters(text: string): string[] {
  const seen = new Set<string>()
  for (const ch of text) if (ch !== '\n' && glyphFate(ch) === 'lost') seen.add(ch)
  return [...seen]
}
