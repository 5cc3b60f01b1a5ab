import { describe, expect, it } from 'vitest'
import { monthLabel } from '../../src/lib/assessment'
import { IMPORT_KINDS, importSummary, templateUrl, workbookFileProblem } from '../../src/lib/imports'

const RESULT = { rows: 3, created: 2, existing: 1, committed: true, problems: [], errors: [] }

describe('workbook imports', () => {
  it('offers each import to the roles the API lets do it, each with its template', () => {
    expect(IMPORT_KINDS.map((k) => [k.key, k.role])).toEqual([
      ['facilities', 'EDITOR'], ['teams', 'EDITOR'], ['selections', 'EDITOR'], ['attestations', 'REVIEWER'], ['communities', 'ADMIN'],
    ])
    expect(templateUrl(IMPORT_KINDS[0]!)).toBe('/reports/templates/facilities.xlsx')
  })

  it('says in one sentence what a trial run or an import did, and that nothing was saved when anything was wrong', () => {
    expect(importSummary(RESULT, false)).toBe('导入成功：共3行，新建2条，1行已有。')
    expect(importSummary({ ...RESULT, committed: false, existing: 0 }, true)).toBe('试运行通过：共3行，将新建2条。尚未保存，确认后请点“导入”。')
    const refused = { ...RESULT, committed: false, problems: [{ row: 3, column: '设施类型', message: '“游泳馆”不在可选项中' }] }
    expect(importSummary(refused, false)).toBe('共3行，发现1处问题，未导入任何数据。请改正后重新上传。')
  })

  it('refuses a file that is not an .xlsx, or too big, before sending it', () => {
    expect(workbookFileProblem({ name: '设施.xlsx', size: 10_000 })).toBeNull()
    expect(workbookFileProblem({ name: '设施.xls', size: 10_000 })).toContain('.xlsx')
    expect(workbookFileProblem({ name: '设施.XLSX', size: 6 * 1024 * 1024 })).toContain('5MB')
  })

  it('names a snapshot’s month as the office does', () => {
    expect(monthLabel('2026-03-01')).toBe('2026年3月')
  })
})
