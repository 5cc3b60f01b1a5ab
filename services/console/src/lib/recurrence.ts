// The event form's 重复 section: weekly on chosen weekdays, every N weeks,
// until a date or N times, with skipped dates. The console only writes the
// rule (RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SA,SU;COUNT=8); the API reads
// it, with its one parser, and says which dates it gives (the preview) or
// why it refuses it. Days are the city's 'YYYY-MM-DD' (lib/calendar.ts).
import { dayLabel, weekdayIndex, weekdayLabel, type DayKey } from './calendar'

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'

/** Monday first, as weeks in China start; with the labels the form shows. */
export const WEEKDAYS: readonly (readonly [Weekday, string])[] = [
  ['MO', '一'], ['TU', '二'], ['WE', '三'], ['TH', '四'], ['FR', '五'], ['SA', '六'], ['SU', '日'],
]

/** What the API takes (EVENT_SERIES_MAX and RECURRENCE_INTERVAL_MAX in qile_api/limits.py). */
export const SERIES_MAX = 100
export const INTERVAL_MAX = 52

export interface Repeat {
  on: boolean
  weekdays: Weekday[]
  /** Every this many weeks. */
  interval: number
  end: 'count' | 'until'
  count: number
  /** The last day (inclusive), a city day. */
  until: DayKey | null
  /** Days the rule gives that the series leaves out (EXDATE). */
  skipped: DayKey[]
}

export function newRepeat(): Repeat {
  return { on: false, weekdays: [], interval: 1, end: 'count', count: 8, until: null, skipped: [] }
}

export function weekdayOf(day: DayKey): Weekday {
  return (WEEKDAYS[weekdayIndex(day)] as readonly [Weekday, string])[0]
}

/** Why the choice cannot make a rule yet, in Chinese; null when it can. */
export function repeatProblem(r: Repeat): string | null {
  if (!r.weekdays.length) return '请选择每周哪几天举办'
  if (r.end === 'until' && !r.until) return '请选择截止日期'
  return null
}

/** The RRULE the choice writes; null while `repeatProblem` has something to say. */
export function ruleOf(r: Repeat): string | null {
  if (repeatProblem(r)) return null
  const days = WEEKDAYS.map(([d]) => d).filter((d) => r.weekdays.includes(d))
  const parts = ['FREQ=WEEKLY']
  if (r.interval !== 1) parts.push(`INTERVAL=${r.interval}`)
  parts.push(`BYDAY=${days.join(',')}`)
  // A date-only UNTIL: the API reads it as through that day, in the city.
  parts.push(r.end === 'count' ? `COUNT=${r.count}` : `UNTIL=${(r.until as string).replaceAll('-', '')}`)
  return parts.join(';')
}

/** Skip a day, or take it back. */
export function toggleSkipped(r: Repeat, day: DayKey): void {
  r.skipped = r.skipped.includes(day) ? r.skipped.filter((d) => d !== day) : [...r.skipped, day].sort()
}

/** The skipped days the rule still gives (a changed rule may no longer give some). */
export function skippedWithin(r: Repeat, dates: readonly DayKey[]): DayKey[] {
  return r.skipped.filter((d) => dates.includes(d))
}

/** '2026-12-05' → '12月5日 周六'. */
export function occurrenceLabel(day: DayKey): string {
  return `${dayLabel(day)} ${weekdayLabel(day)}`
}
