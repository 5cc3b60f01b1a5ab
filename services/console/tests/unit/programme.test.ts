import { describe, expect, it } from 'vitest'
import { barChartOption, chartHeight, districtGroups, statusBars, themeGroups } from '../../src/lib/programme'

// Shaped like the API's pilotProgramme answer (two themes, two districts).
const THEMES = [
  { theme: { name: '齐有爱' }, counts: { met: 30, notMet: 8, unknown: 42 }, pilots: [{}, {}, {}, {}] },
  { theme: { name: '齐养德' }, counts: { met: 12, notMet: 3, unknown: 45 }, pilots: [{}, {}, {}] },
]
const DISTRICTS = [
  { district: { name: '张店区' }, counts: { met: 25, notMet: 6, unknown: 49 } },
  { district: { name: '淄川区' }, counts: { met: 0, notMet: 0, unknown: 60 } },
]

describe('the pilot programme as chart series', () => {
  it('gives one series per status, one value per theme, in the plan’s order', () => {
    const bars = statusBars(themeGroups(THEMES, true))
    expect(bars.categories).toEqual(['齐有爱（4/4个）', '齐养德（3/4个）'])
    expect(bars.series.map((s) => [s.name, s.data])).toEqual([
      ['达标', [30, 12]],
      ['未达标', [8, 3]],
      ['数据不足', [42, 45]],
    ])
  })

  it('counts a district’s pilots per theme without the city’s four', () => {
    expect(themeGroups(THEMES, false).map((g) => g.label)).toEqual(['齐有爱（4个）', '齐养德（3个）'])
  })

  it('names districts by their names and keeps their counts', () => {
    const bars = statusBars(districtGroups(DISTRICTS))
    expect(bars.categories).toEqual(['张店区', '淄川区'])
    expect(bars.series.find((s) => s.status === 'UNKNOWN')?.data).toEqual([49, 60])
  })

  it('stacks the three statuses on one horizontal bar per group, the first group on top', () => {
    const option = barChartOption(statusBars(districtGroups(DISTRICTS)), 'Noto Sans CJK SC')
    const series = option.series as { stack: string; type: string; itemStyle: { color: string } }[]
    expect(series.map((s) => [s.type, s.stack])).toEqual([
      ['bar', 'criteria'],
      ['bar', 'criteria'],
      ['bar', 'criteria'],
    ])
    // Met is green, not met red, unknown grey: missing data never looks like success.
    expect(series.map((s) => s.itemStyle.color)).toEqual(['#67c23a', '#f56c6c', '#b1b3b8'])
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['张店区', '淄川区'], inverse: true })
  })

  it('draws every text in the given CJK font and keeps the tooltip out of HTML (no style= under the CSP)', () => {
    const option = barChartOption(statusBars([]), '"Noto Sans CJK SC", sans-serif')
    expect(option.textStyle).toEqual({ fontFamily: '"Noto Sans CJK SC", sans-serif' })
    expect(option.legend).toMatchObject({ textStyle: { fontFamily: '"Noto Sans CJK SC", sans-serif' } })
    expect(option.yAxis).toMatchObject({ axisLabel: { fontFamily: '"Noto Sans CJK SC", sans-serif' } })
    expect(option.tooltip).toMatchObject({ renderMode: 'richText' })
  })

  it('hides a zero inside a bar and shows other counts', () => {
    const option = barChartOption(statusBars(districtGroups(DISTRICTS)), 'serif')
    const label = (option.series as { label: { formatter: (p: { value: number }) => string } }[])[0]!.label
    expect(label.formatter({ value: 0 })).toBe('')
    expect(label.formatter({ value: 25 })).toBe('25')
  })

  it('grows taller with more bars', () => {
    expect(chartHeight(10)).toBeGreaterThan(chartHeight(5))
    expect(chartHeight(0)).toBe(chartHeight(1))
  })
})
