// A long list read page by page with the API's cursors ("加载更多"): pages
// accumulate, a change of filters starts again from the first page, and an
// answer to filters that have since changed is dropped rather than shown.
import { shallowReactive } from 'vue'

export interface Connection<T> {
  totalCount: number
  nodes: readonly T[]
  pageInfo: { hasNextPage: boolean; endCursor?: string | null }
}

/** One page after `after` (null: the first), or why it could not be read. */
export type FetchPage<T> = (after: string | null) => Promise<{ page: Connection<T> } | { error: string }>

export interface PagedList<T> {
  readonly state: {
    items: T[]
    total: number
    hasMore: boolean
    loading: boolean
    error: string | null
  }
  /** From the first page, with `fetch` (new filters) if given. */
  reload(fetch?: FetchPage<T>): Promise<void>
  loadMore(): Promise<void>
  /** Put a changed item in place (after a mutation returned it). */
  replace(item: T, same: (a: T, b: T) => boolean): void
}

export function createPagedList<T>(initial: FetchPage<T>): PagedList<T> {
  // Shallow: items are replaced whole, never changed inside.
  const state = shallowReactive({ items: [] as T[], total: 0, hasMore: false, loading: false, error: null as string | null })
  let fetchPage = initial
  let cursor: string | null = null
  // Each reload is a new generation; answers for an older one are stale.
  let generation = 0

  async function read(after: string | null, gen: number): Promise<void> {
    state.loading = true
    state.error = null
    const answer = await fetchPage(after)
    if (gen !== generation) return
    state.loading = false
    if ('error' in answer) {
      state.error = answer.error
      return
    }
    const { page } = answer
    state.items = after === null ? [...page.nodes] : [...state.items, ...page.nodes]
    state.total = page.totalCount
    state.hasMore = page.pageInfo.hasNextPage
    cursor = page.pageInfo.endCursor ?? null
  }

  return {
    state: state as PagedList<T>['state'],
    reload(fetch) {
      if (fetch) fetchPage = fetch
      generation += 1
      cursor = null
      return read(null, generation)
    },
    loadMore() {
      if (state.loading || !state.hasMore) return Promise.resolve()
      return read(cursor, generation)
    },
    replace(item, same) {
      state.items = state.items.map((x) => (same(x, item) ? item : x))
    },
  }
}
