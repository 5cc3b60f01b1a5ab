import { CombinedError } from '@urql/core'
import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'
import { authHeaders, sessionEnded } from '../../src/lib/client'
import { safeRedirect } from '../../src/router'

describe('every request', () => {
  it('names the console and carries the staff token when there is one', () => {
    expect(authHeaders('qu_abc')).toEqual({ 'X-Qile-Client': 'console', Authorization: 'Bearer qu_abc' })
    expect(authHeaders(null)).toEqual({ 'X-Qile-Client': 'console' })
  })
})

describe('telling that the API ended the session', () => {
  const unauthenticated = new CombinedError({
    graphQLErrors: [new GraphQLError('请先登录', { extensions: { code: 'UNAUTHENTICATED' } })],
  })

  it('a staff field refused as UNAUTHENTICATED', () => {
    expect(sessionEnded({ data: null, error: unauthenticated }, true)).toBe(true)
  })

  it('`me` null while we still hold a token (public fields answer anyone)', () => {
    expect(sessionEnded({ data: { me: null, notices: { nodes: [] } } }, true)).toBe(true)
    expect(sessionEnded({ data: { me: { id: 'x' } } }, true)).toBe(false)
  })

  it('not while signed out (the sign-in page itself)', () => {
    expect(sessionEnded({ data: { me: null } }, false)).toBe(false)
    expect(sessionEnded({ data: null, error: unauthenticated }, false)).toBe(false)
  })

  it('not for answers that do not ask about `me`', () => {
    expect(sessionEnded({ data: { login: { token: null } } }, true)).toBe(false)
  })
})

describe('after signing in, back to where the user was', () => {
  it('a path of this console', () => {
    expect(safeRedirect('/notices/Tm90aWNlOjE=?x=1')).toBe('/notices/Tm90aWNlOjE=?x=1')
  })

  it('never another site, nor the sign-in page again', () => {
    for (const bad of ['//evil.example/x', 'https://evil.example', '/login?redirect=/', undefined, 42]) {
      expect(safeRedirect(bad)).toBe('/')
    }
  })
})
