// The five kinds of community record (社区档案) as the console shows them:
// one small description each, read by one list page and one form page. The
// fields are the API's inputs (facilities/, teams/, assessment/mutations.py);
// the hints say which criterion of the reference standard a value feeds
// (migrations/0003_assessment.sql), so a worker knows why it is asked for.
import type { FacilityKind, RecognitionLevel, SelectionKind, TeamKind } from '../gql/graphql'
import type { Role } from './session'
import { formatCityTime } from './time'

export const RECORD_KINDS = ['facilities', 'teams', 'selections', 'recognitions', 'attestations'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]
/** For the router: `/records/:kind(facilities|teams|…)`. */
export const RECORD_KIND_PATTERN = RECORD_KINDS.join('|')

export type Options = readonly (readonly [string, string])[]

/**
 * Every value of one of the API's enums with its Chinese name, as `kindLabel`
 * and `levelLabel` give them (assessment/vocabulary.py). Keyed by the enum
 * codegen reads from the schema: a value the API adds or drops fails the build.
 */
function options<K extends string>(labels: Readonly<Record<K, string>>): Options {
  return Object.entries(labels) as [K, string][]
}

export const FACILITY_KINDS: Options = options<FacilityKind>({
  PRACTICE_STATION: '新时代文明实践站',
  READING_ROOM: '图书阅览室',
  RECREATION_ROOM: '文体娱乐室',
  CULTURE_CENTRE: '文化服务中心（活动室）',
  CULTURE_SQUARE: '文化广场',
  FITNESS_SQUARE: '健身广场',
  SPORTS_GROUND: '运动场地',
  ELDERLY_CANTEEN: '长者食堂',
  KINDERGARTEN: '幼儿园',
  HEALTH_STATION: '卫生服务中心（站）',
  MARKET: '便民市场',
  SERVICE_CENTRE: '社区服务中心',
  ELDERLY_COLLEGE: '老年大学',
  BULLETIN_BOARD: '宣传阅报栏',
  SCIENCE_GALLERY: '科普画廊',
  GOOD_PEOPLE_GALLERY: '好人长廊',
  PARENT_SCHOOL: '家长学校',
  HERITAGE_STUDIO: '非遗传承工作室',
})

export const TEAM_KINDS: Options = options<TeamKind>({
  CULTURE: '业余文艺团队',
  SPORTS: '业余体育团队',
  VOLUNTEER: '志愿服务队',
  OTHER: '其他团队',
})

export const SELECTION_KINDS: Options = options<SelectionKind>({
  CIVIL_COURTYARD: '文明楼院',
  CIVIL_FAMILY: '文明家庭',
  CIVIL_ESTATE: '文明小区',
  GREEN_ESTATE: '绿色小区',
  SAFE_ESTATE: '平安小区',
})

export const RECOGNITION_LEVELS: Options = options<RecognitionLevel>({
  CITY: '市级',
  PROVINCIAL: '省级',
  NATIONAL: '国家级',
})

// What the standard asks of facilities, as the hints word it.
const ASKS = {
  free: '实践站、阅览室、文体娱乐室、文化服务中心和文化、健身广场须全部免费开放（日常管理）',
  circle: '15分钟便民生活圈：便民市场、运动场地、社区服务中心、卫生服务中心（功能设施）',
  amenities: '配套：幼儿园、卫生服务中心、长者食堂、便民市场、社区服务中心（功能设施）',
  squares: '室外文化广场、健身广场合计不少于1000平方米（功能设施）',
  publicity: '宣传阅报栏、科普画廊、好人长廊都要有（功能设施）',
  learning: '学习型社区：家长学校、非遗传承工作室（功能设施）',
} as const
/** What each kind of facility counts for in the assessment. */
export const FACILITY_CRITERIA: Readonly<Record<FacilityKind, readonly string[]>> = {
  PRACTICE_STATION: ['新时代文明实践站室内面积不少于300平方米（功能设施）', ASKS.free],
  READING_ROOM: ['实践站设有图书阅览室、文体娱乐室（功能设施）', ASKS.free],
  RECREATION_ROOM: ['实践站设有图书阅览室、文体娱乐室（功能设施）', ASKS.free],
  CULTURE_CENTRE: ['文化服务中心（活动室）每周开放不少于56小时（日常管理）', ASKS.free],
  CULTURE_SQUARE: [ASKS.squares, ASKS.free],
  FITNESS_SQUARE: [ASKS.squares, ASKS.free],
  SPORTS_GROUND: [ASKS.circle],
  ELDERLY_CANTEEN: [ASKS.amenities],
  KINDERGARTEN: [ASKS.amenities],
  HEALTH_STATION: [ASKS.circle, ASKS.amenities],
  MARKET: [ASKS.circle, ASKS.amenities],
  SERVICE_CENTRE: [ASKS.circle, ASKS.amenities],
  ELDERLY_COLLEGE: ['开办社区老年大学（功能设施）'],
  BULLETIN_BOARD: [ASKS.publicity],
  SCIENCE_GALLERY: [ASKS.publicity],
  GOOD_PEOPLE_GALLERY: [ASKS.publicity],
  PARENT_SCHOOL: [ASKS.learning],
  HERITAGE_STUDIO: [ASKS.learning],
}

