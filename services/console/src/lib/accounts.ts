// Staff accounts as an administrator manages them: their state, what may be
// done to them from here, and new passwords.
import { PASSWORD_MIN } from './labels'
import type { Role } from './session'

export type AccountState = 'ACTIVE' | 'DISABLED' | 'LOCKED'

export const ACCOUNT_STATES: Record<AccountState, { label: string; tag: 'success' | 'info' | 'warning' }> = {
  ACTIVE: { label: '正常', tag: 'success' },
  DISABLED: { label: '已停用', tag: 'info' },
  LOCKED: { label: '已锁定', tag: 'warning' },
}

export interface AccountLike {
  id: string
  disabled: boolean
  /** Until when sign-in is locked after failed attempts (ISO), or null. */
  signInLockedUntil?: string | null
}

/**
 * Disabled outranks locked: a disabled account cannot sign in whether or not
 * it is locked too. A lock that has run out by `now` no longer counts.
 */
export function accountState(account: AccountLike, now: number = Date.now()): AccountState {
  if (account.disabled) return 'DISABLED'
  return isLocked(account, now) ? 'LOCKED' : 'ACTIVE'
}

/** What the edit dialog changes: role, scope and name, at the version it was read. */
export interface EditedAccount {
  id: string
  username: string
  displayName: string
  role: Role
  version: number
  scopeId: string | null
}

/** Whether sign-in is locked now: offer 解除锁定 (also on a disabled account, so enabling it lets them in). */
export function isLocked(account: AccountLike, now: number = Date.now()): boolean {
  const until = account.signInLockedUntil ? Date.parse(account.signInLockedUntil) : Number.NaN
  return until > now
}

/**
 * Whether this console offers to disable, re-role, re-scope or reset the
 * account. Not one's own: an admin who disabled or demoted themselves, or
 * moved their own scope, would lose the page they did it from (their own
 * password is changed under 修改密码, which asks for the current one).
 * Accounts outside one's scope never reach the list (the API leaves them out
 * and refuses changes to them).
 */
export function mayManage(account: AccountLike, myAccountId: string | null | undefined): boolean {
  return !!myAccountId && account.id !== myAccountId
}

// No 0/o, 1/l/i: a password read out over the phone or copied from a note.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const GROUPS = 3
const GROUP_LENGTH = 4

type RandomBytes = (length: number) => Uint8Array

const cryptoBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length))

/**
 * A new password such as "k7mp-3xqa-9rtw": 12 characters drawn evenly from 31
 * (about 59 bits), in groups of four to read and type. Bytes that would bias
 * the draw (248 and above) are drawn again.
 */
export function generatePassword(random: RandomBytes = cryptoBytes): string {
  const wanted = GROUPS * GROUP_LENGTH
  const limit = 256 - (256 % ALPHABET.length)
  const chars: string[] = []
  while (chars.length < wanted) {
    for (const byte of random(wanted)) {
      if (byte < limit && chars.length < wanted) chars.push(ALPHABET[byte % ALPHABET.length] as string)
    }
  }
  const groups: string[] = []
  for (let i = 0; i < wanted; i += GROUP_LENGTH) groups.push(chars.slice(i, i + GROUP_LENGTH).join(''))
  const password = groups.join('-')
  if (password.length < PASSWORD_MIN) throw new Error('generated password shorter than the API accepts')
  return password
}
