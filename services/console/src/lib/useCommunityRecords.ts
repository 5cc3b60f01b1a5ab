import { useQuery } from '@urql/vue'
import { computed, type ComputedRef } from 'vue'
import { useRoute } from 'vue-router'
import { CommunityRecordsQuery } from '../api/records'
import { describeFailure } from './errors'
import { attestedCriteria, chooseCommunity, chooseYear, criteriaWording, rowsOf, yearOptions } from './recordForm'
import { kindOf, type KindSpec, type Options, type RecordRow } from './recordKinds'
import { useRegionTree } from './useRegionTree'

/**
 * What the list and the form of community records share: the kind in the
 * address, the community and year chosen there (kept inside my scope), and
 * that community's records for the year.
 */
export function useCommunityRecords() {
  const route = useRoute()
  const regions = useRegionTree()
  const spec: ComputedRef<KindSpec> = computed(() => kindOf(route.params.kind))
  const community = computed(() => chooseCommunity(route.query.community, regions.tree.value))
  const year = computed(() => chooseYear(route.query.year))
  const query = useQuery({
    query: CommunityRecordsQuery,
    variables: computed(() => ({ community: community.value ?? '', year: year.value })),
    pause: computed(() => community.value === null),
  })
  const node = computed(() => {
    const n = query.data.value?.node
    return n && n.__typename === 'Community' ? n : null
  })
  const parts = computed(() => node.value?.assessment.parts ?? [])
  return {
    regions,
    spec,
    community,
    year,
    years: computed(() => yearOptions(Date.now(), year.value)),
    query,
    communityName: computed(() => node.value?.name ?? ''),
    rows: computed<readonly RecordRow[]>(() => rowsOf(spec.value.kind, node.value)),
    criteria: computed<Options>(() => attestedCriteria(parts.value)),
    listContext: computed(() => ({ criteria: criteriaWording(parts.value) })),
    loading: computed(() => query.fetching.value || regions.fetching.value),
    loadError: computed(() => (query.error.value ? describeFailure(query.error.value) : regions.error.value)),
    /** Where a list of this community and year is: for links between the pages. */
    place: computed(() => ({ community: community.value ?? undefined, year: String(year.value) })),
  }
}
