// The events calendar in Zibo's days and hours, whatever zone the browser is
// in: a 09:00 event sits at 09:00 of its Zibo day even on a laptop set to New
// York, where that instant is 21:00 the day before. Days are 'YYYY-MM-DD'
// keys of the city's calendar; arithmetic on them goes through UTC dates, so
// the browser's zone and its daylight saving never enter.
import { CITY_OFFSET, cityWallToIso, isoToCityWall } from './time'

/** A day of the city's calendar, 'YYYY-MM-DD'. */
export type DayKey = string

const MINUTES_PER_DAY = 24 * 60
const DAY_MS = 24 * 60 * 60 * 1000
const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function parts(day: DayKey): [number, number, number] {
  const m = DAY_KEY.exec(day)
  if (!m) throw new Error(`not a day: ${day}`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

function fromUtc(d: Date): DayKey {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

function utc(day: DayKey): Date {
  const [y, m, d] = parts(day)
  return new Date(Date.UTC(y, m - 1, d))
}

export function isDayKey(value: unknown): value is DayKey {
  if (typeof value !== 'string' || !DAY_KEY.test(value)) return false
  return fromUtc(utc(value)) === value
}

/** The Zibo day an instant falls on. */
export function cityDayOf(iso: string): DayKey {
  return isoToCityWall(iso).slice(0, 10)
}

/** Today in Zibo. */
export function cityToday(now: number = Date.now()): DayKey {
  return cityDayOf(new Date(now).toISOString())
}

export function addDays(day: DayKey, n: number): DayKey {
  return fromUtc(new Date(utc(day).getTime() + n * DAY_MS))
}

/** 0 for Monday … 6 for Sunday: weeks in China start on Monday. */
export function weekdayIndex(day: DayKey): number {
  return (utc(day).getUTCDay() + 6) % 7
}

export function weekdayLabel(day: DayKey): string {
  return WEEKDAYS[weekdayIndex(day)] ?? ''
}

/** The Monday of the day's week. */
export function weekStart(day: DayKey): DayKey {
  return addDays(day, -weekdayIndex(day))
}

/** Monday to Sunday of the day's week. */
export function weekOf(day: DayKey): DayKey[] {
  const monday = weekStart(day)
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
}

/** The first of the month `n` months from the day's. */
export function addMonths(day: DayKey, n: number): DayKey {
  const [y, m] = parts(day)
  return fromUtc(new Date(Date.UTC(y, m - 1 + n, 1)))
}

/**
 * The days a month's calendar shows (as el-calendar draws it with weeks from
 * Monday): from the Monday on or before the 1st to the Sunday on or after
 * the last day, whole weeks.
 */
export function monthGrid(day: DayKey): DayKey[] {
  const first = addMonths(day, 0)
  const last = addDays(addMonths(day, 1), -1)
  const start = weekStart(first)
  const end = addDays(weekStart(last), 6)
  const days: DayKey[] = []
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(d)
  return days
}

/** The instant a Zibo day begins, as the API takes it. */
export function dayStartIso(day: DayKey): string {
  return `${day}T00:00:00${CITY_OFFSET}`
}

/** [from, to) covering the days, for the API's `events(from, to)`. */
export function rangeOf(days: readonly DayKey[]): { from: string; to: string } {
  const [first, last] = [days[0], days[days.length - 1]]
  if (first === undefined || last === undefined) throw new Error('no days')
  return { from: dayStartIso(first), to: dayStartIso(addDays(last, 1)) }
}

/** "12月1日". */
export function dayLabel(day: DayKey): string {
  const [, m, d] = parts(day)
  return `${m}月${d}日`
}

/** "2026年12月". */
export function monthTitle(day: DayKey): string {
  const [y, m] = parts(day)
  return `${y}年${m}月`
}

/** "2026年11月30日 至 12月6日" (the year again when the week crosses into the next). */
export function weekTitle(day: DayKey): string {
  const monday = weekStart(day)
  const sunday = addDays(monday, 6)
  const [y1] = parts(monday)
  const [y2] = parts(sunday)
  return `${y1}年${dayLabel(monday)} 至 ${y2 !== y1 ? `${y2}年` : ''}${dayLabel(sunday)}`
}

/** Minutes since midnight as "HH:mm"; the end of a day reads "24:00". */
export function minuteLabel(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`
}

export interface Timed {
  startsAt: string
  endsAt: string
}

/** The part of an event that falls on one day of the calendar. */
export interface Segment<T> {
  item: T
  day: DayKey
  /** Minutes after the day's midnight, 0 … 1440. */
  startMinute: number
  endMinute: number
  /** It began on an earlier day / goes on into a later one. */
  fromBefore: boolean
  intoAfter: boolean
  /** Side by side with the events it overlaps: column `lane` of `lanes`. */
  lane: number
  lanes: number
}

/**
 * Each day's pieces of the events: one that runs past midnight shows on both
 * days (until 24:00, then from 00:00), each day's pieces in order of start,
 * overlapping ones side by side.
 */
export function segmentsByDay<T extends Timed>(items: readonly T[], days: readonly DayKey[]): Map<DayKey, Segment<T>[]> {
  const byDay = new Map<DayKey, Segment<T>[]>(days.map((d) => [d, []]))
  for (const item of items) {
    const start = Date.parse(item.startsAt)
    const end = Date.parse(item.endsAt)
    for (const day of days) {
      const dayStart = Date.parse(dayStartIso(day))
      const dayEnd = dayStart + DAY_MS
      if (end <= dayStart || start >= dayEnd) continue
      const from = Math.max(start, dayStart)
      const to = Math.min(end, dayEnd)
      byDay.get(day)!.push({
        item,
        day,
        startMinute: Math.round((from - dayStart) / 60_000),
        endMinute: Math.min(MINUTES_PER_DAY, Math.round((to - dayStart) / 60_000)),
        fromBefore: start < dayStart,
        intoAfter: end > dayEnd,
        lane: 0,
        lanes: 1,
      })
    }
  }
  for (const segments of byDay.values()) layOut(segments)
  return byDay
}

/**
 * Sort a day's pieces by start and give overlapping ones separate lanes: each
 * takes the first lane free at its start; a group of pieces that overlap one
 * another (directly or through others) shares the group's lane count.
 */
function layOut<T>(segments: Segment<T>[]): void {
  segments.sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute)
  let group: Segment<T>[] = []
  let laneEnds: number[] = []
  let groupEnd = -1
  const close = (): void => {
    for (const s of group) s.lanes = laneEnds.length
    group = []
    laneEnds = []
  }
  for (const s of segments) {
    if (s.startMinute >= groupEnd) close()
    let lane = laneEnds.findIndex((end) => end <= s.startMinute)
    if (lane === -1) {
      lane = laneEnds.length
      laneEnds.push(s.endMinute)
    } else {
      laneEnds[lane] = s.endMinute
    }
    s.lane = lane
    group.push(s)
    groupEnd = Math.max(groupEnd, s.endMinute)
  }
  close()
}

/** An event's time as a Zibo reader wants it: "12月1日 09:00–11:00", or both dates when it runs past a day. */
export function timeSpan(item: Timed): string {
  const start = isoToCityWall(item.startsAt)
  const end = isoToCityWall(item.endsAt)
  const startText = `${dayLabel(start.slice(0, 10))} ${start.slice(11, 16)}`
  if (start.slice(0, 10) === end.slice(0, 10)) return `${startText}–${end.slice(11, 16)}`
  return `${startText} 至 ${dayLabel(end.slice(0, 10))} ${end.slice(11, 16)}`
}

/** It has ended (participants may be recorded). */
export function hasEnded(item: Pick<Timed, 'endsAt'>, now: number = Date.now()): boolean {
  return Date.parse(item.endsAt) <= now
}

/** A picker's wall time `hours` later (an end time to suggest once a start is picked). */
export function wallPlusHours(wall: string, hours: number): string {
  return isoToCityWall(new Date(Date.parse(cityWallToIso(wall)) + hours * 3_600_000).toISOString())
}

/** An event's hours for a block on the calendar: "09:00–11:00", "22:00–次日01:30", or dates when longer. */
export function shortSpan(item: Timed): string {
  const start = isoToCityWall(item.startsAt)
  const end = isoToCityWall(item.endsAt)
  const [startDay, endDay] = [start.slice(0, 10), end.slice(0, 10)]
  if (startDay === endDay) return `${start.slice(11, 16)}–${end.slice(11, 16)}`
  if (addDays(startDay, 1) === endDay) return `${start.slice(11, 16)}–次日${end.slice(11, 16)}`
  return timeSpan(item)
}

/** el-calendar speaks the browser's local dates: the local midnight of a Zibo day shows as that day. */
export function toPickerDate(day: DayKey): Date {
  const [y, m, d] = parts(day)
  return new Date(y, m - 1, d)
}

/** The day el-calendar means by a date it emits (its local calendar day). */
export function fromPickerDate(date: Date): DayKey {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
