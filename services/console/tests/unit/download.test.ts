import { describe, expect, it } from 'vitest'
import { exportChoices, fetchAssessmentReport, filenameFromDisposition, reportFileName, reportUrl } from '../../src/lib/download'
import type { RegionNode } from '../../src/lib/regions'

const API_DISPOSITION =
  'attachment; filename="assessment-2026.csv"; filename*=UTF-8\'\'%E5%9F%8E%E5%B8%82%E6%96%87%E5%8C%96%E7%A4%BE%E5%8C%BA%E8%AF%84%E4%BC%B0-2026.csv'

function community(id: string, name: string): RegionNode {
  return { id, name, level: 'COMMUNITY', children: [] }
}
const CITY: RegionNode = {
  id: 'C1',
  name: '淄博市',
  level: 'CITY',
  children: [
    { id: 'D1', name: '张店区', level: 'DISTRICT', children: [{ id: 'S1', name: '车站街道', level: 'SUBDISTRICT', children: [community('G1', '工盛社区')] }] },
    { id: 'D2', name: '临淄区', level: 'DISTRICT', children: [] },
  ],
}

describe('the CSV download', () => {
  it('asks for a year, and a district only when one is chosen', () => {
    expect(reportUrl(2026)).toBe('/reports/assessment.csv?year=2026')
    expect(reportUrl(2026, 'RGlzdHJpY3Q6Mg==')).toBe('/reports/assessment.csv?year=2026&district=RGlzdHJpY3Q6Mg%3D%3D')
    expect(reportUrl(2026, 'D1', 'xlsx')).toBe('/reports/assessment.xlsx?year=2026&district=D1')
  })

  it('reads the Chinese name the API proposes, else its plain one', () => {
    expect(filenameFromDisposition(API_DISPOSITION)).toBe('城市文化社区评估-2026.csv')
    expect(filenameFromDisposition('attachment; filename="assessment-2026.csv"')).toBe('assessment-2026.csv')
    expect(filenameFromDisposition(null)).toBeNull()
  })

  it('names the file after the region it covers, so two downloads do not overwrite each other', () => {
    expect(reportFileName('城市文化社区评估-2026.csv', 2026, '张店区')).toBe('城市文化社区评估-2026-张店区.csv')
    expect(reportFileName(null, 2025, '淄博市')).toBe('城市文化社区评估-2025-淄博市.csv')
    expect(reportFileName('../x.csv', 2026, 'a/b')).toBe('..x-ab.csv')
    expect(reportFileName('城市文化社区评估-2026.xlsx', 2026, '张店区', 'xlsx')).toBe('城市文化社区评估-2026-张店区.xlsx')
  })

  it('offers the whole city and each district to a city account, only its scope to others', () => {
    expect(exportChoices(CITY).map((c) => [c.value, c.label])).toEqual([
      [null, '全部（淄博市）'],
      ['D1', '张店区'],
      ['D2', '临淄区'],
    ])
    const district = CITY.children[0]!
    expect(exportChoices(district)).toEqual([{ value: null, label: '全部（张店区）', regionName: '张店区' }])
    expect(exportChoices(null)).toEqual([])
  })

  it('sends the staff token and the console’s header, and names the file in Chinese', async () => {
    let seen: { url: string; headers: Record<string, string> } | null = null
    const fetcher = (async (url: string, init: RequestInit) => {
      seen = { url, headers: init.headers as Record<string, string> }
      return new Response('\ufeff区县,街道/镇\r\n', { headers: { 'Content-Disposition': API_DISPOSITION } })
    }) as unknown as typeof fetch
    const outcome = await fetchAssessmentReport({ year: 2026, district: 'D1', regionName: '张店区', token: 'qu_token' }, fetcher)
    expect(seen).toEqual({
      url: '/reports/assessment.csv?year=2026&district=D1',
      headers: { 'X-Qile-Client': 'console', Authorization: 'Bearer qu_token' },
    })
    expect(outcome.ok && outcome.fileName).toBe('城市文化社区评估-2026-张店区.csv')
    // The bytes as they came, BOM included (Excel needs it to read UTF-8).
    const bytes = outcome.ok ? new Uint8Array(await outcome.blob.arrayBuffer()) : null
    expect(Array.from(bytes?.slice(0, 3) ?? [])).toEqual([0xef, 0xbb, 0xbf])
  })

  it('says in Chinese why nothing was downloaded, and tells an expired session apart', async () => {
    const answering = (status: number) => (async () => new Response('x', { status })) as unknown as typeof fetch
    const options = { year: 2026, district: null, regionName: '淄博市', token: 'qu_old' }
    expect(await fetchAssessmentReport(options, answering(401))).toEqual({ ok: false, expired: true, message: '登录已过期，请重新登录' })
    expect(await fetchAssessmentReport(options, answering(403))).toMatchObject({ ok: false, expired: false, message: expect.stringContaining('无权') })
    expect(await fetchAssessmentReport(options, answering(503))).toMatchObject({ ok: false, message: expect.stringContaining('服务暂时不可用') })
    const unreachable = (async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    expect(await fetchAssessmentReport(options, unreachable)).toMatchObject({ ok: false, expired: false, message: expect.stringContaining('无法连接服务器') })
  })
})