export type FieldType =
  | 'community' | 'year' | 'text' | 'textarea' | 'integer' | 'decimal' | 'select'
  | 'switch' | 'triState' | 'date' | 'criterion' | 'photo'

export type FormValues = Record<string, unknown>

export interface FieldSpec {
  /** The API input's field: also the form's key, `data-field` and where payload errors land. */
  key: string
  label: string
  type: FieldType
  required?: boolean
  options?: Options
  /** A switch's [on, off] words; a yes/no/unknown field's [yes, no, unknown]. */
  labels?: readonly string[]
  min?: number
  max?: number
  unit?: string
  /** Characters (code points) the API accepts. */
  maxChars?: number
  placeholder?: string
  /** Which criterion the value feeds; may depend on what is filled in. */
  hint?: string | ((form: FormValues) => string | null)
  /** In the create input only: the update input cannot change it. */
  createOnly?: boolean
}

/** A record as a list holds it (the API's fields, camelCase). */
export type RecordRow = { id: string } & Record<string, unknown>

export interface ListContext {
  /** Criterion key → its wording in the standard. */
  criteria: ReadonlyMap<string, string>
}

export interface Column {
  label: string
  value: (row: RecordRow, ctx: ListContext) => string
  /** The row's title: bold on phone cards, first column on desktop. */
  title?: boolean
  width?: number
}

export interface KindSpec {
  kind: RecordKind
  /** Tab and heading: 设施. */
  label: string
  /** Two characters, for a phone's tabs. */
  short: string
  /** What the record is called in sentences: 新增设施, 删除这条设施记录. */
  noun: string
  /** What the list holds and which part of the standard it feeds. */
  intro: string
  /** The list depends on the chosen year (read through the year's assessment). */
  byYear: boolean
  fields: readonly FieldSpec[]
  columns: readonly Column[]
  /** Who may add one (the API checks again). */
  createRole: Role
  updatable: boolean
  deletable: boolean
}

const measure = (v: unknown, unit: string): string => (typeof v === 'number' ? `${v}${unit}` : '未填写')
const text = (key: string) => (row: RecordRow): string => String(row[key] ?? '') || '—'

/** Records an editor adds, corrects and deletes (the API's EDITORS permission). */
const EDITED_BY_EDITORS = { createRole: 'EDITOR', updatable: true, deletable: true } as const

const COMMUNITY: FieldSpec = { key: 'community', label: '所属社区', type: 'community', required: true, createOnly: true }
const YEAR: FieldSpec = { key: 'year', label: '年度', type: 'year', required: true, createOnly: true }

/** The kind of a facility, team or selection: one of the API's keys. */
function kindField(label: string, options: Options, hint: FieldSpec['hint'], more: Partial<FieldSpec> = {}): FieldSpec {
  return { key: 'kind', label, type: 'select', required: true, options, hint, ...more }
}

/** A facility's or team's name (at most 40 characters in the API). */
function nameField(label: string, placeholder: string): FieldSpec {
  return { key: 'name', label, type: 'text', required: true, maxChars: 40, placeholder }
}

const NAME_COLUMN: Column = { label: '名称', value: text('name'), title: true }
const kindColumn = (label: string, width: number, title = false): Column => ({ label, value: text('kindLabel'), width, title })

