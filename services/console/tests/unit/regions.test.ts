import { describe, expect, it } from 'vitest'
import { cascaderOptions, findRegion, idsUnder, pathNames } from '../../src/lib/regions'
import { CITY } from './regionTree'

describe('the region tree under one’s scope', () => {
  it('a reviewer of 车站街道 manages its communities, and nothing beside it', () => {
    const chezhan = findRegion(CITY, 'chezhan')
    const ids = idsUnder(chezhan)
    expect([...ids].sort()).toEqual(['chezhan', 'gongsheng', 'heping'])
    expect(ids.has('qijing')).toBe(false)
    expect(ids.has('zhangdian')).toBe(false) // above is not inside
  })

  it('names a region by its path', () => {
    expect(pathNames(CITY, 'gongsheng')).toEqual(['淄博市', '张店区', '车站街道', '工盛社区'])
    expect(pathNames(CITY, 'nowhere')).toEqual([])
  })

  it('a scope may be chosen at any level of one’s subtree', () => {
    const options = cascaderOptions(findRegion(CITY, 'zhangdian')!)
    expect(options).toHaveLength(1)
    expect(options[0]!.label).toBe('张店区')
    expect(options[0]!.children!.map((o) => o.label)).toEqual(['车站街道', '空街道'])
  })

  it('a screen stands in a community: branches without one are left out', () => {
    const options = cascaderOptions(CITY, ['COMMUNITY'])
    const zhangdian = options[0]!.children![0]!
    expect(zhangdian.children!.map((o) => o.label)).toEqual(['车站街道'])
    expect(zhangdian.children![0]!.children!.map((o) => o.value)).toEqual(['gongsheng', 'heping'])
  })

  it('an empty tree offers nothing', () => {
    expect(idsUnder(null).size).toBe(0)
    expect(cascaderOptions(findRegion(CITY, 'empty')!, ['COMMUNITY'])).toEqual([])
  })
})
