// The GraphQL client: the same public API any client uses (no back door),
// with the staff token and the console's own header on every request.
import { Client, fetchExchange, mapExchange, type OperationResult } from '@urql/core'
import { isUnauthenticated } from './errors'
import type { SessionStore } from './session'

/** Sent with every request: the API can tell the console's requests (and require it for uploads). */
export const CLIENT_HEADER = ['X-Qile-Client', 'console'] as const
const TIMEOUT_MS = 30_000

/**
 * The API stopped accepting our token: a staff field answered UNAUTHENTICATED,
 * or `me` came back null while we still hold a token (public fields answer
 * anonymous callers instead of refusing them, so `me` is the tell).
 */
export function sessionEnded(result: Pick<OperationResult, 'data' | 'error'>, holdsToken: boolean): boolean {
  if (!holdsToken) return false
  if (isUnauthenticated(result.error)) return true
  const data = result.data as Record<string, unknown> | null | undefined
  return !!data && 'me' in data && data.me === null
}

export function authHeaders(token: string | null): Record<string, string> {
  const headers: Record<string, string> = { [CLIENT_HEADER[0]]: CLIENT_HEADER[1] }
  if (token) headers.Authorization = `Bearer ${token}`
  return headers
}

export function createApiClient(session: SessionStore, onSessionEnded: () => void, url = '/graphql'): Client {
  return new Client({
    url,
    // POST only: queries stay out of URLs, proxies' logs and the history.
    preferGetMethod: false,
    // No document cache: lists are read fresh, so one worker sees another's review at once.
    requestPolicy: 'network-only',
    fetchOptions: () => ({
      headers: authHeaders(session.token()),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }),
    exchanges: [
      mapExchange({
        onResult(result) {
          if (sessionEnded(result, session.state.data !== null)) onSessionEnded()
          return result
        },
      }),
      fetchExchange,
    ],
  })
}
