import { describe, expect, it } from 'vitest'
import { cityNowWall, cityWallToIso, formatCityTime, isoToCityWall, relativeToNow } from '../../src/lib/time'

describe('times in Zibo (Asia/Shanghai), whatever zone the browser is in', () => {
  it('a picked wall time is sent with the city’s offset', () => {
    expect(cityWallToIso('2026-12-03 08:00:00')).toBe('2026-12-03T08:00:00+08:00')
    expect(cityWallToIso('2026-12-03 08:00')).toBe('2026-12-03T08:00:00+08:00')
    expect(() => cityWallToIso('next Thursday')).toThrow()
  })

  it('an instant reads as the city’s wall time, from UTC or from +08:00', () => {
    expect(isoToCityWall('2026-12-03T00:00:00+00:00')).toBe('2026-12-03 08:00:00')
    expect(isoToCityWall('2026-12-03T08:00:00+08:00')).toBe('2026-12-03 08:00:00')
    // 16:30 UTC is half past midnight of the next day in Zibo
    expect(isoToCityWall('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30:00')
  })

  it('round trips', () => {
    const wall = '2026-06-15 23:59:59'
    expect(isoToCityWall(cityWallToIso(wall))).toBe(wall)
  })

  it('shows minutes, and a dash for no time', () => {
    expect(formatCityTime('2026-12-03T01:05:09Z')).toBe('2026-12-03 09:05')
    expect(formatCityTime(null)).toBe('—')
    expect(cityNowWall(Date.parse('2026-12-03T01:05:09Z'))).toBe('2026-12-03 09:05:09')
  })

  it('says how long ago a screen was seen', () => {
    const now = Date.parse('2026-12-03T08:00:00+08:00')
    expect(relativeToNow('2026-12-03T07:59:30+08:00', now)).toBe('刚刚')
    expect(relativeToNow('2026-12-03T07:55:00+08:00', now)).toBe('5分钟前')
    expect(relativeToNow('2026-12-03T05:00:00+08:00', now)).toBe('3小时前')
    expect(relativeToNow('2026-11-30T08:00:00+08:00', now)).toBe('3天前')
    expect(relativeToNow(null, now)).toBe('从未')
  })
})
