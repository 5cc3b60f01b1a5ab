// Events as the calendar and the list read them: inside my scope, of the
// chosen states, fetched a page at a time through the same public API.
import { useClientHandle } from '@urql/vue'
import { ref, watch, type Ref } from 'vue'
import { EventsQuery } from '../api/events'
import type { EventFieldsFragment } from '../gql/graphql'
import { describeFailure } from './errors'
import type { ContentStatus } from './labels'
import { allPages, appendPage, type Page } from './paging'

export type EventItem = EventFieldsFragment

export interface EventFilter {
  /** My scope: events scoped to it or to a region under it. */
  within: string
  status: ContentStatus[]
  from?: string | null
  to?: string | null
  latestFirst?: boolean
}

/** The API's most rows a page. */
const PAGE_MAX = 100

class LoadFailed extends Error {}

function useFetchPage() {
  const { client } = useClientHandle()
  const myUsername = ref<string | null>(null)
  async function fetchPage(filter: EventFilter, first: number, after: string | null): Promise<Page<EventItem> & { totalCount: number }> {
    const result = await client.query(EventsQuery, { ...filter, latestFirst: filter.latestFirst ?? false, first, after }).toPromise()
    if (result.error || !result.data) throw new LoadFailed(result.error ? describeFailure(result.error) : '加载失败，请重试')
    myUsername.value = result.data.me?.username ?? null
    return result.data.events
  }
  return { fetchPage, myUsername }
}

/**
 * Loading state for requests of which only the latest counts: a newer filter
 * wins over an answer still on its way for an older one (a quick click
 * through weeks). `run(fetch, apply)` applies the answer only if still latest.
 */
function useLatest() {
  const fetching = ref(false)
  const error = ref<string | null>(null)
  let latest = 0
  async function run<T>(fetch: () => Promise<T>, apply: (answer: T) => void): Promise<void> {
    const mine = ++latest
    fetching.value = true
    error.value = null
    try {
      const answer = await fetch()
      if (mine === latest) apply(answer)
    } catch (e) {
      if (!(e instanceof LoadFailed)) throw e
      if (mine === latest) error.value = e.message
    } finally {
      if (mine === latest) fetching.value = false
    }
  }
  return { fetching, error, run }
}

/** Every event of a calendar's range (all its pages). */
export function useEventRange(filter: Ref<EventFilter | null>) {
  const { fetchPage, myUsername } = useFetchPage()
  const { fetching, error, run } = useLatest()
  const events = ref<EventItem[]>([])
  const complete = ref(true)

  async function load(): Promise<void> {
    const f = filter.value
    if (!f) return
    await run(
      () => allPages((after) => fetchPage(f, PAGE_MAX, after)),
      (all) => {
        events.value = all.nodes
        complete.value = all.complete
      },
    )
  }

  watch(filter, load, { immediate: true, deep: true })
  return { events, complete, fetching, error, myUsername, reload: load }
}

/** A list shown a page at a time, the next page appended on request (加载更多). */
export function useEventList(filter: Ref<EventFilter | null>, pageSize = 50) {
  const { fetchPage, myUsername } = useFetchPage()
  const { fetching, error, run } = useLatest()
  const events = ref<EventItem[]>([])
  const totalCount = ref(0)
  const cursor = ref<string | null>(null)
  const hasMore = ref(false)

  async function load(more: boolean): Promise<void> {
    const f = filter.value
    if (!f) return
    await run(
      () => fetchPage(f, pageSize, more ? cursor.value : null),
      (page) => {
        events.value = more ? appendPage(events.value, page.nodes) : [...page.nodes]
        totalCount.value = page.totalCount
        cursor.value = page.pageInfo.endCursor ?? null
        hasMore.value = page.pageInfo.hasNextPage
      },
    )
  }

  watch(filter, () => load(false), { immediate: true, deep: true })
  return {
    events,
    totalCount,
    hasMore,
    fetching,
    error,
    myUsername,
    reload: () => load(false),
    loadMore: () => load(true),
  }
}
