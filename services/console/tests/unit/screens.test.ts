import { describe, expect, it } from 'vitest'
import { SYNC_STATES, pairingCode, showingSummary, syncState, uptimeLabel } from '../../src/lib/screens'

describe('what a screen is showing now', () => {
  it('counts what it is given', () => {
    const showing = { notices: [{ title: '停水' }, { title: '防诈骗' }], honours: [], events: [{}] }
    expect(showingSummary(showing)).toBe('通知 2 条、活动 1 项')
  })

  it('names an urgent notice first: it preempts everything else', () => {
    const showing = { notices: [{ title: '燃气泄漏', urgent: true }], honours: [], events: [] }
    expect(showingSummary(showing)).toBe('紧急插播「燃气泄漏」；通知 1 条')
  })

  it('says when there is nothing but the slogan, and nothing for a retired screen', () => {
    expect(showingSummary({ notices: [], honours: [], events: [] })).toBe('暂无内容（只显示标语）')
    expect(showingSummary(null)).toBe('—')
  })

  it('tells a screen that caught up from one still behind or silent', () => {
    const base = { notices: [], honours: [], events: [] }
    expect(SYNC_STATES[syncState({ ...base, current: true })].label).toBe('已是最新内容')
    expect(syncState({ ...base, current: false })).toBe('BEHIND')
    expect(syncState({ ...base, current: null })).toBe('UNKNOWN')
  })

  it('reads how long it has been running', () => {
    expect(uptimeLabel(30)).toBe('不到1分钟')
    expect(uptimeLabel(2 * 3600 + 600)).toBe('2小时10分钟')
    expect(uptimeLabel(3 * 86400 + 5 * 3600)).toBe('3天5小时')
    expect(uptimeLabel(null)).toBe('—')
  })
})

describe('a pairing code as typed from the screen', () => {
  it('ignores case, spaces and dashes', () => {
    expect(pairingCode(' 7k4-q2m ')).toBe('7K4Q2M')
  })

  it('refuses what no screen shows: wrong length, or 0/O/1/I/L', () => {
    expect(pairingCode('7K4Q2')).toBeNull()
    expect(pairingCode('7K4Q2MM')).toBeNull()
    expect(pairingCode('7K4Q0M')).toBeNull()
    expect(pairingCode('7K4QIM')).toBeNull()
  })
})
