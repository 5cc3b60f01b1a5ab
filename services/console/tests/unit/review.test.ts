import { describe, expect, it } from 'vitest'
import { sameSeries } from '../../src/lib/review'

type Item = { id: string; series: string | null; mine: boolean }
const queue: Item[] = [
  { id: 'a', series: 's1', mine: false },
  { id: 'n', series: null, mine: false },
  { id: 'b', series: 's1', mine: false },
  { id: 'c', series: 's1', mine: true },
  { id: 'x', series: 's2', mine: false },
]
const seriesOf = (i: Item) => i.series
const mayApprove = (i: Item) => !i.mine

describe('a whole series is reviewed at once', () => {
  it('takes the queued items of the same series I may approve, in queue order', () => {
    expect(sameSeries(queue[2] as Item, queue, seriesOf, mayApprove).map((i) => i.id)).toEqual(['a', 'b'])
  })

  it('takes nothing for an item outside any series', () => {
    expect(sameSeries(queue[1] as Item, queue, seriesOf, mayApprove)).toEqual([])
  })
})
