// The kiosk's Chinese line breaking (services/kiosk/qile_kiosk/textwrap_zh.py)
// and its glyph cleaning (glyphs.py), ported rule for rule so the board
// preview breaks and cuts a title where a screen will. Both are checked
// against tests/kiosk/board_cases.json, which the kiosk's own code writes.
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
  return lines.map((l) => l.join(''))
}

/** Break text into lines no wider than width (as measured), keeping paragraphs and dropping blank ones. */
export function wrap(text: string, width: number, measure: Measure): string[] {
  const out: string[] = []
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const paragraph = raw.trim()
    if (paragraph) out.push(...wrapParagraph(paragraph, width, measure))
  }
  return out
}

/** Split lines into pages of at most perPage lines (at least one page). */
export function paginate(lines: readonly string[], perPage: number): string[][] {
  const per = Math.max(1, perPage)
  if (!lines.length) return [[]]
  const pages: string[][] = []
  for (let i = 0; i < lines.length; i += per) pages.push(lines.slice(i, i + per))
  return pages
}

/** One line, cut with … when too wide (names, table cells, a title's last line). */
export function ellipsize(text: string, width: number, measure: Measure): string {
  if (measure(text) <= width) return text
  const chars = Array.from(text)
  while (chars.length && measure(chars.join('') + '…') > width) chars.pop()
  return chars.join('') + '…'
}

// Glyphs ------------------------------------------------------------------

// Spaces in all but name: drawn as a plain space.
const AS_SPACE: Record<string, string> = { '\t': ' ', '\u00a0': ' ', '\u2028': ' ', '\u2029': ' ' }
const INVISIBLE = /^[\p{Cc}\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]$/u
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u
// The pictographs of the Basic Multilingual Plane that Noto Sans CJK SC does
// draw (from its character map); it lacks every other emoji-like character.
const PICTOGRAPHS_IN_FONT = new Set('©®‼⁉™↔↕↖↗↘↙Ⓜ▪▫▶◀☀☁☂☃☎☝☯♀♂♠♣♥♦♨♻⚠⚽⚾✂➡⤴⤵⬅⬆⬇〰〽㊗㊙')

/**
 * Whether the screens' font (Noto Sans CJK SC) lacks a glyph for `ch`, after
 * its character map: emoji; of the supplementary planes it has only the
 * enclosed letters and ideographs (🅰, 🈶), and of CJK Extension B and later
 * only a few Hong Kong characters, which are reported as missing too (erring
 * towards a warning for a rare character in a name).
 */
export function lacksGlyph(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0
  if (code >= 0x10000) return !((code >= 0x1f100 && code <= 0x1f1ac) || (code >= 0x1f200 && code <= 0x1f251))
  return PICTOGRAPHIC.test(ch) && !PICTOGRAPHS_IN_FONT.has(ch)
}

/**
 * The text as the kiosk draws it (glyphs.py): tabs and odd spaces become
 * spaces, invisible characters go, characters without a glyph are left out.
 * Newlines stay for wrapping (`keepNewlines`), else they become spaces.
 */
export function cleanText(text: string, keepNewlines = false): string {
  let out = ''
  for (const raw of text) {
    if (raw === '\n') {
      out += keepNewlines ? '\n' : ' '
      continue
    }
    const ch = AS_SPACE[raw] ?? raw
    if (INVISIBLE.test(ch) || lacksGlyph(ch)) continue
    out += ch
  }
  return out
}

/** The visible characters a screen will leave out of `text`, each once. */
export function leftOut(text: string): string[] {
  const seen = new Set<string>()
  for (const ch of text) if (lacksGlyph(ch)) seen.add(ch)
  return [...seen]
}
