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
