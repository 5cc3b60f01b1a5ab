import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { useClientHandle } from '@urql/vue'
import { ElMessage } from 'element-plus'
import { computed, onBeforeUnmount, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { reported } from './actions'
import { describeFailure } from './errors'
import { mayApprove, statusesFor, statusFromQuery, type ScopedItem } from './items'
import type { ContentStatus } from './labels'
import type { Outcome } from './outcome'
import { createPagedList, type Connection, type FetchPage } from './pagedList'
import { hasRole, session } from './session'

const PAGE_SIZE = 50

interface ListVariables {
  status: ContentStatus[]
  region: string | null
  search: string | null
  first: number
  after?: string | null
}

/**
 * A list of the notices or honours my office manages (inside my scope),
 * filtered by review state and words and paged by the API (`query`, its
 * connection picked by `page`). The filters live in the address
 * (?status=…&q=…): back from an item, the list is as it was left.
 */
export function useContentList<D, T extends { id: string }>(
  query: TypedDocumentNode<D, ListVariables>,
  page: (data: D) => Connection<T>,
  /** What to say when an answer holds no list. */
  unread: string,
) {
  const route = useRoute()
  const router = useRouter()
  const client = useClientHandle().client
  const account = computed(() => session.state.data?.account ?? null)
  const status = ref<ContentStatus | ''>(statusFromQuery(route.query.status))
  const search = ref(typeof route.query.q === 'string' ? route.query.q : '')
  const searched = ref(search.value.trim())
  let typing: ReturnType<typeof setTimeout> | undefined
  watch(search, (value) => {
    clearTimeout(typing)
    typing = setTimeout(() => (searched.value = value.trim()), 300)
  })
  onBeforeUnmount(() => clearTimeout(typing))

  function fetcher(chosen: ContentStatus | '', term: string): FetchPage<T> {
    const variables = { status: statusesFor(chosen), region: account.value?.scope.id ?? null, search: term || null, first: PAGE_SIZE }
    return async (after) => {
      const result = await client.query(query, { ...variables, after }).toPromise()
      if (result.error) return { error: describeFailure(result.error) }
      if (!result.data) return { error: unread }
      return { page: page(result.data) }
    }
  }
  const list = createPagedList(fetcher(status.value, searched.value))
  watch(
    [status, searched],
    ([chosen, term]) => {
      void router.replace({ query: { ...(chosen ? { status: chosen } : {}), ...(term ? { q: term } : {}) } })
      void list.reload(fetcher(chosen, term))
    },
    { immediate: true },
  )

  /** A submission from the list: said in a message, and the item changed in place (a reload would lose the pages loaded). */
  function submitted<P>(outcome: Outcome<P>, item: (payload: P) => T | null | undefined): void {
    const payload = reported(outcome)
    if (!payload) return
    ElMessage.success('已提交审核')
    const sent = item(payload)
    if (sent) list.replace(sent, (a, b) => a.id === b.id)
  }

  /** A reviewer may take it up in 审核 (never one's own submission). */
  function reviewable(item: ScopedItem): boolean {
    return hasRole(account.value, 'REVIEWER') && mayApprove(item, account.value?.username)
  }

  return { status, search, searched, list, submitted, reviewable }
}
