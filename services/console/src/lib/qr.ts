// QR codes for the resident page's address, drawn as one SVG path so that
// they print sharp at any size: uqr (unjs, pinned) encodes, this draws. A
// poster's code is level M with the standard's quiet zone; a screen's (the
// board preview) is as the kiosk makes it (qile_kiosk/qr.py): level L,
// raised when the version allows, with a quiet zone of QUIET_ZONE.
import { encode } from 'uqr'

/** The modules of the code with its quiet zone. */
export interface QrShape {
  /** Modules per side, the quiet zone included. */
  size: number
  /** An SVG path of the dark modules, one unit per module. */
  path: string
}

export interface QrOptions {
  ecc: 'L' | 'M' | 'Q' | 'H'
  border: number
  /** A higher level when the address fits the same version at it. */
  boostEcc: boolean
}

// M: still read when up to 15% of a printed code is smudged or folded; 4 modules of quiet zone.
const PRINTED: QrOptions = { ecc: 'M', border: 4, boostEcc: false }

export function qrShape(text: string, options: QrOptions = PRINTED): QrShape {
  const { data, size } = encode(text, options)
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
