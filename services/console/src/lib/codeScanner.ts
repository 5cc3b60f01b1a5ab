// Residents' sign-up QR codes (the resident page's confirmation, events/signups/
// page_html.py) read by the phone's camera at the door. The browser's own
// BarcodeDetector where it has one (Android's Chrome, Safari); elsewhere jsQR
// (pinned), loaded only when a camera is opened so the console's first load
// does not pay for it. The decoded text goes to the same eventCheckIn as a
// typed code: the API alone decides whether it is a sign-up.

/** What checking a scanned code in did, as the door should see it. */
export interface ScanOutcome {
  type: 'success' | 'warning' | 'error'
  title: string
  detail?: string
}

/** Reads one frame of the video: the QR code's text, or null when there is none. */
export type ReadFrame = (video: HTMLVideoElement) => Promise<string | null>

// Not in TypeScript's DOM library yet: the part of the Shape Detection API used here.
interface DetectedBarcode { rawValue: string }
interface BarcodeDetectorLike { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> }
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike
  getSupportedFormats(): Promise<string[]>
}

/** The phone's camera, the rear one where there is a choice (it faces the resident's phone). */
export async function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraProblem('此浏览器无法使用摄像头（须以加密连接打开工作台），请输入报名码签到')
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: { ideal: 'environment' } } })
  } catch (error) {
    throw new CameraProblem(cameraMessage(error))
  }
}

/** A camera that could not be used, said in Chinese for the person at the door. */
export class CameraProblem extends Error {}

function cameraMessage(error: unknown): string {
  const name = error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return '未获准使用摄像头：请在浏览器设置中允许本网站使用摄像头，或输入报名码签到'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return '未找到摄像头，请输入报名码签到'
  if (name === 'NotReadableError') return '摄像头正被其他应用占用，请关闭后重试，或输入报名码签到'
  return '无法打开摄像头，请输入报名码签到'
}

/** The best reader this browser has: its BarcodeDetector when it knows QR codes, else jsQR. */
export async function frameReader(): Promise<ReadFrame> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector
  if (Detector && (await Detector.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) {
    const detector = new Detector({ formats: ['qr_code'] })
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null
  }
  const { default: jsQR } = await import('jsqr')
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) throw new CameraProblem('此浏览器无法识别二维码，请输入报名码签到')
  return async (video) => {
    const { videoWidth: width, videoHeight: height } = video
    if (!width || !height) return null
    // A phone's 1080p frame scaled to at most 640 wide: a held-up code still spans
    // many pixels a module, and jsQR keeps up several times a second.
    const scale = Math.min(1, 640 / width)
    canvas.width = Math.round(width * scale)
    canvas.height = Math.round(height * scale)
    context.drawImage(video, 0, 0, canvas.width, canvas.height)
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height)
    return jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' })?.data ?? null
  }
}
