import { describe, expect, it } from 'vitest'
import { PageCursors, actionChoices, actionLabel, auditChanges, auditWindow } from '../../src/lib/audit'

describe('what an audit entry says was done', () => {
  it('names account and screen actions', () => {
    expect(actionLabel('accountDisable')).toBe('停用账号')
    expect(actionLabel('screenRotateToken')).toBe('更换屏幕令牌')
  })

  it('names content actions from their type and verb', () => {
    expect(actionLabel('noticeApprove')).toBe('审核通过通知')
    expect(actionLabel('eventArchive')).toBe('下架活动')
    expect(actionLabel('facilityDelete')).toBe('删除设施')
    expect(actionLabel('eventBatchApprove')).toBe('整个系列审核通过')
  })

  it('never shows a mutation’s English name', () => {
    expect(actionLabel('somethingNew')).toBe('其他操作')
    for (const group of actionChoices()) {
      for (const option of group.options) expect(option.label).not.toMatch(/[A-Za-z]/)
    }
  })
})

describe('the filter’s days are Zibo’s days', () => {
  it('runs from the first day’s midnight to the midnight after the last, at +08:00', () => {
    expect(auditWindow(['2026-11-27', '2026-11-28'])).toEqual({
      since: '2026-11-27T00:00:00+08:00',
      until: '2026-11-29T00:00:00+08:00',
    })
  })

  it('crosses months and years', () => {
    expect(auditWindow(['2026-12-31', '2026-12-31']).until).toBe('2027-01-01T00:00:00+08:00')
    expect(auditWindow(['2028-02-28', '2028-02-28']).until).toBe('2028-02-29T00:00:00+08:00')
  })

  it('no days chosen means no limit', () => {
    expect(auditWindow([])).toEqual({})
    expect(auditWindow(null)).toEqual({})
  })
})

describe('what an entry changed', () => {
  const editor = { id: 7, username: 'wang.li', display_name: '王丽', role: 'EDITOR', scope_region_id: 12, disabled: false, version: 1 }

  it('shows a change of role and state as before → after, and a move without numbers', () => {
    const after = { ...editor, role: 'REVIEWER', scope_region_id: 3, version: 2 }
    expect(auditChanges(editor, after)).toEqual(['角色：编辑 → 审核员', '管辖范围已变更'])
    expect(auditChanges(editor, { ...editor, disabled: true, version: 2 })).toEqual(['状态：正常 → 已停用'])
  })

  it('shows a new account’s name and role, not its username again', () => {
    expect(auditChanges(null, editor)).toEqual(['姓名：王丽', '角色：编辑', '状态：正常'])
    expect(auditChanges(null, { ...editor, display_name: '' })).toEqual(['角色：编辑', '状态：正常'])
  })

  it('counts fields it has no name for', () => {
    expect(auditChanges({ a: 1, b: 2, title: '旧' }, { a: 2, b: 3, title: '新' })).toEqual(['标题：旧 → 新', '另有 2 项改动'])
  })

  it('says nothing when nothing was recorded', () => {
    expect(auditChanges(null, null)).toEqual([])
    expect(auditChanges({ x: 1 }, 'not a snapshot')).toEqual([])
  })
})

describe('paging through the log', () => {
  it('goes forward by end cursors and back to where each page began', () => {
    const pages = new PageCursors()
    expect([pages.page, pages.after]).toEqual([1, null])
    pages.next('c20')
    pages.next('c40')
    expect([pages.page, pages.after]).toEqual([3, 'c40'])
    pages.previous()
    expect([pages.page, pages.after]).toEqual([2, 'c20'])
    pages.reset()
    expect([pages.page, pages.after]).toEqual([1, null])
    pages.previous()
    expect(pages.page).toBe(1)
  })
})
