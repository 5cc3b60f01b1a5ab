import { describe, expect, it } from 'vitest'
import { allPages, appendPage, type Page } from '../../src/lib/paging'

/** The API's paging over `rows`, `size` a page, cursors being the last id. */
function api(rows: { id: string }[], size: number) {
  const asked: (string | null)[] = []
  const fetchPage = async (after: string | null): Promise<Page<{ id: string }>> => {
    asked.push(after)
    const start = after === null ? 0 : rows.findIndex((r) => r.id === after) + 1
    const nodes = rows.slice(start, start + size)
    return { nodes, pageInfo: { hasNextPage: start + size < rows.length, endCursor: nodes.at(-1)?.id ?? null } }
  }
  return { fetchPage, asked }
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i + 1}` }))

describe('lists longer than a page', () => {
  it('a calendar range with 250 events reads all of them, page after page', async () => {
    const { fetchPage, asked } = api(rows(250), 100)
    const { nodes, complete } = await allPages(fetchPage)
    expect(nodes).toHaveLength(250)
    expect(nodes.at(-1)!.id).toBe('e250')
    expect(complete).toBe(true)
    expect(asked).toEqual([null, 'e100', 'e200'])
  })

  it('stops at the page limit and says the rows are not complete', async () => {
    const { fetchPage } = api(rows(250), 100)
    const { nodes, complete } = await allPages(fetchPage, 2)
    expect(nodes).toHaveLength(200)
    expect(complete).toBe(false)
  })

  it('the next page is appended once, without a row shown twice', () => {
    const shown = [{ id: 'a' }, { id: 'b' }]
    expect(appendPage(shown, [{ id: 'b' }, { id: 'c' }]).map((n) => n.id)).toEqual(['a', 'b', 'c'])
  })
})
