import { describe, expect, it } from 'vitest'
import { newRepeat, occurrenceLabel, repeatProblem, ruleOf, skippedWithin, toggleSkipped, weekdayOf } from '../../src/lib/recurrence'

describe('the event form’s 重复 section writes an RRULE for the API to read', () => {
  it('weekly on the chosen weekdays, Monday first, for a number of times', () => {
    const r = { ...newRepeat(), on: true, weekdays: ['SU' as const, 'SA' as const], count: 8 }
    expect(ruleOf(r)).toBe('FREQ=WEEKLY;BYDAY=SA,SU;COUNT=8')
  })

  it('every other week until a day of the city, written as a date', () => {
    const r = { ...newRepeat(), on: true, weekdays: ['TU' as const, 'TH' as const], interval: 2, end: 'until' as const, until: '2027-01-03' }
    expect(ruleOf(r)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270103')
  })

  it('no rule while a weekday or the last day is missing, and why', () => {
    expect(ruleOf(newRepeat())).toBeNull()
    expect(repeatProblem(newRepeat())).toBe('请选择每周哪几天举办')
    expect(repeatProblem({ ...newRepeat(), weekdays: ['MO'], end: 'until' })).toBe('请选择截止日期')
  })

  it('a skipped day is toggled, and dropped once the rule no longer gives it', () => {
    const r = newRepeat()
    toggleSkipped(r, '2026-12-13')
    toggleSkipped(r, '2026-12-06')
    expect(r.skipped).toEqual(['2026-12-06', '2026-12-13'])
    toggleSkipped(r, '2026-12-06')
    expect(r.skipped).toEqual(['2026-12-13'])
    expect(skippedWithin(r, ['2026-12-12', '2026-12-19'])).toEqual([])
  })

  it('days read as the city’s calendar days', () => {
    expect(weekdayOf('2026-12-05')).toBe('SA')
    expect(weekdayOf('2027-01-03')).toBe('SU')
    expect(occurrenceLabel('2026-12-05')).toBe('12月5日 周六')
  })
})
