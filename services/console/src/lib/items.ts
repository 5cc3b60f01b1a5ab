// Content lists as the console shows them.
import type { ContentStatus } from './labels'

export const ALL_STATUSES: readonly ContentStatus[] = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'REJECTED', 'ARCHIVED']

export interface ScopedItem {
  status: ContentStatus
  /** The username that last submitted it (staff see it). */
  submittedBy?: string | null
  scope: { id?: string }
}

/**
 * Items whose scope lies inside mine: the ones I manage. Staff lists also
 * hold what is published anywhere (a city-wide notice applies everywhere);
 * those belong to other offices and are left out.
 */
export function insideScope<T extends ScopedItem>(items: readonly T[], scopeIds: ReadonlySet<string>): T[] {
  return items.filter((item) => item.scope.id !== undefined && scopeIds.has(item.scope.id))
}

/**
 * Nobody approves their own submission: the API refuses it and leaves it out
 * of `reviewQueue`; the console does not offer it anywhere else either.
 */
export function mayApprove(item: ScopedItem, myUsername: string | null | undefined): boolean {
  return item.status === 'IN_REVIEW' && !!myUsername && item.submittedBy !== myUsername
}

/**
 * The server-side narrowing for lists: a community's own account asks for
 * what applies to its community; wider scopes ask for everything.
 */
export function communityFilter(scope: { id: string; level: string } | null | undefined): string | null {
  return scope && scope.level === 'COMMUNITY' ? scope.id : null
}

/** Drafts, rejected and published items can be edited (a published one through a revision); not while in review or once archived. */
export function mayEdit(status: ContentStatus): boolean {
  return status !== 'IN_REVIEW' && status !== 'ARCHIVED'
}

/** A status named in a link (?status=DRAFT); '' (all) for anything else. */
export function statusFromQuery(value: unknown): ContentStatus | '' {
  return ALL_STATUSES.find((s) => s === value) ?? ''
}

/** The statuses a list asks for: one chosen, or all of them. */
export function statusesFor(chosen: ContentStatus | ''): ContentStatus[] {
  return chosen ? [chosen] : [...ALL_STATUSES]
}
