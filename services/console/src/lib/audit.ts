// The audit log in words an administrator reads: what was done (the API
// records a mutation's name, e.g. noticeApprove), to what, what changed, and
// the filters' days as Zibo's days.
import { ROLE_SHORT, STATUS_LABELS, type ContentStatus } from './labels'
import type { Role } from './session'
import { CITY_OFFSET, formatCityTime } from './time'

/** Object types as recorded (`objectType`) → their names. */
export const OBJECT_TYPES: Record<string, string> = {
  Account: '账号',
  Screen: '屏幕',
  Notice: '通知',
  Honour: '荣誉',
  Event: '活动',
  Media: '图片',
  Community: '社区',
  Facility: '设施',
  Team: '团队',
  Selection: '推荐活动记录',
  Recognition: '品牌推广记录',
  Attestation: '认定记录',
}

const ACTIONS: Record<string, string> = {
  login: '登录',
  logout: '退出登录',
  accountCreate: '创建账号',
  accountUpdate: '修改账号（角色、范围、姓名）',
  accountDisable: '停用账号',
  accountEnable: '启用账号',
  accountResetPassword: '重置密码',
  accountUnlock: '解除登录锁定',
  accountChangePassword: '修改本人密码',
  screenRegister: '登记屏幕',
  screenRename: '修改屏幕名称或位置',
  screenRotateToken: '更换屏幕令牌',
  screenDecommission: '停用屏幕',
  screenPairingClaim: '认领配对码',
  screenPairingRedeem: '屏幕完成配对',
  screenScreenshotRequest: '请求截图',
  mediaUpload: '上传图片',
  communityUpdate: '修改社区信息',
  honourConsentRecord: '记录荣誉同意',
  honourConsentWithdraw: '撤回荣誉同意',
  attestationRecord: '记录认定',
}

// Content and community records: the action is the type's name and a verb (each domain's editing.py names them).
const SUBJECTS: Record<string, string> = {
  notice: '通知',
  honour: '荣誉',
  event: '活动',
  facility: '设施',
  team: '团队',
  selection: '推荐活动记录',
  recognition: '品牌推广记录',
  attestation: '认定记录',
}
const VERBS: Record<string, string> = {
  Create: '新建',
  Update: '修改',
  Submit: '提交审核',
  Approve: '审核通过',
  Reject: '退回',
  Archive: '下架',
  PublishUrgent: '发布紧急',
  Delete: '删除',
}

export function actionLabel(action: string): string {
  const known = ACTIONS[action]
  if (known) return known
  const m = /^([a-z]+)([A-Z]\w*)$/.exec(action)
  const subject = m ? SUBJECTS[m[1] as string] : undefined
  const verb = m ? VERBS[m[2] as string] : undefined
  return subject && verb ? `${verb}${subject}` : '其他操作'
}

export interface ActionGroup {
  label: string
  options: { value: string; label: string }[]
}

/** The choices of the "what" filter, grouped as an admin looks for them. */
export function actionChoices(): ActionGroup[] {
  const named = (keys: string[]) => keys.map((value) => ({ value, label: actionLabel(value) }))
  const content = ['notice', 'honour', 'event'].flatMap((s) =>
    ['Create', 'Update', 'Submit', 'Approve', 'Reject', 'Archive'].map((v) => s + v),
  )
  return [
    { label: '账号与登录', options: named(Object.keys(ACTIONS).filter((a) => a.startsWith('account') || a === 'login' || a === 'logout')) },
    { label: '屏幕', options: named(Object.keys(ACTIONS).filter((a) => a.startsWith('screen'))) },
    { label: '内容与审核', options: named(['noticePublishUrgent', ...content, 'honourConsentRecord', 'honourConsentWithdraw', 'mediaUpload']) },
  ]
}

/** "2026-11-28" → the next day's date; plain calendar arithmetic, no zone involved. */
function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The filter's days, first to last inclusive, as Zibo's days:
 * ["2026-11-27", "2026-11-28"] → since 27th 00:00 +08:00, until 29th 00:00 +08:00.
 */
