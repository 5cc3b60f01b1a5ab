import { describe, expect, it } from 'vitest'
import { createSessionStore, hasRole, STORAGE_KEY, type KeyValueStorage, type SessionData } from '../../src/lib/session'

class MemoryStorage implements KeyValueStorage {
  items = new Map<string, string>()
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value)
  }
  removeItem(key: string): void {
    this.items.delete(key)
  }
}

const NOON = Date.parse('2026-12-01T04:00:00Z')

function sessionUntil(expiresAt: string): SessionData {
  return {
    token: 'qu_secret',
    expiresAt,
    account: { id: 'QWNjb3VudDox', username: 'wang', displayName: '王丽', role: 'EDITOR', scope: { id: 'Q29tbXVuaXR5OjE=', name: '工盛社区', level: 'COMMUNITY' } },
  }
}

describe('the staff session', () => {
  it('survives a reload of the tab (sessionStorage) until it expires', () => {
    const storage = new MemoryStorage()
    createSessionStore(storage, () => NOON).signIn(sessionUntil('2026-12-01T16:00:00+08:00'))

    const reloaded = createSessionStore(storage, () => NOON)

    expect(reloaded.token()).toBe('qu_secret')
    expect(reloaded.current()?.account.username).toBe('wang')
  })

  it('is dropped once expired, and says why', () => {
    const storage = new MemoryStorage()
    let now = NOON
    const store = createSessionStore(storage, () => now)
    store.signIn(sessionUntil('2026-12-01T13:00:00+08:00'))

    now = Date.parse('2026-12-01T05:00:01Z') // 13:00:01 in Zibo

    expect(store.token()).toBeNull()
    expect(store.state.endedReason).toBe('expired')
    expect(storage.getItem(STORAGE_KEY)).toBeNull()
  })

  it('signing out forgets the token everywhere, without calling it an expiry', () => {
    const storage = new MemoryStorage()
    const store = createSessionStore(storage, () => NOON)
    store.signIn(sessionUntil('2026-12-01T16:00:00+08:00'))

    store.signOut()

    expect(store.token()).toBeNull()
    expect(store.state.endedReason).toBeNull()
    expect(storage.items.size).toBe(0)
  })

  it('ignores a damaged or foreign entry', () => {
    const storage = new MemoryStorage()
    storage.setItem(STORAGE_KEY, '{"token": 42}')
    const garbled = createSessionStore(storage, () => NOON)
    storage.setItem(STORAGE_KEY, 'not json')
    const unreadable = createSessionStore(storage, () => NOON)

    expect(garbled.current()).toBeNull()
    expect(unreadable.current()).toBeNull()
    expect(storage.getItem(STORAGE_KEY)).toBeNull()
  })

  it('keeps working in memory when storage refuses (private browsing)', () => {
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
      removeItem: () => {
        throw new Error('denied')
      },
    }
    const store = createSessionStore(refusing, () => NOON)

    store.signIn(sessionUntil('2026-12-01T16:00:00+08:00'))

    expect(store.token()).toBe('qu_secret')
  })

  it('roles nest: an admin may do what a reviewer may, a reviewer what an editor may', () => {
    const as = (role: 'EDITOR' | 'REVIEWER' | 'ADMIN') => ({ ...sessionUntil('2030-01-01T00:00:00Z').account, role })
    expect(hasRole(as('ADMIN'), 'REVIEWER')).toBe(true)
    expect(hasRole(as('REVIEWER'), 'EDITOR')).toBe(true)
    expect(hasRole(as('EDITOR'), 'REVIEWER')).toBe(false)
    expect(hasRole(as('REVIEWER'), 'ADMIN')).toBe(false)
    expect(hasRole(null, 'EDITOR')).toBe(false)
  })
})
