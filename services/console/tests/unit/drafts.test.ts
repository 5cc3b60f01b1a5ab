import { describe, expect, it } from 'vitest'
import { draftSavedMessage, NOT_SUBMITTED, saveThenSubmit } from '../../src/lib/drafts'
import type { Outcome } from '../../src/lib/outcome'

type Item = { id: string; version: number }
const saved = (item: Item | null): Outcome<{ item: Item | null }> => ({ ok: true, payload: { item } })
const refused = (fields: Record<string, string>, general: string[] = []): Outcome<never> => ({ ok: false, fields, general })

describe('saving a form, then submitting it for review', () => {
  it('a new draft is saved and submitted', async () => {
    const submitted: string[] = []
    const result = await saveThenSubmit({
      current: null,
      save: async () => saved({ id: 'e1', version: 1 }),
      item: (p) => p.item,
      submit: async (item) => {
        submitted.push(item.id)
        return { ok: true, payload: {} }
      },
    })
    expect(result).toEqual({ ok: true, item: { id: 'e1', version: 1 }, revision: false, submitted: true, warnings: [] })
    expect(submitted).toEqual(['e1'])
  })

  it('refused at a field: nothing is submitted and the errors go to the form', async () => {
    let asked = false
    const result = await saveThenSubmit({
      current: null,
      save: async () => refused({ endsAt: '结束时间须晚于开始时间' }),
      item: (p: { item: Item | null }) => p.item,
      submit: async () => {
        asked = true
        return { ok: true, payload: {} }
      },
    })
    expect(result).toEqual({ ok: false, fields: { endsAt: '结束时间须晚于开始时间' }, general: [], item: null, warnings: [] })
    expect(asked).toBe(false)
  })

  it('a change to a published item is saved as a revision under a new id', async () => {
    const result = await saveThenSubmit({ current: { id: 'e1' }, save: async () => saved({ id: 'e2', version: 1 }), item: (p) => p.item })
    expect(result).toEqual({ ok: true, item: { id: 'e2', version: 1 }, revision: true, submitted: false, warnings: [] })
    expect(draftSavedMessage(true)).toContain('修订稿')
    expect(draftSavedMessage(false)).toBe('草稿已保存')
  })

  it('saved but not submitted: says so, and keeps the saved item for the form to stay on', async () => {
    // The API also warned of a character no screen font has: saved, so said too.
    const warning = { field: 'subjectName', message: '姓名或名称中的“\u{E000}”（U+E000）屏幕字体里没有' }
    const result = await saveThenSubmit({
      current: null,
      save: async () => ({ ok: true, payload: { item: { id: 'e1', version: 1 }, warnings: [warning] } }),
      item: (p) => p.item,
      warnings: (p) => p.warnings,
      submit: async () => refused({}, ['无法连接服务器，请稍后重试（已填写的内容已保留）']),
    })
    expect(result).toEqual({
      ok: false,
      fields: {},
      general: [NOT_SUBMITTED, '无法连接服务器，请稍后重试（已填写的内容已保留）'],
      item: { id: 'e1', version: 1 },
      warnings: [warning],
    })
  })

  it('an answer without the saved item is not taken for success', async () => {
    const result = await saveThenSubmit({ current: null, save: async () => saved(null), item: (p) => p.item })
    expect(result.ok).toBe(false)
  })
})
