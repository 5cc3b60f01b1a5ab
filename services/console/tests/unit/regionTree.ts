// A small region tree for the tests: two districts, one with an empty subdistrict.
import { treeFromCity } from '../../src/lib/regions'

export const CITY = treeFromCity({
  id: 'city',
  name: '淄博市',
  districts: [
    {
      id: 'zhangdian',
      name: '张店区',
      subdistricts: [
        { id: 'chezhan', name: '车站街道', communities: [{ id: 'gongsheng', name: '工盛社区' }, { id: 'heping', name: '和平社区' }] },
        { id: 'empty', name: '空街道', communities: [] },
      ],
    },
    { id: 'linzi', name: '临淄区', subdistricts: [{ id: 'wenmiao', name: '闻韶街道', communities: [{ id: 'qijing', name: '齐景社区' }] }] },
  ],
})
