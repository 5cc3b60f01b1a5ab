import { describe, expect, it } from 'vitest'
import {
  CENTRED, HONOUR_PHOTO_ASPECT, MAX_ZOOM, PHOTO_MAX_BYTES, clampView, cropRect, frameLayout, outputSize, panBy,
  photoFileProblem, photoSizeProblem, UPLOAD_NOUNS,
} from '../../src/lib/photo'

const LANDSCAPE = { width: 4000, height: 3000 } // a phone's photo, held sideways
const PORTRAIT = { width: 3000, height: 4000 }

describe('cropping a photo to the honour card', () => {
  it('keeps the largest centred part of the card’s shape at first', () => {
    // Given a wide photo, when nothing is moved, then the whole height is kept, centred.
    const r = cropRect(LANDSCAPE, HONOUR_PHOTO_ASPECT, CENTRED)
    expect(r.height).toBe(3000)
    expect(r.width).toBeCloseTo(2340)
    expect(r.x).toBeCloseTo((4000 - 2340) / 2)
    expect(r.y).toBe(0)
    expect(r.width / r.height).toBeCloseTo(HONOUR_PHOTO_ASPECT)
  })

  it('keeps the whole width of a photo narrower than the card', () => {
    const narrow = { width: 700, height: 1000 } // 0.7 < 0.78
    const r = cropRect(narrow, HONOUR_PHOTO_ASPECT, CENTRED)
    expect(r.width).toBe(700)
    expect(r.height).toBeCloseTo(700 / 0.78)
    expect(r.y).toBeCloseTo((1000 - 700 / 0.78) / 2)
  })

  it('zooming in keeps a smaller part of the same shape, never more than the limit', () => {
    const r = cropRect(PORTRAIT, HONOUR_PHOTO_ASPECT, { ...CENTRED, zoom: 2 })
    expect(r.width).toBeCloseTo(1500)
    expect(r.width / r.height).toBeCloseTo(HONOUR_PHOTO_ASPECT)
    const most = cropRect(PORTRAIT, HONOUR_PHOTO_ASPECT, { ...CENTRED, zoom: 99 })
    expect(most.width).toBeCloseTo(3000 / MAX_ZOOM)
    const least = cropRect(PORTRAIT, HONOUR_PHOTO_ASPECT, { ...CENTRED, zoom: 0.2 })
    expect(least.width).toBe(3000)
  })

  it('never reaches past the photo’s edge, however far it is dragged', () => {
    const r = cropRect(LANDSCAPE, HONOUR_PHOTO_ASPECT, { zoom: 2, centerX: -5, centerY: 7 })
    expect(r.x).toBe(0)
    expect(r.y + r.height).toBeCloseTo(3000)
    const view = clampView(LANDSCAPE, HONOUR_PHOTO_ASPECT, { zoom: 2, centerX: -5, centerY: 7 })
    expect(view.centerX).toBeCloseTo(r.width / 2 / 4000)
    expect(view.centerY).toBeCloseTo(1 - r.height / 2 / 3000)
  })

  it('the photo follows the finger: dragging right shows more of its left', () => {
    const start = { ...CENTRED, zoom: 2 }
    const before = cropRect(LANDSCAPE, HONOUR_PHOTO_ASPECT, start)
    // Given a 300 px wide frame showing a crop 1170 px wide, a drag of 30 px moves it 117 image pixels.
    const moved = panBy(LANDSCAPE, HONOUR_PHOTO_ASPECT, start, 30, 0, 300)
    const after = cropRect(LANDSCAPE, HONOUR_PHOTO_ASPECT, moved)
    expect(before.x - after.x).toBeCloseTo((before.width / 300) * 30)
    expect(after.y).toBeCloseTo(before.y)
  })

  it('draws the whole photo in the frame so that the crop fills it exactly', () => {
    const crop = { x: 1000, y: 500, width: 1170, height: 1500 }
    const layout = frameLayout(LANDSCAPE, crop)
    expect(layout.widthPct).toBeCloseTo((4000 / 1170) * 100)
    expect(layout.leftPct).toBeCloseTo((-1000 / 1170) * 100)
    expect(layout.topPct).toBeCloseTo((-500 / 1500) * 100)
  })

  it('sends no more pixels than a screen uses, and never enlarges a small crop', () => {
    expect(outputSize({ width: 2340, height: 3000 })).toEqual({ width: 1248, height: 1600 })
    expect(outputSize({ width: 390, height: 500 })).toEqual({ width: 390, height: 500 })
  })
})

describe('a chosen photo file', () => {
  it('over the API’s size limit is refused at once, saying how big it is', () => {
    expect(photoFileProblem({ size: PHOTO_MAX_BYTES + 1 })).toMatch(/^照片文件不能超过8MB（所选文件约8\.0MB）$/)
    expect(photoFileProblem({ size: 20 * 1024 * 1024 })).toContain('约20.0MB')
    expect(photoFileProblem({ size: 0 })).toContain('无法识别的图片')
    expect(photoFileProblem({ size: 300_000 })).toBeNull()
  })

  it('with more pixels than the API takes is refused with its dimensions', () => {
    expect(photoSizeProblem({ width: 9000, height: 100 })).toBe('照片尺寸过大（9000×100），长边不能超过8000像素')
    expect(photoSizeProblem({ width: 7000, height: 7000 })).toContain('7000×7000')
    expect(photoSizeProblem({ width: 4000, height: 3000 })).toBeNull()
  })

  it('names what is uploaded: a poster is a 海报, an activity’s picture a 图片, never a 照片', () => {
    expect(photoFileProblem({ size: PHOTO_MAX_BYTES + 1 }, UPLOAD_NOUNS.POSTER)).toMatch(/^海报文件不能超过8MB/)
    expect(photoFileProblem({ size: 0 }, UPLOAD_NOUNS.IMAGE)).toBe('无法识别的图片，请上传 JPEG、PNG 或 WebP 格式的图片')
    expect(photoSizeProblem({ width: 9000, height: 100 }, UPLOAD_NOUNS.POSTER)).toBe('海报尺寸过大（9000×100），长边不能超过8000像素')
    expect(photoSizeProblem({ width: 7000, height: 7000 }, UPLOAD_NOUNS.IMAGE)).toBe('图片尺寸过大（7000×7000），总像素不能超过4000万')
  })
})
