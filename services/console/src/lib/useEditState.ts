import type { CombinedError } from '@urql/core'
import { computed, type Ref } from 'vue'
import { describeFailure } from './errors'
import { mayEdit } from './items'
import type { ContentStatus } from './labels'

interface NodeQuery {
  data: Ref<{ node?: { __typename?: string } | null } | undefined>
  fetching: Ref<boolean>
  error: Ref<CombinedError | undefined>
}

/**
 * The item a content form opened (`node(id)` of the expected type), and what
 * the form knows of it: absent (or outside my scope: the API answers null for
 * both), editable or not now, or not loaded.
 */
export function useEditState<T extends { status: ContentStatus }>(editingId: Ref<string | null>, query: NodeQuery, typename: string) {
  const item = computed<T | null>(() => {
    const node = query.data.value?.node
    return node && node.__typename === typename ? (node as unknown as T) : null
  })
  return {
    item,
    missing: computed(
      () => editingId.value !== null && !query.fetching.value && !query.error.value && query.data.value !== undefined && !item.value,
    ),
    readOnly: computed(() => item.value !== null && !mayEdit(item.value.status)),
    loadError: computed(() => (query.error.value ? describeFailure(query.error.value) : null)),
  }
}
