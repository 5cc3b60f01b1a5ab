// Times in the city's zone (Asia/Shanghai), whatever zone the browser is in:
// a worker in Zibo means Zibo time, and so does a phone set to another zone.
// China has kept +08:00 all year since 1991 (no daylight saving), so a wall
// time in Shanghai maps to an instant with that fixed offset.

export const CITY_TIME_ZONE = 'Asia/Shanghai'
export const CITY_OFFSET = '+08:00'
const CITY_OFFSET_MS = 8 * 60 * 60 * 1000

/** The format Element Plus pickers use for `value-format`: a wall time in the city. */
export const WALL_FORMAT = 'YYYY-MM-DD HH:mm:ss'

const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** "2026-12-01 09:00:00" (city wall time) → "2026-12-01T09:00:00+08:00". */
export function cityWallToIso(wall: string): string {
  const m = WALL.exec(wall.trim())
  if (!m) throw new Error(`not a wall time: ${wall}`)
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${CITY_OFFSET}`
}

/** Any ISO instant (UTC or with an offset) → the city's wall time "YYYY-MM-DD HH:mm:ss". */
export function isoToCityWall(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${iso}`)
  const d = new Date(ms + CITY_OFFSET_MS)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  )
}

/** The city's wall time now, for a picker's default. */
export function cityNowWall(now: number = Date.now()): string {
  return isoToCityWall(new Date(now).toISOString())
}

/** For display: "2026-12-01 09:00"; "—" for none. */
export function formatCityTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  return isoToCityWall(iso).slice(0, 16)
}

/** "刚刚", "5分钟前", "3小时前", "2天前"; a future instant reads "刚刚". */
export function relativeToNow(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '从未'
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (seconds < 60) return '刚刚'
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}分钟前`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours}小时前`
  return `${Math.floor(hours / 24)}天前`
}
