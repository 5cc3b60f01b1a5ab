import { describe, expect, it } from 'vitest'
import { diffText, revisionChanges } from '../../src/lib/revisionDiff'

const published = {
  title: '3号楼周四上午停水',
  body: '周四8:00至12:00停水检修，请提前储水。',
  categoryLabel: '便民服务',
  priority: 0,
  urgent: false,
  displayStart: '2026-05-14T01:00:00+00:00',
  displayEnd: null,
  scope: { name: '工盛社区' },
}

describe('what a revision changes', () => {
  it('marks the changed words of a Chinese text, not the whole text', () => {
    // Given a published sentence and its revision, when compared, then only the changed words are marked.
    const parts = diffText('周四上午停水，请提前储水。', '周五下午停水，请大家提前储水。')
    expect(parts.filter((p) => p.change === 'removed').map((p) => p.text).join('')).toBe('周四上午')
    expect(parts.filter((p) => p.change === 'added').map((p) => p.text).join('')).toBe('周五下午大家')
    expect(parts.filter((p) => p.change !== 'added').map((p) => p.text).join('')).toBe('周四上午停水，请提前储水。')
    expect(parts.filter((p) => p.change !== 'removed').map((p) => p.text).join('')).toBe('周五下午停水，请大家提前储水。')
  })

  it('lists only the fields that differ, in the reviewer’s words', () => {
    const revision = { ...published, title: '3号楼周五上午停水', priority: 50, displayEnd: '2026-05-16T04:00:00+00:00' }
    const changes = revisionChanges('Notice', revision, published)
    expect(changes.map((c) => c.label)).toEqual(['标题', '展示时间', '优先级'])
    const window = changes.find((c) => c.field === 'window')
    // Times read in the city's zone.
    expect(window?.before).toBe('2026-05-14 09:00 至 长期')
    expect(window?.after).toBe('2026-05-14 09:00 至 2026-05-16 12:00')
  })

  it('finds nothing to show when the revision changes nothing', () => {
    expect(revisionChanges('Notice', { ...published }, published)).toEqual([])
  })

  it('tells an honour’s new photo by the image, not by its signed link', () => {
    const honour = { title: '好邻居', subjectKind: 'PERSON', subjectName: '王秀兰', citation: '十年如一日', year: 2025, scope: { name: '工盛社区' } }
    const same = revisionChanges('Honour', { ...honour, photo: { sha256: 'aa11' } }, { ...honour, photo: { sha256: 'aa11' } })
    expect(same).toEqual([])
    const changed = revisionChanges('Honour', { ...honour, photo: { sha256: 'bb22' } }, { ...honour, photo: null })
    expect(changed.map((c) => c.label)).toEqual(['照片'])
  })
})
