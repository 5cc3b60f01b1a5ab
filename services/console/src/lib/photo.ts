// Photos before they are sent: the API's limits checked as soon as a file is
// chosen, and the geometry of cropping one to the shape a screen shows it at.
import { LANDSCAPE_PHOTO_ASPECT } from './kioskLayout'

/**
 * Width ÷ height of an honour's photo on a 好人长廊 screen. The kiosk's card
 * (qile_kiosk/layout.py, ported in kioskLayout.ts) gives the photo a
 * box 0.78 of the card's inner height wide and that height tall on a
 * landscape board (1920×1080 and 1280×720 alike), and fits the photo inside
 * it keeping its proportions. Cropped to this shape a photo fills that box to
 * the edge; a portrait board's box is wider than tall and shows the same
 * photo whole, centred.
 */
export const HONOUR_PHOTO_ASPECT = LANDSCAPE_PHOTO_ASPECT

// The API's limits (qile_api/settings.py, media/processing.py), in its words.
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024
export const PHOTO_MAX_SIDE = 8000
export const PHOTO_MAX_PIXELS = 40_000_000
/** The API keeps at most this many pixels on a photo's longer side: a larger crop is wasted bytes. */
export const PHOTO_SCREEN_SIDE = 1600

/**
 * What an upload is for (the API's UploadPurpose), and the word refusals use for it: a
 * notice's poster is a 海报, an activity's picture a 图片, not an honour's 照片.
 */
export type UploadPurpose = 'PHOTO' | 'POSTER' | 'IMAGE'
export const UPLOAD_NOUNS: Record<UploadPurpose, string> = { PHOTO: '照片', POSTER: '海报', IMAGE: '图片' }

/** A file that is not a JPEG, PNG or WebP image, in the API's words. */
export function unreadable(noun = '照片'): string {
  return `无法识别的图片，请上传 JPEG、PNG 或 WebP 格式的${noun}`
}
export const PHOTO_UNREADABLE = unreadable()

/** A photo the API stored (mediaUpload's answer, or an honour's `photo`). */
export interface UploadedPhoto {
  sha256: string
  url: string
  width: number
  height: number
}

export interface Size {
  width: number
  height: number
}

export interface Rect extends Size {
  x: number
  y: number
}

/** Where the crop is: a zoom (1 = the largest crop that fits) and its centre, as fractions of the image. */
export interface CropView {
  zoom: number
  centerX: number
  centerY: number
}

export const MAX_ZOOM = 4
export const CENTRED: CropView = { zoom: 1, centerX: 0.5, centerY: 0.5 }

/** Why a chosen file cannot be sent, before reading it; null when it may be. `noun`: what it is (UPLOAD_NOUNS). */
export function photoFileProblem(file: { size: number }, noun = '照片'): string | null {
  if (file.size > PHOTO_MAX_BYTES) {
    return `${noun}文件不能超过${PHOTO_MAX_BYTES / (1024 * 1024)}MB（所选文件约${(file.size / (1024 * 1024)).toFixed(1)}MB）`
  }
  if (file.size === 0) return unreadable(noun)
  return null
}

/** Why a decoded image is refused by the API for its dimensions; null when it is not. */
export function photoSizeProblem(size: Size, noun = '照片'): string | null {
  if (size.width <= 0 || size.height <= 0) return unreadable(noun)
  const shown = `${noun}尺寸过大（${size.width}×${size.height}）`
  if (Math.max(size.width, size.height) > PHOTO_MAX_SIDE) return `${shown}，长边不能超过${PHOTO_MAX_SIDE}像素`
  if (size.width * size.height > PHOTO_MAX_PIXELS) return `${shown}，总像素不能超过${PHOTO_MAX_PIXELS / 10_000}万`
  return null
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}

/** The part of the image the view keeps, in image pixels: of shape `aspect`, always inside the image. */
export function cropRect(image: Size, aspect: number, view: CropView): Rect {
  const wide = image.width / image.height > aspect
  const fullWidth = wide ? image.height * aspect : image.width
  const fullHeight = wide ? image.height : image.width / aspect
  const zoom = clamp(view.zoom, 1, MAX_ZOOM)
  const width = fullWidth / zoom
  const height = fullHeight / zoom
  const x = clamp(view.centerX * image.width - width / 2, 0, image.width - width)
  const y = clamp(view.centerY * image.height - height / 2, 0, image.height - height)
  return { x, y, width, height }
}

/** The view as it actually is: zoom within bounds, centre where the crop ended up (never past an edge). */
export function clampView(image: Size, aspect: number, view: CropView): CropView {
  const r = cropRect(image, aspect, view)
  return {
    zoom: clamp(view.zoom, 1, MAX_ZOOM),
    centerX: (r.x + r.width / 2) / image.width,
    centerY: (r.y + r.height / 2) / image.height,
  }
}

/**
 * Dragging the photo by (dx, dy) screen pixels inside a frame `frameWidth`
 * pixels wide moves the crop the other way: the photo follows the finger.
 */
export function panBy(image: Size, aspect: number, view: CropView, dx: number, dy: number, frameWidth: number): CropView {
  const r = cropRect(image, aspect, view)
  const perPixel = r.width / frameWidth
  return clampView(image, aspect, {
    zoom: view.zoom,
    centerX: view.centerX - (dx * perPixel) / image.width,
    centerY: view.centerY - (dy * perPixel) / image.height,
  })
}

/**
 * How to draw the whole image inside the crop frame so that the crop fills
 * it: its width and offsets as percentages of the frame (left and width of
 * the frame's width, top of its height), for CSS.
 */
export function frameLayout(image: Size, crop: Rect): { widthPct: number; leftPct: number; topPct: number } {
  return {
    widthPct: (image.width / crop.width) * 100,
    leftPct: (-crop.x / crop.width) * 100,
    topPct: (-crop.y / crop.height) * 100,
  }
}

/** The pixels to send for a crop: as they are, or shrunk so the longer side is `maxSide`; never enlarged. */
export function outputSize(crop: Size, maxSide: number = PHOTO_SCREEN_SIDE): Size {
  const scale = Math.min(1, maxSide / Math.max(crop.width, crop.height))
  return { width: Math.max(1, Math.round(crop.width * scale)), height: Math.max(1, Math.round(crop.height * scale)) }
}
