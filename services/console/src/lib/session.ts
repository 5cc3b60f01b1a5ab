// The staff session: held in memory and mirrored to sessionStorage, so that a
// reload keeps it while closing the tab ends it. Never a cookie (a cross-site
// form could ride on it) and never localStorage (it would outlive the tab on a
// shared computer in a community hall).
import { reactive } from 'vue'

export type Role = 'EDITOR' | 'REVIEWER' | 'ADMIN'
export type RegionLevel = 'CITY' | 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY'

export interface SessionAccount {
  id: string
  username: string
  displayName: string
  role: Role
  scope: { id: string; name: string; level: RegionLevel }
}

export interface SessionData {
  token: string
  /** ISO instant from `login.expiresAt`. */
  expiresAt: string
  account: SessionAccount
}

export const STORAGE_KEY = 'qile.console.session'

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const ROLES: readonly Role[] = ['EDITOR', 'REVIEWER', 'ADMIN']
const ROLE_RANK: Record<Role, number> = { EDITOR: 1, REVIEWER: 2, ADMIN: 3 }

function isSessionData(value: unknown): value is SessionData {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const account = v.account as Record<string, unknown> | undefined
  const scope = account?.scope as Record<string, unknown> | undefined
  return (
    typeof v.token === 'string' &&
    v.token.length > 0 &&
    typeof v.expiresAt === 'string' &&
    !Number.isNaN(Date.parse(v.expiresAt)) &&
    typeof account?.id === 'string' &&
    typeof account.username === 'string' &&
    ROLES.includes(account.role as Role) &&
    typeof scope?.id === 'string' &&
    typeof scope.name === 'string'
  )
}

/** At least `role` (roles nest: ADMIN ⊇ REVIEWER ⊇ EDITOR). */
export function hasRole(account: SessionAccount | null | undefined, role: Role): boolean {
  return account != null && ROLE_RANK[account.role] >= ROLE_RANK[role]
}

export interface SessionStore {
  readonly state: { data: SessionData | null; endedReason: 'expired' | null }
  /** The live session, or null (an expired one is dropped on the way). */
  current(): SessionData | null
  token(): string | null
  signIn(data: SessionData): void
  /** Signing out on purpose. */
  signOut(): void
  /** The API no longer accepts the token (expired, revoked, password reset). */
  expire(): void
  updateAccount(account: SessionAccount): void
}

export function createSessionStore(storage: KeyValueStorage | null, now: () => number = Date.now): SessionStore {
  const state = reactive<{ data: SessionData | null; endedReason: 'expired' | null }>({
    data: null,
    endedReason: null,
  })

  function read(): SessionData | null {
    let raw: string | null = null
    try {
      raw = storage?.getItem(STORAGE_KEY) ?? null
    } catch {
      return null // storage disabled (private mode): memory only
    }
    if (raw === null) return null
    try {
      const parsed: unknown = JSON.parse(raw)
      if (isSessionData(parsed)) return parsed
    } catch {
      // fall through: a damaged entry is dropped
    }
    write(null)
    return null
  }

  function write(data: SessionData | null): void {
    try {
      if (data === null) storage?.removeItem(STORAGE_KEY)
      else storage?.setItem(STORAGE_KEY, JSON.stringify(data))
    } catch {
      // storage full or disabled: the session still lives in memory
    }
  }

  function isLive(data: SessionData): boolean {
    return Date.parse(data.expiresAt) > now()
  }

  state.data = read()

  const store: SessionStore = {
    state,
    current() {
      const data = state.data
      if (data === null) return null
      if (!isLive(data)) {
        store.expire()
        return null
      }
      return data
    },
    token() {
      return store.current()?.token ?? null
    },
    signIn(data) {
      state.data = data
      state.endedReason = null
      write(data)
    },
    signOut() {
      state.data = null
      state.endedReason = null
      write(null)
    },
    expire() {
      if (state.data !== null) state.endedReason = 'expired'
      state.data = null
      write(null)
    },
    updateAccount(account) {
      if (state.data === null) return
      state.data = { ...state.data, account }
      write(state.data)
    },
  }
  return store
}

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : null
  } catch {
    return null
  }
}

export const session = createSessionStore(browserStorage())
