import { useQuery } from '@urql/vue'
import { computed, type ComputedRef } from 'vue'
import { RegionTreeQuery } from '../api/regions'
import { describeFailure } from './errors'
import { findRegion, idsUnder, treeFromCity, type RegionNode } from './regions'

/** The region tree under my scope (null while loading), and the ids in it. */
export function useRegionTree(): {
  tree: ComputedRef<RegionNode | null>
  scopeIds: ComputedRef<Set<string>>
  fetching: ComputedRef<boolean>
  error: ComputedRef<string | null>
} {
  const q = useQuery({ query: RegionTreeQuery })
  const tree = computed(() => {
    const data = q.data.value
    const scopeId = data?.me?.scope && 'id' in data.me.scope ? data.me.scope.id : null
    if (!data || !scopeId) return null
    return findRegion(treeFromCity(data.city), scopeId)
  })
  return {
    tree,
    scopeIds: computed(() => idsUnder(tree.value)),
    fetching: computed(() => q.fetching.value),
    error: computed(() => (q.error.value ? describeFailure(q.error.value) : null)),
  }
}
