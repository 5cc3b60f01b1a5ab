import { describe, expect, it } from 'vitest'
import type { RegionNode } from '../../src/lib/regions'
import { countScreensIn, screensPhrase } from '../../src/lib/screensInScope'

const community = (id: string): RegionNode => ({ id, name: id, level: 'COMMUNITY', children: [] })
const city: RegionNode = {
  id: 'zibo',
  name: '淄博市',
  level: 'CITY',
  children: [
    {
      id: 'zhangdian',
      name: '张店区',
      level: 'DISTRICT',
      children: [
        { id: 'chezhan', name: '车站街道', level: 'SUBDISTRICT', children: [community('gongsheng'), community('xingfu')] },
        { id: 'heping', name: '和平街道', level: 'SUBDISTRICT', children: [community('qijing')] },
      ],
    },
  ],
}
const screens = [
  { kind: 'BULLETIN', community: { id: 'gongsheng' } },
  { kind: 'GALLERY', community: { id: 'gongsheng' } },
  { kind: 'BULLETIN', community: { id: 'xingfu' } },
  { kind: 'BULLETIN', community: { id: 'qijing' } },
]

describe('the screens an urgent notice interrupts', () => {
  it('are every screen of every community inside the scope, galleries included', () => {
    expect(countScreensIn(screens, city, 'chezhan')).toEqual({ total: 3, bulletins: 2, galleries: 1 })
    expect(countScreensIn(screens, city, 'gongsheng')).toEqual({ total: 2, bulletins: 1, galleries: 1 })
    expect(countScreensIn(screens, city, 'zibo')?.total).toBe(4)
  })

  it('are named with their number in the confirmation', () => {
    expect(screensPhrase({ total: 3, bulletins: 2, galleries: 1 })).toBe('每一块屏幕（共 3 块：宣传阅报栏 2 块、好人长廊 1 块）')
    expect(screensPhrase({ total: 1, bulletins: 1, galleries: 0 })).toBe('每一块屏幕（共 1 块：宣传阅报栏 1 块）')
    expect(screensPhrase({ total: 0, bulletins: 0, galleries: 0 })).toContain('还没有屏幕')
    // When the API could not say, the sentence still warns, without a number.
    expect(screensPhrase(null)).toBe('每一块屏幕')
    expect(countScreensIn(screens, city, 'elsewhere')).toBeNull()
  })
})
