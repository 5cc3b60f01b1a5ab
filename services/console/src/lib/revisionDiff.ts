// What a revision changes in a published item, field by field, with the
// changed words marked: a reviewer approving a revision sees what is new
// without reading both versions side by side.
import { diffWords } from 'diff'
import { formatCityTime } from './time'

export interface DiffPart {
  text: string
  change: 'same' | 'added' | 'removed'
}

export interface FieldChange {
  field: string
  /** The field's name in the console, e.g. 标题. */
  label: string
  before: string
  after: string
  parts: DiffPart[]
}

// Chinese has no spaces: words come from the browser's dictionary-based
// segmenter (停水 / 检修), so a changed date or word is marked whole.
const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' })

/** The words of `before` and `after`, each kept, removed or added. */
export function diffText(before: string, after: string): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenter }).map((c) => ({
    text: c.value,
    change: c.added ? 'added' : c.removed ? 'removed' : 'same',
  }))
}

function span(start: string | null | undefined, end: string | null | undefined): string {
  return `${formatCityTime(start)} 至 ${end ? formatCityTime(end) : '长期'}`
}

const yesNo = (v: boolean | null | undefined): string => (v ? '是' : '否')

const SUBJECT_KINDS: Record<string, string> = { PERSON: '个人', HOUSEHOLD: '家庭', BUILDING: '楼栋', MERCHANT: '商户' }

// The versions of each kind as the review queue reads them (api/review.ts).
export interface NoticeVersion {
  title: string
  body: string
  categoryLabel: string
  priority: number
  urgent: boolean
  displayStart: string
  displayEnd?: string | null
  scope: { name: string }
}

export interface HonourVersion {
  title: string
  subjectKind: string
  subjectName: string
  citation: string
  year: number
  photo?: { sha256: string } | null
  scope: { name: string }
}

export interface EventVersion {
  title: string
  description: string
  categoryLabel: string
  venue: string
  organiser: string
  startsAt: string
  endsAt: string
  largeScale: boolean
  scope: { name: string }
}

export type Version =
  | ({ __typename?: 'Notice' } & NoticeVersion)
  | ({ __typename?: 'Honour' } & HonourVersion)
  | ({ __typename?: 'Event' } & EventVersion)

/** Each kind's fields in the order a reviewer reads them, as text. */
function fieldsOf(kind: string, v: Version): [string, string, string][] {
  if (kind === 'Notice') {
    const n = v as NoticeVersion
    return [
      ['title', '标题', n.title],
      ['body', '正文', n.body],
      ['category', '类别', n.categoryLabel],
      ['scope', '发布范围', n.scope.name],
      ['window', '展示时间', span(n.displayStart, n.displayEnd)],
      ['priority', '优先级', String(n.priority)],
      ['urgent', '紧急通知', yesNo(n.urgent)],
    ]
  }
  if (kind === 'Honour') {
    const h = v as HonourVersion
    return [
      ['title', '荣誉称号', h.title],
      ['subjectName', '姓名（名称）', h.subjectName],
      ['subjectKind', '对象类型', SUBJECT_KINDS[h.subjectKind] ?? h.subjectKind],
      ['citation', '事迹', h.citation],
      ['year', '年度', String(h.year)],
      ['scope', '范围', h.scope.name],
      // Photo links are signed per request: compare the image itself.
      ['photo', '照片', h.photo ? `照片 ${h.photo.sha256.slice(0, 8)}` : '无照片'],
    ]
  }
  const e = v as EventVersion
  return [
    ['title', '活动名称', e.title],
    ['description', '活动介绍', e.description],
    ['category', '类别', e.categoryLabel],
    ['window', '活动时间', span(e.startsAt, e.endsAt)],
    ['venue', '地点', e.venue],
    ['organiser', '主办方', e.organiser],
    ['largeScale', '大型活动', yesNo(e.largeScale)],
    ['scope', '范围', e.scope.name],
  ]
}

/** The fields a revision changes, against the published version; [] when nothing differs. */
export function revisionChanges(kind: string, revision: Version, published: Version): FieldChange[] {
  const before = new Map(fieldsOf(kind, published).map(([field, , value]) => [field, value]))
  return fieldsOf(kind, revision)
    .filter(([field, , after]) => before.get(field) !== after)
    .map(([field, label, after]) => {
      const was = before.get(field) ?? ''
      return { field, label, before: was, after, parts: diffText(was, after) }
    })
}