const FACILITIES: KindSpec = {
  ...EDITED_BY_EDITORS, kind: 'facilities', label: '设施', short: '设施', noun: '设施', byYear: false,
  intro: '社区的阵地和设施：面积、开放时长和是否免费，计入评估的“功能设施”和“日常管理”两部分。',
  fields: [
    COMMUNITY,
    kindField('设施类型', FACILITY_KINDS, (form) => (FACILITY_CRITERIA[form.kind as FacilityKind] ?? []).join('；') || null),
    nameField('设施名称', '例如：工盛社区新时代文明实践站'),
    {
      key: 'indoorAreaM2', label: '室内面积', type: 'decimal', min: 0, max: 1_000_000, unit: '平方米',
      hint: '新时代文明实践站室内面积须不少于300平方米；不清楚可不填（评估记为数据不足）',
    },
    { key: 'outdoorAreaM2', label: '室外面积', type: 'decimal', min: 0, max: 1_000_000, unit: '平方米', hint: ASKS.squares },
    {
      key: 'weeklyOpenHours', label: '每周开放时长', type: 'decimal', min: 0, max: 168, unit: '小时',
      hint: '文化服务中心（活动室）每周开放须不少于56小时（日常管理）',
    },
    { key: 'freeOfCharge', label: '是否免费开放', type: 'triState', labels: ['免费', '收费', '未填写'], hint: ASKS.free },
  ],
  columns: [
    NAME_COLUMN,
    kindColumn('类型', 170),
    { label: '室内面积', value: (r) => measure(r.indoorAreaM2, '平方米'), width: 120 },
    { label: '室外面积', value: (r) => measure(r.outdoorAreaM2, '平方米'), width: 120 },
    { label: '每周开放', value: (r) => measure(r.weeklyOpenHours, '小时'), width: 100 },
    { label: '免费开放', value: (r) => ({ true: '免费', false: '收费' } as Record<string, string>)[String(r.freeOfCharge)] ?? '未填写', width: 90 },
  ],
}

const TEAMS: KindSpec = {
  ...EDITED_BY_EDITORS, kind: 'teams', label: '队伍', short: '队伍', noun: '队伍', byYear: false,
  intro: '业余文艺、体育团队和志愿服务队，计入评估的“组织机制”和“文明实践”。',
  fields: [
    COMMUNITY,
    kindField('队伍类型', TEAM_KINDS, (form) => (form.kind === 'VOLUNTEER' ? '志愿服务队伍完备（文明实践）' : '须有3支以上常年活动、每支不少于15人的业余文体团队（组织机制）')),
    nameField('队伍名称', '例如：夕阳红舞蹈队'),
    { key: 'members', label: '人数', type: 'integer', required: true, min: 0, max: 100_000, unit: '人', hint: '业余文体团队每支不少于15人才计入（组织机制）' },
    { key: 'activeAllYear', label: '常年开展活动', type: 'switch', labels: ['是', '否'], hint: '只有常年开展活动的业余文体团队计入（组织机制）' },
  ],
  columns: [
    NAME_COLUMN,
    kindColumn('类型', 140),
    { label: '人数', value: (r) => `${String(r.members)}人`, width: 90 },
    { label: '常年活动', value: (r) => (r.activeAllYear ? '是' : '否'), width: 90 },
  ],
}

const SELECTIONS: KindSpec = {
  ...EDITED_BY_EDITORS, kind: 'selections', label: '评选参与', short: '评选', noun: '评选参与记录', byYear: true,
  intro: '文明楼院、文明家庭、文明小区、绿色小区、平安小区推荐评选活动每年的参与户数：每项参与率须达到90%以上（文明培育）。',
  fields: [
    COMMUNITY,
    YEAR,
    kindField('评选项目', SELECTION_KINDS, '五项都要登记，每项一年一条', { createOnly: true }),
    { key: 'householdsEligible', label: '应参与户数', type: 'integer', required: true, min: 1, max: 10_000_000, unit: '户' },
    {
      key: 'householdsParticipating', label: '参与户数', type: 'integer', required: true, min: 0, max: 10_000_000, unit: '户',
      hint: (form) => participationHint(form.householdsEligible, form.householdsParticipating),
    },
  ],
  columns: [
    kindColumn('评选项目', 160, true),
    { label: '参与户数', value: (r) => `${String(r.householdsParticipating)}/${String(r.householdsEligible)}户`, width: 140 },
    { label: '参与率', value: (r) => participationRate(r.householdsEligible, r.householdsParticipating) ?? '—', width: 100 },
  ],
}

