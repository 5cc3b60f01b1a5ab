import { describe, expect, it } from 'vitest'
import {
  SUBJECT_KINDS, awaitingConsent, cityYear, consentTag, consentTimeProblem, needsConsent, withdrawalEffect,
} from '../../src/lib/honours'
import { editPath } from '../../src/lib/review'

describe('consent to an honour', () => {
  it('is needed for a person or a household, not for a building or a merchant', () => {
    expect(SUBJECT_KINDS.filter(([kind]) => needsConsent(kind)).map(([, label]) => label)).toEqual(['个人', '家庭'])
  })

  it('holds a person’s honour back from review until it is given, and again once withdrawn', () => {
    expect(awaitingConsent({ subjectKind: 'PERSON', consent: { state: 'NONE' } })).toBe(true)
    expect(awaitingConsent({ subjectKind: 'PERSON', consent: null })).toBe(true)
    expect(awaitingConsent({ subjectKind: 'HOUSEHOLD', consent: { state: 'WITHDRAWN' } })).toBe(true)
    expect(awaitingConsent({ subjectKind: 'PERSON', consent: { state: 'GIVEN' } })).toBe(false)
    expect(awaitingConsent({ subjectKind: 'MERCHANT', consent: { state: 'NONE' } })).toBe(false)
  })

  it('shows as a tag only where it matters', () => {
    expect(consentTag({ subjectKind: 'PERSON', consent: { state: 'NONE' } })).toEqual({ label: '未登记同意', type: 'warning' })
    expect(consentTag({ subjectKind: 'PERSON', consent: { state: 'GIVEN' } })?.label).toBe('已登记同意')
    expect(consentTag({ subjectKind: 'HOUSEHOLD', consent: { state: 'WITHDRAWN' } })?.type).toBe('danger')
    expect(consentTag({ subjectKind: 'BUILDING', consent: { state: 'NONE' } })).toBeNull()
  })

  it('withdrawn, says what happens to the honour in its state', () => {
    expect(withdrawalEffect('PUBLISHED')).toContain('撤下')
    expect(withdrawalEffect('IN_REVIEW')).toContain('退回为草稿')
    expect(withdrawalEffect('DRAFT')).toContain('不能提交审核')
  })

  it('cannot be dated in the future (beyond a minute of clock difference)', () => {
    const now = Date.parse('2026-11-20T10:00:00+08:00')
    expect(consentTimeProblem('2026-11-20 09:59:00', now)).toBeNull()
    expect(consentTimeProblem('2026-11-20 10:00:30', now)).toBeNull()
    expect(consentTimeProblem('2026-11-20 10:05:00', now)).toBe('同意时间不能晚于现在')
    expect(consentTimeProblem(null, now)).toBe('请填写同意时间')
  })
})

describe('an honour’s year', () => {
  it('counts the year in the city: New Year’s Eve in New York is already the new year in Zibo', () => {
    expect(cityYear(Date.parse('2026-12-31T12:30:00-05:00'))).toBe(2027)
    expect(cityYear(Date.parse('2026-12-31T10:00:00+08:00'))).toBe(2026)
  })
})

describe('an honour among my items', () => {
  it('links to its form, as a notice does', () => {
    expect(editPath({ __typename: 'Honour', id: 'SG9ub3VyOjE=' })).toBe('/honours/SG9ub3VyOjE%3D')
    expect(editPath({ __typename: 'Notice', id: 'Tm90aWNlOjE=' })).toBe('/notices/Tm90aWNlOjE%3D')
  })
})
