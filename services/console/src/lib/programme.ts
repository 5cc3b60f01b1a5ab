// The pilot programme (试点) as charts: per theme and per district, how many of
// their pilots' criteria are met, not met, or cannot be judged yet. Pure data
// shaping, so that what a chart draws can be checked without a browser.
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import {
  ASSESSMENT_STATUS_COLOURS,
  ASSESSMENT_STATUS_LABELS,
  ASSESSMENT_STATUSES,
  type AssessmentStatus,
} from './assessment'

export type BarChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

export interface Counts {
  met: number
  notMet: number
  unknown: number
}

/** One bar: a theme or a district, and its pilots' criteria summed. */
export interface StatusGroup {
  label: string
  counts: Counts
}

export interface StatusSeries {
  status: AssessmentStatus
  name: string
  data: number[]
}

export interface StatusBars {
  categories: string[]
  series: StatusSeries[]
}

/** The plan's number of pilots per theme (每个主题确定4个试点社区). */
export const PILOTS_PER_THEME = 4

const COUNT_OF: Record<AssessmentStatus, (c: Counts) => number> = {
  MET: (c) => c.met,
  NOT_MET: (c) => c.notMet,
  UNKNOWN: (c) => c.unknown,
}

/** One series per status (达标, 未达标, 数据不足), one value per group, in the groups' order. */
export function statusBars(groups: readonly StatusGroup[]): StatusBars {
  return {
    categories: groups.map((g) => g.label),
    series: ASSESSMENT_STATUSES.map((status) => ({
      status,
      name: ASSESSMENT_STATUS_LABELS[status],
      data: groups.map((g) => COUNT_OF[status](g.counts)),
    })),
  }
}

interface ThemeProgressLike {
  theme: { name: string }
  counts: Counts
  pilots: readonly unknown[]
}

/**
 * The five themes in the plan's order, named with their number of pilots; for
 * the whole city, out of the four the plan asks per theme (a district is not
 * expected to have four of each).
 */
export function themeGroups(themes: readonly ThemeProgressLike[], cityWide: boolean): StatusGroup[] {
  return themes.map((t) => {
    const count = cityWide ? `${t.pilots.length}/${PILOTS_PER_THEME}` : String(t.pilots.length)
    return { label: `${t.theme.name}（${count}个）`, counts: t.counts }
  })
}

interface DistrictProgressLike {
  district: { name: string }
  counts: Counts
}

export function districtGroups(districts: readonly DistrictProgressLike[]): StatusGroup[] {
  return districts.map((d) => ({ label: d.district.name, counts: d.counts }))
}

/** Room for each bar and for the legend and axis: a chart of 10 districts is taller than one of 5 themes. */
export function chartHeight(bars: number): number {
  return 90 + Math.max(bars, 1) * 34
}

/**
 * A horizontal stacked bar chart: one row per group (the first on top), its
 * criteria split by status. Text is drawn in `fontFamily` (the console's CJK
 * stack): the SVG renderer writes it on every label, so Chinese never falls
 * back to a font without the glyphs. The tooltip is drawn by the chart itself
 * (`richText`): ECharts' HTML tooltip colours its markers with `style=`
 * attributes, which the console's Content-Security-Policy refuses.
 */
export function barChartOption(bars: StatusBars, fontFamily: string): BarChartOption {
  const series: BarSeriesOption[] = bars.series.map((s) => ({
    type: 'bar',
    name: s.name,
    stack: 'criteria',
    data: s.data,
    itemStyle: { color: ASSESSMENT_STATUS_COLOURS[s.status] },
    barMaxWidth: 22,
    // A count inside its segment, unless there is none.
    label: { show: true, formatter: (p) => (Number(p.value) > 0 ? String(p.value) : ''), fontFamily },
  }))
  return {
    textStyle: { fontFamily },
    animation: false,
    legend: { top: 0, textStyle: { fontFamily } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText', textStyle: { fontFamily } },
    grid: { left: 8, right: 24, top: 34, bottom: 28, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily } },
    yAxis: { type: 'category', data: bars.categories, inverse: true, axisLabel: { fontFamily } },
    series,
  }
}
