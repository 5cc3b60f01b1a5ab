// The reference standard's results as the offices read them: statuses in
// words and colours, measured values and thresholds with their units, and the
// years one may look at (the city's year, whatever the browser's zone).
import { cityNowWall } from './time'

export type AssessmentStatus = 'MET' | 'NOT_MET' | 'UNKNOWN'

/** As the API's `statusLabel` words them (assessment/vocabulary.py), for charts' legends. */
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  MET: '达标',
  NOT_MET: '未达标',
  UNKNOWN: '数据不足',
}

export const ASSESSMENT_STATUSES = Object.keys(ASSESSMENT_STATUS_LABELS) as AssessmentStatus[]

/** Element Plus tag types; UNKNOWN is grey, never green: missing data is not met. */
export const ASSESSMENT_STATUS_TAGS: Record<AssessmentStatus, 'success' | 'danger' | 'info'> = {
  MET: 'success',
  NOT_MET: 'danger',
  UNKNOWN: 'info',
}

/** The same three in the charts (Element Plus's success, danger and info colours). */
export const ASSESSMENT_STATUS_COLOURS: Record<AssessmentStatus, string> = {
  MET: '#67c23a',
  NOT_MET: '#f56c6c',
  UNKNOWN: '#b1b3b8',
}

/** The plan was issued in April 2024: no assessment before that year. */
export const FIRST_YEAR = 2024

/** A number as the API's CSV prints it (rules.shown): 300, 299.9, 91.7. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value)
  return String(Math.round(value * 10) / 10)
}

function withUnit(value: number, unit: string): string {
  const n = formatNumber(value)
  if (!unit) return n
  return unit === '%' ? `${n}%` : `${n} ${unit}`
}

interface Judged {
  measured: number | null
  threshold: number | null
  unit: string
}

/**
 * What was measured, with its unit; "—" when nothing could be measured, and
 * for criteria staff attest (no threshold: the 1 or 0 the API reports there is
 * the attestation itself, which the status and evidence already say).
 */
export function measuredText(c: Judged): string {
  if (c.measured === null || c.threshold === null) return '—'
  return withUnit(c.measured, c.unit)
}

/** What the standard asks: "≥ 300 平方米"; criteria without a number are judged by staff. */
export function thresholdText(c: Judged): string {
  if (c.threshold === null) return '人工核定'
  return `≥ ${withUnit(c.threshold, c.unit)}`
}

/** A share from 0 to 1 as a whole percentage, for progress bars. */
export function percent(progress: number): number {
  return Math.round(Math.min(Math.max(progress, 0), 1) * 100)
}

/** The year in Zibo now. */
export function cityYear(now: number = Date.now()): number {
  return Number(cityNowWall(now).slice(0, 4))
}

/** Years to choose from, the latest first: from the city's current year back to the plan's. */
export function yearChoices(now: number = Date.now()): number[] {
  const latest = Math.max(cityYear(now), FIRST_YEAR)
  return Array.from({ length: latest - FIRST_YEAR + 1 }, (_, i) => latest - i)
}

/** A year from the address bar (?year=2025), if it is one of the choices; else the current one. */
export function yearFromQuery(value: unknown, now: number = Date.now()): number {
  const choices = yearChoices(now)
  const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN
  return choices.includes(year) ? year : (choices[0] as number)
}

const PART_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** "一、功能设施", as the plan numbers the standard's parts. */
export function partTitle(number: number, name: string): string {
  const numeral = PART_NUMERALS[number - 1] ?? String(number)
  return `${numeral}、${name}`
}

/** A snapshot's month as the office says it: 2026-10-01 → 2026年10月. */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-')
  return `${year}年${Number(m)}月`
}
