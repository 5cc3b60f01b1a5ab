// The coming events a screen of a scope shows beside a notice (published, soonest first,
// with their resident pages), for the board preview: in portrait a screen draws them, with
// their QR codes, under a short notice. Those scoped above the community (a city-wide
// event) are left out: the preview shows what the scope itself has coming.
import { useQuery } from '@urql/vue'
import { computed, type ComputedRef } from 'vue'
import { ComingEventsQuery } from '../api/events'
import type { EventFields } from './boardPreview'

export function useComingEvents(scope: () => string | null): ComputedRef<EventFields[]> {
  // Once, when the form opens: a preview need not follow the clock.
  const from = new Date().toISOString()
  const coming = useQuery({
    query: ComingEventsQuery,
    variables: computed(() => ({ within: scope() ?? '', from })),
    pause: computed(() => !scope()),
  })
  return computed(() => (scope() ? (coming.data.value?.events.nodes ?? []) : []))
}
