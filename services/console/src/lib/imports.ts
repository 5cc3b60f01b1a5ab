// The workbook imports as the console offers them: what each imports, who may, its template.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import {
  AttestationsImport,
  CommunitiesImport,
  FacilitiesImport,
  SelectionsImport,
  TeamsImport,
} from '../api/imports'
import type { ImportFieldsFragment } from '../gql/graphql'
import type { Role } from './session'

export type ImportResult = ImportFieldsFragment

export interface ImportKind {
  /** The template's name: /reports/templates/<key>.xlsx. */
  key: string
  label: string
  /** The least role the API lets import it (imports/mutations.py). */
  role: Role
  hint: string
  document: TypedDocumentNode<Record<string, ImportResult>, { file: File; dryRun: boolean }>
  /** The mutation's field in the answer. */
  field: string
}

export const IMPORT_KINDS: readonly ImportKind[] = [
  { key: 'facilities', label: '设施', role: 'EDITOR', hint: '社区的设施及其面积、开放时长', document: FacilitiesImport, field: 'facilitiesImport' },
  { key: 'teams', label: '队伍', role: 'EDITOR', hint: '文艺、体育团队和志愿服务队', document: TeamsImport, field: 'teamsImport' },
  { key: 'selections', label: '评选参与', role: 'EDITOR', hint: '文明家庭等推荐活动的参与户数', document: SelectionsImport, field: 'selectionsImport' },
  { key: 'attestations', label: '达标认定', role: 'REVIEWER', hint: '需现场评定的标准项是否达标', document: AttestationsImport, field: 'attestationsImport' },
  { key: 'communities', label: '社区名单', role: 'ADMIN', hint: '区县、街道/镇、社区，缺少的将新建', document: CommunitiesImport, field: 'communitiesImport' },
] as const as readonly ImportKind[]

export function templateUrl(kind: Pick<ImportKind, 'key'>): string {
  return `/reports/templates/${kind.key}.xlsx`
}

/** What an import's answer says, in one sentence. */
export function importSummary(result: ImportResult, dryRun: boolean): string {
  const existing = result.existing ? `，${result.existing}行已有` : ''
  if (result.problems.length) {
    return `共${result.rows}行，发现${result.problems.length}处问题，未导入任何数据。请改正后重新上传。`
  }
  if (dryRun) return `试运行通过：共${result.rows}行，将新建${result.created}条${existing}。尚未保存，确认后请点“导入”。`
  return `导入成功：共${result.rows}行，新建${result.created}条${existing}。`
}

/** Only .xlsx files go up: the API refuses anything else, but saying so at once saves an upload. */
export function workbookFileProblem(file: Pick<File, 'name' | 'size'>, maxBytes = 5 * 1024 * 1024): string | null {
  if (!file.name.toLowerCase().endsWith('.xlsx')) return '请选择 Excel 文件（.xlsx）；旧版 .xls 请先另存为 .xlsx'
  if (file.size > maxBytes) return `文件过大：不能超过${Math.round(maxBytes / 1024 / 1024)}MB`
  return null
}
