// Review items of every kind (notices, honours, events) as the console names them.

export type ItemKind = 'Notice' | 'Honour' | 'Event'

const KIND_LABELS: Record<ItemKind, string> = { Notice: '通知', Honour: '荣誉', Event: '活动' }

export function kindLabel(typename: string | undefined): string {
  return KIND_LABELS[typename as ItemKind] ?? '内容'
}

/** Where the console edits an item; null for kinds it cannot edit yet (honours). */
export function editPath(item: { __typename?: string; id: string }): string | null {
  if (item.__typename === 'Notice') return `/notices/${encodeURIComponent(item.id)}`
  if (item.__typename === 'Event') return `/events/${encodeURIComponent(item.id)}`
  return null
}

export const CONSENT_LABELS: Record<string, string> = {
  NONE: '未记录同意',
  GIVEN: '已记录同意',
  WITHDRAWN: '已撤回同意',
}
