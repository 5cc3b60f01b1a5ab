import { useQuery } from '@urql/vue'
import { computed, type ComputedRef } from 'vue'
import { RegionTreeQuery } from '../api/regions'
import { describeFailure } from './errors'
import { findRegion, idsUnder, treeFromCity, type RegionNode } from './regions'

/** The region tree under my scope (null while loading), the ids in it, and the whole city's tree. */
export function useRegionTree(): {
  tree: ComputedRef<RegionNode | null>
  city: ComputedRef<RegionNode | null>
  scopeIds: ComputedRef<Set<string>>
  fetching: ComputedRef<boolean>
  error: ComputedRef<string | null>
} {
  const q = useQuery({ query: RegionTreeQuery })
  const city = computed(() => (q.data.value ? treeFromCity(q.data.value.city) : null))
  const tree = computed(() => {
    const data = q.data.value
    const scopeId = data?.me?.scope && 'id' in data.me.scope ? data.me.scope.id : null
    if (!city.value || !scopeId) return null
    return findRegion(city.value, scopeId)
  })
  return {
    tree,
    city,
    scopeIds: computed(() => idsUnder(tree.value)),
    fetching: computed(() => q.fetching.value),
    error: computed(() => (q.error.value ? describeFailure(q.error.value) : null)),
  }
}
