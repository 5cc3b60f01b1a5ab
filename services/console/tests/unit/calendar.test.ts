import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addMonths,
  cityDayOf,
  cityToday,
  hasEnded,
  isDayKey,
  minuteLabel,
  monthGrid,
  monthTitle,
  fromPickerDate,
  toPickerDate,
  rangeOf,
  segmentsByDay,
  shortSpan,
  timeSpan,
  wallPlusHours,
  weekOf,
  weekTitle,
  weekdayLabel,
} from '../../src/lib/calendar'

// The browser of these tests is in New York, as the e2e's is: nothing here may
// depend on it (a zone mistaken for the city's moves events by 12 or 13 hours).
const zone = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'America/New_York'
})
afterAll(() => {
  process.env.TZ = zone
})

const event = (title: string, startsAt: string, endsAt: string) => ({ title, startsAt, endsAt })

describe('weeks and months of the calendar in Zibo time', () => {
  it('a week runs Monday to Sunday, and its range is Zibo midnight to Zibo midnight', () => {
    // Thursday 3 December 2026
    const week = weekOf('2026-12-03')
    expect(week).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'])
    expect(weekdayLabel('2026-11-30')).toBe('周一')
    expect(weekdayLabel('2026-12-06')).toBe('周日')
    expect(rangeOf(week)).toEqual({ from: '2026-11-30T00:00:00+08:00', to: '2026-12-07T00:00:00+08:00' })
    // A Sunday belongs to the week that began six days before, not to the next.
    expect(weekOf('2026-12-06')[0]).toBe('2026-11-30')
  })

  it('a week across the new year and across New York’s daylight-saving change keeps seven days', () => {
    expect(weekOf('2026-12-31')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'])
    expect(weekTitle('2026-12-31')).toBe('2026年12月28日 至 2027年1月3日')
    // New York moves its clocks on Sunday 8 March 2026; Zibo does not.
    expect(weekOf('2026-03-08')).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'])
    expect(weekTitle('2026-12-03')).toBe('2026年11月30日 至 12月6日')
  })

  it('a month shows whole weeks from the Monday before the 1st to the Sunday after the last day', () => {
    // December 2026 begins on a Tuesday and ends on a Thursday.
    const grid = monthGrid('2026-12-15')
    expect(grid[0]).toBe('2026-11-30')
    expect(grid[grid.length - 1]).toBe('2027-01-03')
    expect(grid.length).toBe(35)
    // February 2027 begins on a Monday and ends on a Sunday: exactly four weeks.
    expect(monthGrid('2027-02-10')).toHaveLength(28)
    expect(monthTitle('2026-12-15')).toBe('2026年12月')
    expect(addMonths('2026-12-31', 1)).toBe('2027-01-01')
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-01')
  })

  it('today and an instant’s day are Zibo’s, not the browser’s', () => {
    // 20:30 on 2 December in New York is 09:30 on 3 December in Zibo.
    expect(cityToday(Date.parse('2026-12-03T01:30:00Z'))).toBe('2026-12-03')
    expect(cityDayOf('2026-12-02T20:30:00-05:00')).toBe('2026-12-03')
    expect(cityDayOf('2026-12-02T15:59:59Z')).toBe('2026-12-02')
    expect(cityDayOf('2026-12-02T16:00:00Z')).toBe('2026-12-03')
  })

  it('el-calendar, which counts in the browser’s local days, is handed the Zibo day and gives it back', () => {
    const date = toPickerDate('2026-12-03')
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2026, 11, 3])
    expect(fromPickerDate(date)).toBe('2026-12-03')
  })

  it('takes only real days from a link', () => {
    expect(isDayKey('2026-12-03')).toBe(true)
    expect(isDayKey('2026-02-30')).toBe(false)
    expect(isDayKey('next week')).toBe(false)
    expect(isDayKey(undefined)).toBe(false)
  })
})

