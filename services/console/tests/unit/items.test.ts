import { describe, expect, it } from 'vitest'
import { ALL_STATUSES, communityFilter, insideScope, mayApprove, mayEdit, statusesFor, statusFromQuery } from '../../src/lib/items'
import { charCount, textProblem } from '../../src/lib/labels'

describe('lists of items', () => {
  const mine = new Set(['chezhan', 'gongsheng'])

  it('keep what lies inside my scope: published items of other places are not mine to manage', () => {
    const items = [
      { title: '车站街道的', status: 'DRAFT' as const, scope: { id: 'gongsheng' } },
      { title: '全市的', status: 'PUBLISHED' as const, scope: { id: 'city' } },
      { title: '别的社区的', status: 'PUBLISHED' as const, scope: { id: 'qijing' } },
    ]
    expect(insideScope(items, mine).map((i) => i.title)).toEqual(['车站街道的'])
  })

  it('never offer approval of one’s own submission', () => {
    const item = { status: 'IN_REVIEW' as const, submittedBy: 'chezhan.reviewer', scope: { id: 'gongsheng' } }
    expect(mayApprove(item, 'chezhan.reviewer')).toBe(false)
    expect(mayApprove(item, 'another.reviewer')).toBe(true)
    expect(mayApprove({ ...item, status: 'DRAFT' }, 'another.reviewer')).toBe(false)
    expect(mayApprove(item, null)).toBe(false)
  })

  it('a community account narrows by its community; wider scopes do not', () => {
    expect(communityFilter({ id: 'gongsheng', level: 'COMMUNITY' })).toBe('gongsheng')
    expect(communityFilter({ id: 'chezhan', level: 'SUBDISTRICT' })).toBeNull()
  })

  it('ask for one status or all of them', () => {
    expect(statusesFor('REJECTED')).toEqual(['REJECTED'])
    expect(statusesFor('')).toEqual([...ALL_STATUSES])
  })

  it('a link names one status, or none: anything else means all', () => {
    expect(statusFromQuery('REJECTED')).toBe('REJECTED')
    expect(statusFromQuery('rejected')).toBe('')
    expect(statusFromQuery(['DRAFT'])).toBe('')
    expect(statusFromQuery(undefined)).toBe('')
  })

  it('items in review or archived are not editable; drafts, rejected and published ones are', () => {
    expect(ALL_STATUSES.filter(mayEdit)).toEqual(['DRAFT', 'PUBLISHED', 'REJECTED'])
  })

  it('says what the API would refuse of a text, as the user types', () => {
    expect(textProblem('  ', '活动名称', 30)).toBe('请填写活动名称')
    expect(textProblem('', '地点', 40, false)).toBeNull()
    expect(textProblem('一'.repeat(31), '活动名称', 30)).toBe('活动名称不能超过30个字（现有31个）')
    expect(textProblem(` ${'一'.repeat(30)} `, '活动名称', 30)).toBeNull()
  })

  it('count characters as the API does (code points)', () => {
    expect(charCount('3号楼周四上午停水')).toBe(9)
    expect(charCount('𠮷野家')).toBe(3) // one character outside the BMP, two UTF-16 units
  })
})
