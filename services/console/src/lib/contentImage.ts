// The poster or photo a notice or an event carries (the API's `image` and its
// image* input fields): the form's state, filled from a saved item and turned
// back into an input. Consent is asked for when people are recognisable in it,
// as for an honour's photo; the API refuses to save without it.
import type { ImageFields } from './kioskSlides'
import type { UploadedPhoto } from './photo'
import { cityNowWall, cityWallToIso, isoToCityWall } from './time'

export type ImageKindValue = 'POSTER' | 'PHOTO'

export const IMAGE_KINDS: [ImageKindValue, string, string][] = [
  ['POSTER', '海报', '完整显示在宣传阅报栏的整屏上，不裁剪，标题以小字显示在底边'],
  ['PHOTO', '活动照片', '显示在好人长廊屏上，配以标题作说明'],
]

/** The input fields the API reports problems on, for a form's error map. */
export const IMAGE_FIELDS = ['image', 'imageKind', 'imagePeople', 'imageConsentBy', 'imageConsentMethod', 'imageConsentAt'] as const

export interface ImageForm {
  image: string | null
  kind: ImageKindValue
  people: boolean
  consentBy: string
  consentMethod: string
  consentAt: string | null // city wall time
  /** What the preview shows: as saved, or as just uploaded. */
  info: UploadedPhoto | null
}

/** What the API gives of an item's image (the fragment ContentImage). */
export interface SavedImage {
  kind: ImageKindValue
  showsPeople: boolean
  photo: UploadedPhoto
  consent?: { givenBy: string; givenAt: string; method: string } | null
}

export function emptyImage(): ImageForm {
  return { image: null, kind: 'POSTER', people: false, consentBy: '', consentMethod: '', consentAt: null, info: null }
}

export function imageFromSaved(saved: SavedImage | null | undefined): ImageForm {
  if (!saved) return emptyImage()
  return {
    image: saved.photo.sha256,
    kind: saved.kind,
    people: saved.showsPeople,
    consentBy: saved.consent?.givenBy ?? '',
    consentMethod: saved.consent?.method ?? '',
    consentAt: saved.consent ? isoToCityWall(saved.consent.givenAt) : null,
    info: saved.photo,
  }
}

/** Ticking "recognisable people": the consent's time starts at now, to be corrected if it was earlier. */
export function consentTimeDefault(form: ImageForm): void {
  if (form.people && !form.consentAt) form.consentAt = cityNowWall()
}

/** The image fields of a create or update input: null removes the image, and with it its consent. */
export function imageInput(form: ImageForm): Record<string, unknown> {
  if (!form.image) return { image: null }
  const people = form.people
  return {
    image: form.image,
    imageKind: form.kind,
    imagePeople: people,
    imageConsentBy: people ? form.consentBy.trim() || null : null,
    imageConsentMethod: people ? form.consentMethod.trim() || null : null,
    imageConsentAt: people && form.consentAt ? cityWallToIso(form.consentAt) : null,
  }
}

/** What the board preview draws of the form's image: the uploaded picture itself, as the kind chosen. */
export function previewImage(form: ImageForm): ImageFields | null {
  const info = form.info
  if (!form.image || !info || info.sha256 !== form.image) return null
  return { url: info.url, width: info.width, height: info.height, kind: form.kind }
}
