import { describe, expect, it } from 'vitest'
import { ACCOUNT_STATES, accountState, generatePassword, isLocked, mayManage } from '../../src/lib/accounts'
import { PASSWORD_MIN } from '../../src/lib/labels'

const NOW = Date.parse('2026-11-28T10:00:00+08:00')

describe('an account’s state in the list', () => {
  it('is 正常 with no lock, or a lock that has run out', () => {
    expect(accountState({ id: 'a', disabled: false, signInLockedUntil: null }, NOW)).toBe('ACTIVE')
    expect(accountState({ id: 'a', disabled: false, signInLockedUntil: '2026-11-28T09:59:00+08:00' }, NOW)).toBe('ACTIVE')
  })

  it('is 已锁定 while failed sign-ins keep it out, and says so in Chinese', () => {
    const locked = { id: 'a', disabled: false, signInLockedUntil: '2026-11-28T10:15:00+08:00' }
    expect(accountState(locked, NOW)).toBe('LOCKED')
    expect(ACCOUNT_STATES[accountState(locked, NOW)].label).toBe('已锁定')
  })

  it('is 已停用 when disabled, locked or not; the lock can still be lifted', () => {
    const both = { id: 'a', disabled: true, signInLockedUntil: '2026-11-28T10:15:00+08:00' }
    expect(accountState(both, NOW)).toBe('DISABLED')
    expect(isLocked(both, NOW)).toBe(true)
  })
})

describe('what the console offers on an account', () => {
  it('offers to change others, never one’s own account', () => {
    expect(mayManage({ id: 'editor', disabled: false }, 'admin')).toBe(true)
    expect(mayManage({ id: 'admin', disabled: false }, 'admin')).toBe(false)
    expect(mayManage({ id: 'editor', disabled: false }, null)).toBe(false) // not known yet: offer nothing
  })
})

describe('a generated password', () => {
  it('is long enough for the API, in three groups of four, without look-alike characters', () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword()
      expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
      expect(password).not.toMatch(/[01ilo]/)
      expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN)
    }
  })

  it('differs each time', () => {
    const seen = new Set(Array.from({ length: 20 }, () => generatePassword()))
    expect(seen.size).toBe(20)
  })

  it('draws bytes again rather than favour some characters', () => {
    // 248–255 would make the first characters likelier: they are skipped, not folded in
    const batches = [new Uint8Array(12).fill(255), Uint8Array.from({ length: 12 }, (_, i) => i)]
    const password = generatePassword(() => batches.shift() ?? new Uint8Array(12))
    expect(password).toBe('abcd-efgh-jkmn')
  })
})
