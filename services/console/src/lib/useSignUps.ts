// An event's sign-ups as staff read them, found by part of a name and paged
// with the API's cursors ("加载更多"); a newer search wins over an older answer.
import { useClientHandle, useQuery } from '@urql/vue'
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue'
import { EventSignUpSummaryQuery, SignUpsQuery } from '../api/signUps'
import type { EventFieldsFragment, SignUpFieldsFragment } from '../gql/graphql'
import { describeFailure } from './errors'
import { createPagedList, type FetchPage } from './pagedList'

export type SignUpItem = SignUpFieldsFragment

const PAGE_SIZE = 50

export function useSignUps(event: Ref<string>) {
  const client = useClientHandle().client
  const search = ref('')
  const searched = ref('')
  let typing: ReturnType<typeof setTimeout> | undefined
  watch(search, (value) => {
    clearTimeout(typing)
    typing = setTimeout(() => (searched.value = value.trim()), 300)
  })
  onBeforeUnmount(() => clearTimeout(typing))

  function fetcher(id: string, term: string): FetchPage<SignUpItem> {
    return async (after) => {
      const result = await client.query(SignUpsQuery, { event: id, search: term || null, first: PAGE_SIZE, after }).toPromise()
      if (result.error) return { error: describeFailure(result.error) }
      if (!result.data) return { error: '报名名单未能加载，请重试' }
      return { page: result.data.eventSignUps }
    }
  }
  const list = createPagedList(fetcher(event.value, searched.value))
  const reload = (): Promise<void> => list.reload(fetcher(event.value, searched.value))
  watch([event, searched], () => void reload(), { immediate: true })

  /** A sign-up changed by a check-in, put in its place. */
  function changed(item: SignUpItem): void {
    list.replace(item, (a, b) => a.id === b.id)
  }

  return { search, list, reload, changed }
}

export type SignUpEvent = EventFieldsFragment & { publicUrl: string }

/** The event (by its global ID in the address), its resident page's address and its scans. */
export function useSignUpEvent(id: Ref<string>) {
  const query = useQuery({ query: EventSignUpSummaryQuery, variables: computed(() => ({ id: id.value })) })
  const event = computed<SignUpEvent | null>(() => {
    const node = query.data.value?.node
    return node && node.__typename === 'Event' ? (node as unknown as SignUpEvent) : null
  })
  return {
    event,
    scans: computed(() => query.data.value?.eventScans ?? []),
    fetching: query.fetching,
    missing: computed(() => !query.fetching.value && !query.error.value && query.data.value !== undefined && !event.value),
    loadError: computed(() => (query.error.value ? describeFailure(query.error.value) : null)),
    reload: () => query.executeQuery(),
  }
}