export function auditWindow(days: readonly string[] | null | undefined): { since?: string; until?: string } {
  if (!days || days.length !== 2 || !days.every((d) => DATE.test(d))) return {}
  const [first, last] = days as [string, string]
  return { since: `${first}T00:00:00${CITY_OFFSET}`, until: `${nextDay(last)}T00:00:00${CITY_OFFSET}` }
}

type Snapshot = Record<string, unknown> | null | undefined

const SCREEN_STATUS: Record<string, string> = { ACTIVE: '使用中', DECOMMISSIONED: '已停用' }

// Recorded fields (snake_case, as the API's rows) an admin cares about, with how to show a value.
const FIELDS: Record<string, [string, (v: unknown) => string]> = {
  username: ['用户名', String],
  display_name: ['姓名', (v) => String(v || '—')],
  role: ['角色', (v) => ROLE_SHORT[v as Role] ?? String(v)],
  disabled: ['状态', (v) => (v ? '已停用' : '正常')],
  name: ['名称', String],
  location: ['位置', (v) => String(v || '—')],
  title: ['标题', String],
  status: ['状态', (v) => STATUS_LABELS[v as ContentStatus] ?? SCREEN_STATUS[v as string] ?? String(v)],
  urgent: ['紧急', (v) => (v ? '是' : '否')],
  priority: ['优先级', String],
  display_start: ['展示开始', (v) => formatCityTime(v as string | null)],
  display_end: ['展示结束', (v) => (v ? formatCityTime(v as string) : '长期')],
  reject_reason: ['退回理由', (v) => String(v || '—')],
}
// Moved to another region: said without the region (the log keeps its number, not its name).
const MOVES: Record<string, string> = { scope_region_id: '管辖范围已变更', region_id: '范围已变更', community_id: '所在社区已变更' }
// Bookkeeping every change touches: not worth a line.
const IGNORED = new Set(['id', 'version', 'updated_at', 'created_at', 'submitted_at', 'published_at', 'reviewed_by', 'submitted_by'])

/**
 * What an entry changed, one line per field: "角色：编辑 → 审核员"; for a
 * creation, the new object's main fields ("角色：编辑"). Fields without a
 * name here are counted in one closing line.
 */
export function auditChanges(before: unknown, after: unknown): string[] {
  const b = (before && typeof before === 'object' ? before : null) as Snapshot
  const a = (after && typeof after === 'object' ? after : null) as Snapshot
  if (!a) return []
  const lines: string[] = []
  let others = 0
  for (const key of Object.keys(a)) {
    if (IGNORED.has(key)) continue
    const changed = !b || JSON.stringify(b[key]) !== JSON.stringify(a[key])
    if (!changed) continue
    const field = FIELDS[key]
    if (!b) {
      // the object's own name is already in the entry; empty fields say nothing
      if (field && !['username', 'name', 'title'].includes(key) && a[key] !== '' && a[key] != null) {
        lines.push(`${field[0]}：${field[1](a[key])}`)
      }
    } else if (field) {
      lines.push(`${field[0]}：${field[1](b[key])} → ${field[1](a[key])}`)
    } else if (MOVES[key]) {
      lines.push(MOVES[key] as string)
    } else {
      others += 1
    }
  }
  if (others) lines.push(`另有 ${others} 项改动`)
  return lines
}

/**
 * Cursors of the pages seen so far, for 上一页 / 下一页 over the API's
 * cursor paging: page n starts after the cursor that ended page n - 1.
 */
export class PageCursors {
  private readonly ends: (string | null)[] = [null]

  get page(): number {
    return this.ends.length
  }

  /** The `after` of the current page. */
  get after(): string | null {
    return this.ends[this.ends.length - 1] ?? null
  }

  next(endCursor: string | null | undefined): void {
    if (endCursor) this.ends.push(endCursor)
  }

  previous(): void {
    if (this.ends.length > 1) this.ends.pop()
  }

  reset(): void {
    this.ends.splice(1)
  }
}
