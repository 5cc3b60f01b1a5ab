// QR codes for the resident page's address, drawn as one SVG path so that
// they print sharp at any size: uqr (unjs, pinned) encodes, this draws.
import { encode } from 'uqr'

/** The modules of the code with its quiet zone (4 modules, as the standard asks). */
export interface QrShape {
  /** Modules per side, the quiet zone included. */
  size: number
  /** An SVG path of the dark modules, one unit per module. */
  path: string
}

// M: still read when up to 15% of a printed code is smudged or folded.
export function qrShape(text: string): QrShape {
  const { data, size } = encode(text, { ecc: 'M', border: 4 })
  const parts: string[] = []
  data.forEach((row, y) => {
    // Runs of dark modules in a row become one rectangle each: a short path.
    let x = 0
    while (x < size) {
      if (!row[x]) {
        x += 1
        continue
      }
      const start = x
      while (x < size && row[x]) x += 1
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`)
    }
  })
  return { size, path: parts.join('') }
}
