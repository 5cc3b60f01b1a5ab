// A screen as staff read it: what it is showing now, whether it has caught
// up, and the pairing code an admin types in from the screen.

export interface Showing {
  /** The screen reported the feed's current version; null before any report. */
  current?: boolean | null
  notices: readonly { title: string; urgent?: boolean }[]
  honours: readonly unknown[]
  events: readonly unknown[]
}

/** "通知 3 条、活动 1 项" for what the screen is given; the urgent notice first when one preempts. */
export function showingSummary(showing: Showing | null | undefined): string {
  if (!showing) return '—'
  const urgent = showing.notices.find((n) => n.urgent)
  const parts: string[] = []
  if (showing.notices.length) parts.push(`通知 ${showing.notices.length} 条`)
  if (showing.honours.length) parts.push(`荣誉 ${showing.honours.length} 项`)
  if (showing.events.length) parts.push(`活动 ${showing.events.length} 项`)
  const summary = parts.length ? parts.join('、') : '暂无内容（只显示标语）'
  return urgent ? `紧急插播「${urgent.title}」；${summary}` : summary
}

export type SyncState = 'CURRENT' | 'BEHIND' | 'UNKNOWN'

export const SYNC_STATES: Record<SyncState, { label: string; tag: 'success' | 'warning' | 'info' }> = {
  CURRENT: { label: '已是最新内容', tag: 'success' },
  BEHIND: { label: '尚未更新到最新内容', tag: 'warning' },
  UNKNOWN: { label: '屏幕尚未报告', tag: 'info' },
}

export function syncState(showing: Showing | null | undefined): SyncState {
  if (!showing || showing.current == null) return 'UNKNOWN'
  return showing.current ? 'CURRENT' : 'BEHIND'
}

// As the API makes them (devices/pairing.py): no 0/O, 1/I/L.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const PAIRING_CODE_LENGTH = 6

/** The code as typed ("7k4-q2m", " 7K4Q2M ") → "7K4Q2M"; null when it cannot be a code. */
export function pairingCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase()
  if (code.length !== PAIRING_CODE_LENGTH) return null
  return [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null
}

/** A screen's token as the API hands it out, once. */
export interface IssuedToken {
  token: string
  name: string
  community: string
  /** Rotated: the screen's previous token has stopped working. */
  replaced: boolean
}

/** How long the kiosk has run since it started: "3天5小时", "2小时10分钟", "不到1分钟". */
export function uptimeLabel(seconds: number | null | undefined): string {
  if (seconds == null) return '—'
  const minutes = Math.floor(seconds / 60)
  const hours = Math.floor(minutes / 60)
  const days = Math.floor(hours / 24)
  if (days > 0) return `${days}天${hours % 24}小时`
  if (hours > 0) return `${hours}小时${minutes % 60}分钟`
  return minutes > 0 ? `${minutes}分钟` : '不到1分钟'
}
