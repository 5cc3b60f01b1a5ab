import { describe, expect, it } from 'vitest'
import { cityYear, formatNumber, measuredText, partTitle, percent, thresholdText, yearChoices, yearFromQuery } from '../../src/lib/assessment'

describe('a criterion as the office reads it', () => {
  it('shows numbers as the CSV prints them: whole numbers plain, others to one decimal', () => {
    expect(formatNumber(300)).toBe('300')
    expect(formatNumber(91.66666)).toBe('91.7')
    expect(formatNumber(299.94)).toBe('299.9')
  })

  it('puts the unit after the measured value and the threshold', () => {
    const area = { measured: 320, threshold: 300, unit: '平方米' }
    expect(measuredText(area)).toBe('320 平方米')
    expect(thresholdText(area)).toBe('≥ 300 平方米')
    const rate = { measured: 91.66666, threshold: 90, unit: '%' }
    expect(measuredText(rate)).toBe('91.7%')
    expect(thresholdText(rate)).toBe('≥ 90%')
  })

  it('shows a dash when nothing could be measured, not a zero', () => {
    expect(measuredText({ measured: null, threshold: 1000, unit: '平方米' })).toBe('—')
  })

  it('does not show the 1 or 0 of an attested criterion as a measurement', () => {
    const attested = { measured: 1, threshold: null, unit: '' }
    expect(measuredText(attested)).toBe('—')
    expect(thresholdText(attested)).toBe('人工核定')
  })

  it('numbers the parts as the plan does', () => {
    expect(partTitle(1, '功能设施')).toBe('一、功能设施')
    expect(partTitle(8, '特色亮点')).toBe('八、特色亮点')
  })

  it('turns a share into a whole percentage within 0 to 100', () => {
    expect(percent(0.4166)).toBe(42)
    expect(percent(1)).toBe(100)
    expect(percent(-0.1)).toBe(0)
  })
})

describe('the assessment year is Zibo’s', () => {
  // 16:30 UTC on 31 December is already New Year’s Day in Zibo (and still the old year in New York).
  const newYearInZibo = Date.parse('2026-12-31T16:30:00Z')

  it('takes the year from the city’s clock, not the browser’s', () => {
    expect(cityYear(newYearInZibo)).toBe(2027)
    expect(cityYear(Date.parse('2026-12-31T15:30:00Z'))).toBe(2026)
  })

  it('offers the current year first, back to the plan’s first year', () => {
    expect(yearChoices(newYearInZibo)).toEqual([2027, 2026, 2025, 2024])
    expect(yearChoices(Date.parse('2024-06-01T00:00:00Z'))).toEqual([2024])
  })

  it('reads a year from the address only when it is one of the choices', () => {
    const now = Date.parse('2026-06-01T00:00:00Z')
    expect(yearFromQuery('2025', now)).toBe(2025)
    expect(yearFromQuery('1999', now)).toBe(2026)
    expect(yearFromQuery('2025abc', now)).toBe(2026)
    expect(yearFromQuery(undefined, now)).toBe(2026)
  })
})
