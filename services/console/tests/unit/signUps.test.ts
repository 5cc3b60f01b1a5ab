import { describe, expect, it } from 'vitest'
import { doorOpen, placesText, scanRows, screenCountText, shownMobile, signUpProblems, signUpsFileName } from '../../src/lib/signUps'

const ENDS = '2026-12-01T11:00:00+08:00'

describe('the sign-up fields of the event form, checked as the API checks them', () => {
  it('takes no window (no sign-up) and no limit', () => {
    expect(signUpProblems({ capacity: null, opensAt: null, closesAt: null, endsAt: ENDS })).toEqual({})
  })

  it('asks for both ends of the window, at the one missing', () => {
    expect(signUpProblems({ capacity: null, opensAt: '2026-11-20T09:00:00+08:00', closesAt: null, endsAt: ENDS })).toEqual({
      signUpClosesAt: '请同时填写报名开始和截止时间（都不填则无需报名）',
    })
    expect(signUpProblems({ capacity: 3, opensAt: null, closesAt: '2026-11-20T09:00:00+08:00', endsAt: ENDS })).toEqual({
      signUpOpensAt: '请同时填写报名开始和截止时间（都不填则无需报名）',
    })
  })

  it('wants the window open before it closes, and closed by the end of the event', () => {
    const opensAt = '2026-11-20T09:00:00+08:00'
    expect(signUpProblems({ capacity: null, opensAt, closesAt: opensAt, endsAt: ENDS }).signUpClosesAt).toBe('报名截止时间须晚于报名开始时间')
    expect(signUpProblems({ capacity: null, opensAt, closesAt: '2026-12-01T11:00:01+08:00', endsAt: ENDS }).signUpClosesAt).toBe(
      '报名截止时间不能晚于活动结束时间',
    )
    expect(signUpProblems({ capacity: null, opensAt, closesAt: ENDS, endsAt: ENDS })).toEqual({})
  })

  it('keeps places between 1 and 100000', () => {
    const window = { opensAt: null, closesAt: null, endsAt: ENDS }
    expect(signUpProblems({ capacity: 0, ...window }).capacity).toBe('报名名额须在1到100000之间')
    expect(signUpProblems({ capacity: 100_001, ...window }).capacity).toBe('报名名额须在1到100000之间')
    expect(signUpProblems({ capacity: 100_000, ...window })).toEqual({})
  })
})

describe('what staff read of sign-ups', () => {
  it('says the places left, no limit, or no sign-up', () => {
    expect(placesText({ capacity: 3, placesLeft: 1, signUpState: 'OPEN' })).toBe('共3人，剩余1人')
    expect(placesText({ capacity: null, placesLeft: null, signUpState: 'OPEN' })).toBe('不限名额')
    expect(placesText({ capacity: 3, placesLeft: 3, signUpState: 'NONE' })).toBe('无需报名')
  })

  it('opens the door three hours before a published event starts', () => {
    const startsAt = '2026-12-01T09:00:00+08:00'
    const start = Date.parse(startsAt)
    expect(doorOpen({ status: 'PUBLISHED', startsAt }, start - 3 * 3600_000)).toBe(true)
    expect(doorOpen({ status: 'PUBLISHED', startsAt }, start - 3 * 3600_000 - 1)).toBe(false)
    expect(doorOpen({ status: 'IN_REVIEW', startsAt }, start)).toBe(false)
  })

  it('shows the full number only when the API gives it', () => {
    expect(shownMobile({ mobile: null, mobileMasked: '138****5678' })).toBe('138****5678')
    expect(shownMobile({ mobile: '13812345678', mobileMasked: '138****5678' })).toBe('13812345678')
  })

  it('saves the list under the API’s Chinese name, without path separators', () => {
    expect(signUpsFileName('活动报名-重阳节包饺子.csv', '重阳节包饺子')).toBe('活动报名-重阳节包饺子.csv')
    expect(signUpsFileName(null, '读书/分享会')).toBe('活动报名-读书分享会.csv')
  })

  it('ranks screens by the people they brought, then scans, those outside my scope counted together last', () => {
    const screen = (id: string, name: string) => ({ id, name, community: { name: '工盛社区' } })
    const rows = scanRows([
      { opens: 2, people: 3, screen: screen('S1', '大厅东屏') },
      { opens: 1, people: 0, screen: null },
      { opens: 5, people: 0, screen: screen('S2', '广场屏') },
      { opens: 4, people: 3, screen: screen('S3', '楼道屏') },
      { opens: 3, people: 2, screen: null },
    ])
    expect(rows.map((r) => [r.name, r.opens, r.people])).toEqual([
      ['楼道屏', 4, 3],
      ['大厅东屏', 2, 3],
      ['广场屏', 5, 0],
      ['辖区外的屏幕', 4, 2],
    ])
  })

  it('says what a screen did: scans and people, nothing yet as zero', () => {
    expect(screenCountText({ opens: 3, people: 5 })).toBe('扫码3次 · 报名5人')
    expect(screenCountText(undefined)).toBe('扫码0次 · 报名0人')
  })
})
