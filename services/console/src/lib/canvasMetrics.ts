// Measuring text in the browser as the kiosk measures it with FreeType
// (typeset.py): from the pen's origin to the right edge of the ink, in the
// screens' font. Chromium on Linux finds Noto Sans CJK SC through fontconfig,
// as the kiosk does; the console serves no font of its own.
import { KIOSK_FONT_FAMILY } from './kioskLayout'
import type { TextMetrics } from './kioskSlides'

const CACHE_LIMIT = 20_000

export function canvasTextMetrics(): TextMetrics {
  const ctx = document.createElement('canvas').getContext('2d')
  // Wrapping measures a growing line once per character: remember the answers.
  const cache = new Map<string, TextMetrics_>()
  const measured = (text: string, size: number, bold: boolean): TextMetrics_ => {
    const key = `${bold ? 'b' : 'r'}${size}|${text}`
    const known = cache.get(key)
    if (known) return known
    let found: TextMetrics_ = { width: text.length * size, left: 0 }
    if (ctx) {
      ctx.font = `${bold ? 'bold ' : ''}${size}px ${KIOSK_FONT_FAMILY}`
      const m = ctx.measureText(text)
      // actualBoundingBoxLeft is positive when the ink starts left of the pen.
      const ink = m.actualBoundingBoxLeft > 0 ? m.actualBoundingBoxRight + m.actualBoundingBoxLeft : m.actualBoundingBoxRight
      found = { width: Math.round(ink), left: Math.floor(-m.actualBoundingBoxLeft) }
    }
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(key, found)
    return found
  }
  return {
    width: (text, size, bold) => measured(text, size, bold).width,
    // Of the first character, as pygame's get_rect gives the kiosk its ink's start.
    inkLeft: (text, size, bold) => measured(Array.from(text)[0] ?? '', size, bold).left,
  }
}

type TextMetrics_ = { width: number; left: number }

/**
 * Whether this browser has the screens' font (Noto Sans CJK SC, or Source
 * Han Sans SC, the same design): without it the preview measures with the
 * closest font it has, and Latin letters and digits may break differently.
 */
export function hasKioskFont(): boolean {
  const ctx = document.createElement('canvas').getContext('2d')
  if (!ctx) return false
  const sample = 'Wilm 0123 齐乐'
  ctx.font = '40px monospace'
  const fallback = ctx.measureText(sample).width
  return ['Noto Sans CJK SC', 'Source Han Sans SC'].some((family) => {
    ctx.font = `40px "${family}", monospace`
    return ctx.measureText(sample).width !== fallback
  })
}
