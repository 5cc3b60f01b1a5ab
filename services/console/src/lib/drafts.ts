// Saving a content form: create or update the draft (an update of a published
// item makes a revision under a new id), then, if asked, submit it for review.
// A draft saved but not submitted is not lost: the form stays on it with why.
import type { Outcome } from './outcome'

/** What the API saved but screens will not show as typed (characters no screen font has). */
export interface SaveWarning {
  field: string
  message: string
}

export type SaveResult<T> =
  | { ok: true; item: T; revision: boolean; submitted: boolean; warnings: readonly SaveWarning[] }
  | { ok: false; fields: Record<string, string>; general: string[]; item: T | null; warnings: readonly SaveWarning[] }

export const NOT_SUBMITTED = '草稿已保存，但未能提交审核：'

export async function saveThenSubmit<P, T extends { id: string }>(steps: {
  /** The item being edited; null for a new one. */
  current: { id: string } | null
  save: () => Promise<Outcome<P>>
  item: (payload: P) => T | null | undefined
  /** What the saved payload warns of (characters screens cannot draw); none when omitted. */
  warnings?: (payload: P) => readonly SaveWarning[]
  /** Omitted: save only. */
  submit?: (item: T) => Promise<Outcome<unknown>>
}): Promise<SaveResult<T>> {
  const saved = await steps.save()
  if (!saved.ok) return { ...saved, item: null, warnings: [] }
  const item = steps.item(saved.payload)
  if (!item) return { ok: false, fields: {}, general: ['操作未完成：服务器没有返回保存的内容，请刷新后查看'], item: null, warnings: [] }
  const warnings = steps.warnings?.(saved.payload) ?? []
  const revision = steps.current !== null && item.id !== steps.current.id
  if (!steps.submit) return { ok: true, item, revision, submitted: false, warnings }
  const sent = await steps.submit(item)
  if (!sent.ok) return { ok: false, fields: sent.fields, general: [NOT_SUBMITTED, ...sent.general], item, warnings }
  return { ok: true, item, revision, submitted: true, warnings }
}

/** What a save without submitting says. */
export function draftSavedMessage(revision: boolean): string {
  return revision ? '已保存为修订稿：审核通过前，屏幕仍显示原内容' : '草稿已保存'
}
