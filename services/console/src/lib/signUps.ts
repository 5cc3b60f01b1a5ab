// Residents signing up for an event (报名) as staff set it up and see it: the
// API's checks of places and the sign-up window said at their fields before
// it has to refuse (events/signups/event_settings.py, events/editing.py), and
// the door's rules (events/signups/attendance.py).

/** The most places an event may offer (`MAX_CAPACITY`). */
export const CAPACITY_MAX = 100_000
/** Staff may check in from this long before the event starts. */
export const CHECK_IN_OPENS_BEFORE_MS = 3 * 60 * 60 * 1000
/** How many people one sign-up may bring to the door. */
export const CHECK_IN_PEOPLE_MAX = 20
/** The most walk-ins one step may add or take back. */
export const WALK_INS_STEP_MAX = 1000

/** What the form holds: wall times as the pickers give them, instants for the end. */
export interface SignUpSettings {
  capacity: number | null
  /** ISO instants (with their offset), or null. */
  opensAt: string | null
  closesAt: string | null
  endsAt: string | null
}

/** The problems the API would find, by the form's field names; empty when there are none. */
export function signUpProblems(s: SignUpSettings): Record<string, string> {
  const problems: Record<string, string> = {}
  if (s.capacity !== null && !(Number.isInteger(s.capacity) && s.capacity >= 1 && s.capacity <= CAPACITY_MAX)) {
    problems.capacity = `报名名额须在1到${CAPACITY_MAX}之间`
  }
  if ((s.opensAt === null) !== (s.closesAt === null)) {
    problems[s.opensAt === null ? 'signUpOpensAt' : 'signUpClosesAt'] = '请同时填写报名开始和截止时间（都不填则无需报名）'
  } else if (s.opensAt !== null && s.closesAt !== null) {
    const opens = Date.parse(s.opensAt)
    const closes = Date.parse(s.closesAt)
    if (closes <= opens) problems.signUpClosesAt = '报名截止时间须晚于报名开始时间'
    else if (s.endsAt !== null && closes > Date.parse(s.endsAt)) problems.signUpClosesAt = '报名截止时间不能晚于活动结束时间'
  }
  return problems
}

/** "共3人，剩余1人", "不限名额", or "无需报名" for an event without a window. */
export function placesText(e: { capacity: number | null; placesLeft: number | null; signUpState: string }): string {
  if (e.signUpState === 'NONE') return '无需报名'
  if (e.capacity === null) return '不限名额'
  return `共${e.capacity}人，剩余${e.placesLeft ?? 0}人`
}

/** Whether the door is open: published, and from three hours before the start (the API checks again). */
export function doorOpen(e: { status: string; startsAt: string }, now: number = Date.now()): boolean {
  return e.status === 'PUBLISHED' && now >= Date.parse(e.startsAt) - CHECK_IN_OPENS_BEFORE_MS
}

/** The number staff may see: the full one when the API gives it (the contact right), else the masked one. */
export function shownMobile(s: { mobile?: string | null; mobileMasked: string }): string {
  return s.mobile ?? s.mobileMasked
}

/** The file the organiser saves: the API's Chinese name, else one from the title; no path separators. */
export function signUpsFileName(proposed: string | null, title: string): string {
  const name = proposed && proposed.toLowerCase().endsWith('.csv') ? proposed : `活动报名-${title}.csv`
  return name.replace(/[\\/:*?"<>|]/g, '')
}

/** What one screen's QR code did for an event: openings of its page, and the people signed up through it. */
export interface ScreenCount {
  opens: number
  people: number
}

/** 扫码3次 · 报名5人: a screen's count as the screens list shows it. */
export function screenCountText(c: ScreenCount | undefined): string {
  return `扫码${c?.opens ?? 0}次 · 报名${c?.people ?? 0}人`
}

/** Most people brought first, then most scans. */
export function byPeopleThenOpens(a: ScreenCount | undefined, b: ScreenCount | undefined): number {
  return (a?.people ?? 0) - (b?.people ?? 0) || (a?.opens ?? 0) - (b?.opens ?? 0)
}

/** How many came from each screen, the screens I cannot see counted together. */
export interface ScanRow extends ScreenCount {
  key: string
  name: string
  community: string
}

type Scans = readonly (ScreenCount & { screen: { id: string; name: string; community: { name: string } } | null })[]

export function scanRows(scans: Scans): ScanRow[] {
  const rows: ScanRow[] = []
  const elsewhere = { opens: 0, people: 0 }
  for (const s of scans) {
    if (s.screen) rows.push({ key: s.screen.id, name: s.screen.name, community: s.screen.community.name, opens: s.opens, people: s.people })
    else {
      elsewhere.opens += s.opens
      elsewhere.people += s.people
    }
  }
  rows.sort((a, b) => -byPeopleThenOpens(a, b))
  if (elsewhere.opens || elsewhere.people) rows.push({ key: 'elsewhere', name: '辖区外的屏幕', community: '—', ...elsewhere })
  return rows
}
