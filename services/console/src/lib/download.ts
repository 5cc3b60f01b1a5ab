// The office's spreadsheets: GET /reports/assessment.csv or .xlsx, and the
// import templates (/reports/templates/…), with the staff token. The token
// lives in memory and sessionStorage, never in a cookie, so a plain link
// cannot carry it: the console fetches the file with the Authorization header
// and hands the browser a Blob to save, under a Chinese name.
import { authHeaders } from './client'
import { MESSAGES } from './errors'
import type { RegionNode } from './regions'

/** The assessment as CSV (one row per criterion) or as a workbook (汇总 and 明细). */
export type ReportFormat = 'csv' | 'xlsx'
const FALLBACK_STEM = '城市文化社区评估'
const TIMEOUT_MS = 60_000

// MESSAGES.network and .outage promise that a form keeps what was typed: here there is no form.
const notReached = (what: string) => `无法连接服务器，${what}未能下载，请稍后重试`
const outage = (what: string) => `服务暂时不可用，${what}未能下载，请稍后重试`

/** The export's address: a year, and a district (its global ID) or the caller's whole scope. */
export function reportUrl(year: number, district: string | null = null, format: ReportFormat = 'csv'): string {
  const query = new URLSearchParams({ year: String(year) })
  if (district) query.set('district', district)
  return `/reports/assessment.${format}?${query.toString()}`
}

/** The file name the API proposes (RFC 6266 `filename*=UTF-8''…`, else `filename="…"`), or null. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header)
  return plain?.[1] || null
}

/**
 * The saved file's name: the API's (城市文化社区评估-2026.csv) with the region
 * it covers, so that a district's file and the city's do not overwrite each
 * other in the Downloads folder. Path separators never reach the name.
 */
export function reportFileName(proposed: string | null, year: number, regionName: string, format: ReportFormat = 'csv'): string {
  const ext = `.${format}`
  const base = proposed && proposed.toLowerCase().endsWith(ext) ? proposed.slice(0, -ext.length) : `${FALLBACK_STEM}-${year}`
  const region = regionName.replace(/[\\/:*?"<>|]/g, '')
  return `${region ? `${base}-${region}` : base}${ext}`.replace(/[\\/]/g, '')
}

export type DownloadOutcome =
  | { ok: true; blob: Blob; fileName: string }
  | { ok: false; expired: boolean; message: string }

/**
 * Fetch a file the API offers staff; never throws: a failure comes back as one
 * Chinese sentence naming `what` was not downloaded (评估表, 模板). The name is
 * the one the API proposes.
 */
export async function fetchFile(
  url: string,
  token: string | null,
  what: string,
  fetcher: typeof fetch = fetch,
): Promise<DownloadOutcome> {
  let response: Response
  try {
    response = await fetcher(url, {
      method: 'GET',
      headers: authHeaders(token),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch {
    return { ok: false, expired: false, message: notReached(what) }
  }
  if (response.status === 401) return { ok: false, expired: true, message: MESSAGES.expired }
  if (response.status === 403) return { ok: false, expired: false, message: MESSAGES.forbidden }
  if (response.status >= 500) return { ok: false, expired: false, message: outage(what) }
  if (!response.ok) return { ok: false, expired: false, message: MESSAGES.unexpected }
  let blob: Blob
  try {
    blob = await response.blob()
  } catch {
    return { ok: false, expired: false, message: notReached(what) }
  }
  return { ok: true, blob, fileName: filenameFromDisposition(response.headers.get('Content-Disposition')) ?? '' }
}

/** Fetch the assessment (CSV or workbook), named after the region it covers. */
export async function fetchAssessmentReport(
  options: { year: number; district: string | null; regionName: string; token: string | null; format?: ReportFormat },
  fetcher: typeof fetch = fetch,
): Promise<DownloadOutcome> {
  const format = options.format ?? 'csv'
  const outcome = await fetchFile(reportUrl(options.year, options.district, format), options.token, '评估表', fetcher)
  if (!outcome.ok) return outcome
  return { ...outcome, fileName: reportFileName(outcome.fileName || null, options.year, options.regionName, format) }
}

/** Hand a Blob to the browser's download, under `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The download has its own copy once it started; keep the URL a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

export interface ExportChoice {
  /** A district's global ID; null for the whole scope. */
  value: string | null
  label: string
  /** The region the file covers, for its name. */
  regionName: string
}

/**
 * What the export may cover for an account whose scope is `tree`: the whole
 * scope, and each district in it when the scope is the city (the API takes a
 * district, or nothing for the caller's whole scope).
 */
export function exportChoices(tree: RegionNode | null): ExportChoice[] {
  if (!tree) return []
  const whole = { value: null, label: `全部（${tree.name}）`, regionName: tree.name }
  const districts = tree.level === 'CITY' ? tree.children.filter((d) => d.level === 'DISTRICT') : []
  return [whole, ...districts.map((d) => ({ value: d.id, label: d.name, regionName: d.name }))]
}

export const SIGN_UPS_PATH = '/reports/event-signups.csv'

/** An event's sign-up list (its global ID), for its organiser. */
export function signUpsUrl(event: string): string {
  return `${SIGN_UPS_PATH}?${new URLSearchParams({ event }).toString()}`
}

/** A CSV the API offers staff, saved under `name(the API's proposed name)`. */
export async function fetchCsv(
  options: { url: string; what: string; token: string | null; name: (proposed: string | null) => string },
  fetcher: typeof fetch = fetch,
): Promise<DownloadOutcome> {
  const outcome = await fetchFile(options.url, options.token, options.what, fetcher)
  if (!outcome.ok) return outcome
  // The bytes as they came, BOM included (Excel needs it to read UTF-8).
  return { ...outcome, fileName: options.name(outcome.fileName || null) }
}
