// Review items of every kind (notices, honours, events) as the console names them.

export type ItemKind = 'Notice' | 'Honour' | 'Event'

const KIND_LABELS: Record<ItemKind, string> = { Notice: '通知', Honour: '荣誉', Event: '活动' }

export function kindLabel(typename: string | undefined): string {
  return KIND_LABELS[typename as ItemKind] ?? '内容'
}

/** Where the console edits an item. */
export function editPath(item: { __typename?: string; id: string }): string | null {
  if (item.__typename === 'Notice') return `/notices/${encodeURIComponent(item.id)}`
  if (item.__typename === 'Event') return `/events/${encodeURIComponent(item.id)}`
  if (item.__typename === 'Honour') return `/honours/${encodeURIComponent(item.id)}`
  return null
}

/**
 * The items of `item`'s series (重复活动) that I may act on, in queue order:
 * what 整个系列通过 sends in one call. None for an item outside any series.
 */
export function sameSeries<T>(item: T, queue: readonly T[], seriesId: (i: T) => string | null, may: (i: T) => boolean): T[] {
  const id = seriesId(item)
  return id ? queue.filter((i) => seriesId(i) === id && may(i)) : []
}
