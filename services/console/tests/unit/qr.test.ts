import { encode } from 'uqr'
import { describe, expect, it } from 'vitest'
import { qrShape } from '../../src/lib/qr'

/** The path's rectangles painted back onto a grid. */
function paint(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false))
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])]
    for (let i = x; i < x + w; i++) grid[y]![i] = true
  }
  return grid
}

describe('the QR code of the resident page', () => {
  const url = 'https://qile.example.cn/e/42'

  it('draws exactly the dark modules the encoder gives, in a quiet zone of four', () => {
    const { size, path } = qrShape(url)
    const { data } = encode(url, { ecc: 'M', border: 4 })
    expect(paint(path, size)).toEqual(data)
    expect(data[0]!.some(Boolean)).toBe(false)
    expect(data[3]!.some(Boolean)).toBe(false)
    expect(data[4]![4]).toBe(true) // the finder pattern's corner
  })

  it('is larger for a longer address (a screen named in it)', () => {
    expect(qrShape(`${url}?s=1234567890&x=${'a'.repeat(60)}`).size).toBeGreaterThan(qrShape(url).size)
  })
})
