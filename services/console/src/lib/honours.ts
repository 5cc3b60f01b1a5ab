// Honours (好人长廊) as the console names them, and the consent rules the API
// applies (qile_api/honours/mutations.py), so the console can lead an editor
// through them before the API has to refuse.
import type { ConsentState, ContentStatus, HonourSubjectKind } from '../gql/graphql'
import { cityNowWall, cityWallToIso } from './time'

export const SUBJECT_KINDS: readonly (readonly [HonourSubjectKind, string])[] = [
  ['PERSON', '个人'],
  ['HOUSEHOLD', '家庭'],
  ['BUILDING', '楼院'],
  ['MERCHANT', '商户'],
]

export const SUBJECT_KIND_LABELS = Object.fromEntries(SUBJECT_KINDS) as Record<HonourSubjectKind, string>

/** Titles the city awards (shared/DOMAIN.md); the field takes any other as well. */
export const HONOUR_TITLES = ['好邻居', '好楼长', '好媳妇', '好婆婆', '身边好人', '文明家庭', '文明楼院', '最美楼道', '信用达人', '美德诚信商户']

/** How consent is usually taken; the field takes any other as well. */
export const CONSENT_METHODS = ['书面签字', '电话确认', '当面口头同意', '微信确认']

// The API's limits (honours/mutations.py).
export const HONOUR_TITLE_MAX = 12
export const SUBJECT_NAME_MAX = 20
export const CITATION_MAX = 300
export const YEAR_MIN = 2000
export const YEAR_MAX = 2100
export const CONTACT_MAX = 40
export const CONSENT_TEXT_MAX = 40

/** A person or household is shown only with their consent; a building or a merchant needs none. */
export function needsConsent(kind: HonourSubjectKind): boolean {
  return kind === 'PERSON' || kind === 'HOUSEHOLD'
}

interface ConsentOf {
  subjectKind: HonourSubjectKind
  consent?: { state: ConsentState } | null
}

/** The API refuses to submit it until consent is recorded (CONSENT_REQUIRED). */
export function awaitingConsent(honour: ConsentOf): boolean {
  return needsConsent(honour.subjectKind) && honour.consent?.state !== 'GIVEN'
}

export const CONSENT_FIRST = '个人或家庭荣誉须先登记本人同意，方可提交审核'

/** The consent tag a list or a card shows: none for kinds that need no consent. */
export function consentTag(honour: ConsentOf): { label: string; type: 'success' | 'warning' | 'danger' } | null {
  if (!needsConsent(honour.subjectKind)) return null
  const state = honour.consent?.state ?? 'NONE'
  if (state === 'GIVEN') return { label: '已登记同意', type: 'success' }
  if (state === 'WITHDRAWN') return { label: '已撤回同意', type: 'danger' }
  return { label: '未登记同意', type: 'warning' }
}

/** What withdrawing consent does to an honour in this state, for the confirmation. */
export function withdrawalEffect(status: ContentStatus): string {
  if (status === 'PUBLISHED') return '这条荣誉将立即下架，各屏幕在下次更新时（通常一两分钟内）撤下，公众也不再能看到。'
  if (status === 'IN_REVIEW') return '这条荣誉将退出审核，退回为草稿，不会上屏。'
  return '这条荣誉在再次登记同意之前不能提交审核，也不会上屏。'
}

/** Why a consent time cannot be recorded (the API refuses one in the future); null when it can. */
export function consentTimeProblem(wall: string | null, now: number = Date.now()): string | null {
  if (!wall) return '请填写同意时间'
  // The API allows a minute of clock difference.
  if (Date.parse(cityWallToIso(wall)) > now + 60_000) return '同意时间不能晚于现在'
  return null
}

/** This year in the city (an honour is usually for the year it is given). */
export function cityYear(now: number = Date.now()): number {
  return Number(cityNowWall(now).slice(0, 4))
}