const RECOGNITIONS: KindSpec = {
  ...EDITED_BY_EDITORS, kind: 'recognitions', label: '品牌推广', short: '推广', noun: '品牌推广记录', byYear: true,
  intro: '社区的文化品牌及推广它的部门或媒体：省级及以上推广、全国有影响的品牌计入评估的“特色亮点”。列表显示截至所选年度年底已获得的推广。',
  fields: [
    COMMUNITY,
    { key: 'brandName', label: '品牌名称', type: 'text', required: true, maxChars: 60, placeholder: '例如：邻里守望' },
    { key: 'level', label: '推广级别', type: 'select', required: true, options: RECOGNITION_LEVELS, hint: '省级及以上计入“通过省级及以上部门推广或媒体宣传”；国家级计入“全国具有影响力的品牌”' },
    { key: 'recognisedBy', label: '推广单位或媒体', type: 'text', required: true, maxChars: 60, placeholder: '例如：大众日报' },
    { key: 'recognisedOn', label: '推广日期', type: 'date', required: true, hint: '从这一天所在年度起计入评估' },
    { key: 'note', label: '备注', type: 'textarea', maxChars: 300 },
  ],
  columns: [
    { label: '品牌', value: text('brandName'), title: true },
    { label: '级别', value: text('levelLabel'), width: 90 },
    { label: '推广单位或媒体', value: text('recognisedBy'), width: 180 },
    { label: '日期', value: text('recognisedOn'), width: 120 },
  ],
}

const ATTESTATIONS: KindSpec = {
  // Recorded by reviewers and never changed: a later attestation supersedes (assessment/mutations.py).
  createRole: 'REVIEWER', updatable: false, deletable: false,
  kind: 'attestations', label: '达标认定', short: '认定', noun: '达标认定', byYear: true,
  intro: '环境、绿化、规章制度等不能用数字衡量的条款，由审核员实地查看后认定达标与否；同一条款以最近一次认定为准，列表只显示每条最近的认定。',
  fields: [
    COMMUNITY,
    YEAR,
    { key: 'criterion', label: '认定条款', type: 'criterion', required: true, hint: '只列出须由审核员认定的条款' },
    { key: 'met', label: '认定结论', type: 'switch', labels: ['达标', '未达标'] },
    { key: 'note', label: '说明', type: 'textarea', maxChars: 500, placeholder: '查看了什么、发现了什么' },
    { key: 'photo', label: '现场照片', type: 'photo', hint: '可选：作为佐证的现场照片' },
  ],
  columns: [
    { label: '条款', value: (r, ctx) => ctx.criteria.get(String(r.criterionKey)) ?? String(r.criterionKey), title: true },
    { label: '结论', value: (r) => (r.met ? '达标' : '未达标'), width: 90 },
    { label: '认定人', value: text('attestedByName'), width: 110 },
    { label: '认定时间', value: (r) => formatCityTime(r.attestedAt as string | null), width: 150 },
    { label: '说明', value: text('note'), width: 200 },
  ],
}

export const KINDS: Readonly<Record<RecordKind, KindSpec>> = {
  facilities: FACILITIES,
  teams: TEAMS,
  selections: SELECTIONS,
  recognitions: RECOGNITIONS,
  attestations: ATTESTATIONS,
}

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && (RECORD_KINDS as readonly string[]).includes(value)
}

export function kindOf(value: unknown): KindSpec {
  return KINDS[isRecordKind(value) ? value : 'facilities']
}

/** "92.5%", or null when the counts cannot give a rate. */
export function participationRate(eligible: unknown, participating: unknown): string | null {
  if (typeof eligible !== 'number' || typeof participating !== 'number' || eligible <= 0) return null
  // Rounded down, so that 89.96 % never reads as a passing 90.0 %.
  return `${(Math.floor((participating * 1000) / eligible) / 10).toFixed(1)}%`
}

function participationHint(eligible: unknown, participating: unknown): string {
  const rate = participationRate(eligible, participating)
  // More taking part than may is the API's to refuse (at this field); a rate over 100 % would only confuse.
  if (rate === null || (participating as number) > (eligible as number)) return '参与率 = 参与户数 ÷ 应参与户数，须达到90%以上'
  const reached = (participating as number) * 100 >= (eligible as number) * 90
  return `参与率${rate}，${reached ? '达到' : '未达到'}90%的要求`
}