describe('placing events on the days and hours of the calendar', () => {
  const week = weekOf('2026-12-03')

  it('a 09:00 Beijing event sits at 09:00 of its Zibo day, whatever offset the API wrote it with', () => {
    const placed = segmentsByDay([event('读书会', '2026-12-01T01:00:00+00:00', '2026-12-01T03:00:00Z')], week)
    const segment = placed.get('2026-12-01')![0]!
    expect(segment.startMinute).toBe(9 * 60)
    expect(segment.endMinute).toBe(11 * 60)
    expect(minuteLabel(segment.startMinute)).toBe('09:00')
    // and not on the evening before, where a New York clock would put it
    expect(placed.get('2026-11-30')).toEqual([])
  })

  it('an event across midnight shows on both days: until 24:00, then from 00:00', () => {
    const placed = segmentsByDay([event('跨年守岁', '2026-12-05T22:00:00+08:00', '2026-12-06T01:30:00+08:00')], week)
    const saturday = placed.get('2026-12-05')![0]!
    const sunday = placed.get('2026-12-06')![0]!
    expect([saturday.startMinute, saturday.endMinute, saturday.fromBefore, saturday.intoAfter]).toEqual([22 * 60, 24 * 60, false, true])
    expect([sunday.startMinute, sunday.endMinute, sunday.fromBefore, sunday.intoAfter]).toEqual([0, 90, true, false])
    expect(minuteLabel(saturday.endMinute)).toBe('24:00')
  })

  it('an event running from the week before shows from Monday 00:00; one ending at midnight does not spill over', () => {
    const placed = segmentsByDay(
      [
        event('周末营', '2026-11-29T20:00:00+08:00', '2026-11-30T10:00:00+08:00'),
        event('周日晚会', '2026-12-06T20:00:00+08:00', '2026-12-07T00:00:00+08:00'),
        event('上周的', '2026-11-29T20:00:00+08:00', '2026-11-30T00:00:00+08:00'),
      ],
      week,
    )
    expect(placed.get('2026-11-30')!.map((s) => [s.item.title, s.startMinute, s.endMinute, s.fromBefore])).toEqual([['周末营', 0, 600, true]])
    expect(placed.get('2026-12-06')!.map((s) => [s.item.title, s.endMinute, s.intoAfter])).toEqual([['周日晚会', 24 * 60, false]])
  })

  it('overlapping events stand side by side; the next one after them has the day to itself', () => {
    const placed = segmentsByDay(
      [
        event('午后茶', '2026-12-02T14:00:00+08:00', '2026-12-02T16:00:00+08:00'),
        event('上午讲座', '2026-12-02T09:00:00+08:00', '2026-12-02T11:00:00+08:00'),
        event('上午义诊', '2026-12-02T10:00:00+08:00', '2026-12-02T12:00:00+08:00'),
        event('上午读书', '2026-12-02T11:00:00+08:00', '2026-12-02T11:30:00+08:00'),
      ],
      week,
    )
    const lanes = placed.get('2026-12-02')!.map((s) => [s.item.title, s.lane, s.lanes])
    expect(lanes).toEqual([
      ['上午讲座', 0, 2],
      ['上午义诊', 1, 2],
      // 讲座 ends at 11:00 as 读书 starts: its lane is free again
      ['上午读书', 0, 2],
      ['午后茶', 0, 1],
    ])
  })

  it('reads an event’s time in Zibo, with both dates when it runs past a day', () => {
    expect(timeSpan(event('读书会', '2026-12-01T01:00:00Z', '2026-12-01T03:00:00Z'))).toBe('12月1日 09:00–11:00')
    expect(timeSpan(event('守岁', '2026-12-05T22:00:00+08:00', '2026-12-06T01:30:00+08:00'))).toBe('12月5日 22:00 至 12月6日 01:30')
    expect(shortSpan(event('读书会', '2026-12-01T01:00:00Z', '2026-12-01T03:00:00Z'))).toBe('09:00–11:00')
    expect(shortSpan(event('守岁', '2026-12-05T22:00:00+08:00', '2026-12-06T01:30:00+08:00'))).toBe('22:00–次日01:30')
    expect(shortSpan(event('集市', '2026-12-05T09:00:00+08:00', '2026-12-07T17:00:00+08:00'))).toBe('12月5日 09:00 至 12月7日 17:00')
  })

  it('offers the head count only once the event is over, and suggests an end two hours after a start', () => {
    const now = Date.parse('2026-12-01T12:00:00+08:00')
    expect(hasEnded({ endsAt: '2026-12-01T11:00:00+08:00' }, now)).toBe(true)
    expect(hasEnded({ endsAt: '2026-12-01T13:00:00+08:00' }, now)).toBe(false)
    expect(wallPlusHours('2026-12-01 23:00:00', 2)).toBe('2026-12-02 01:00:00')
  })
})
