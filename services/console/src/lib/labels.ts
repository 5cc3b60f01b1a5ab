// Chinese names of the API's enums, and the limits its checks apply, so the
// console can say "12/30" before the API has to refuse a title.
import type { Role } from './session'

export const ROLE_LABELS: Record<Role, string> = {
  EDITOR: '编辑（撰写、提交）',
  REVIEWER: '审核员（审核、发布）',
  ADMIN: '管理员（账号、屏幕）',
}

export const ROLE_SHORT: Record<Role, string> = { EDITOR: '编辑', REVIEWER: '审核员', ADMIN: '管理员' }

export type ContentStatus = 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'REJECTED' | 'ARCHIVED'

export const STATUS_LABELS: Record<ContentStatus, string> = {
  DRAFT: '草稿',
  IN_REVIEW: '待审核',
  PUBLISHED: '已发布',
  REJECTED: '已退回',
  ARCHIVED: '已下架',
}

/** Element Plus tag types per status. */
export const STATUS_TAGS: Record<ContentStatus, 'info' | 'warning' | 'success' | 'danger' | 'primary'> = {
  DRAFT: 'info',
  IN_REVIEW: 'warning',
  PUBLISHED: 'success',
  REJECTED: 'danger',
  ARCHIVED: 'info',
}

/** As the API's `categoryLabel` names them (notices/types.py). */
export const NOTICE_CATEGORIES = [
  ['POLICY', '政策宣传'],
  ['ANTI_FRAUD', '防诈骗'],
  ['SERVICE', '便民服务'],
  ['ELDERLY_EDUCATION', '老年教育'],
  ['HEALTH', '健康科普'],
  ['JOBS', '就业培训'],
  ['VOLUNTEER', '志愿服务'],
  ['OTHER', '通知公告'],
] as const

export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number][0]

export const SCREEN_KINDS = [
  ['BULLETIN', '宣传阅报栏（通知、活动）'],
  ['GALLERY', '好人长廊（荣誉）'],
] as const

export const SCREEN_KIND_SHORT: Record<string, string> = { BULLETIN: '宣传阅报栏', GALLERY: '好人长廊' }

/** What a kiosk reports as its mode (qile_kiosk), in words a worker knows. */
const SCREEN_MODES: Record<string, string> = {
  showing: '正常播放',
  offline: '断网（播放缓存内容）',
  standby: '待机',
  fetching: '正在更新',
  pairing: '等待配对',
}

export function screenModeLabel(mode: string | null | undefined): string {
  if (!mode) return '—'
  return SCREEN_MODES[mode] ?? mode
}

// The API's limits (notices/mutations.py): checked there, shown here as the user types.
export const NOTICE_TITLE_MAX = 30
export const NOTICE_BODY_MAX = 2000
export const PRIORITY_MAX = 100
export const PASSWORD_MIN = 10
export const REJECT_REASON_MAX = 200

/** Characters as the API counts them (code points, like Python's len), not UTF-16 units. */
export function charCount(text: string): number {
  return Array.from(text).length
}

/** The API's check of a text field (qile_api/fields.py), said before it has to refuse. */
export function textProblem(value: string, label: string, max: number, required = true): string | null {
  if (!value.trim()) return required ? `请填写${label}` : null
  const n = charCount(value.trim())
  return n > max ? `${label}不能超过${max}个字（现有${n}个）` : null
}

/** As the API's `categoryLabel` names them (events/types.py). */
export const EVENT_CATEGORIES = [
  ['NEIGHBOUR_FESTIVAL', '邻居节'],
  ['COMMUNITY_FEAST', '百家宴'],
  ['AFTERNOON_TEA', '周末下午茶'],
  ['READING', '读书活动'],
  ['RECITATION', '经典诵读'],
  ['OUR_FESTIVALS', '我们的节日'],
  ['FITNESS', '全民健身'],
  ['LECTURE', '主题讲座'],
  ['RECRUITMENT', '社区招聘'],
  ['SKILLS_TRAINING', '技能培训'],
  ['MARKET', '美德健康新市集'],
  ['VOLUNTEER', '志愿服务'],
  ['OTHER', '社区活动'],
] as const

// The API's limits for events (events/mutations.py).
export const EVENT_TITLE_MAX = 30
export const EVENT_DESCRIPTION_MAX = 1000
export const EVENT_VENUE_MAX = 40
export const EVENT_ORGANISER_MAX = 40
export const PARTICIPANTS_MAX = 1_000_000
/** The standard counts an event with at least this many taking part as 广泛参与 (part 7). */
export const BROAD_PARTICIPATION_MIN = 30
