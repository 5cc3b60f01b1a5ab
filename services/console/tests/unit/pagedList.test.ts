import { describe, expect, it } from 'vitest'
import { createPagedList, type Connection, type FetchPage } from '../../src/lib/pagedList'

/** A list of `total` titles served `size` at a time, as the API pages them. */
function server(titles: string[], size = 50): FetchPage<string> {
  return async (after) => {
    const start = after === null ? 0 : Number(after)
    const nodes = titles.slice(start, start + size)
    const page: Connection<string> = {
      totalCount: titles.length,
      nodes,
      pageInfo: { hasNextPage: start + size < titles.length, endCursor: String(start + nodes.length) },
    }
    return { page }
  }
}

const titles = (n: number, prefix = '通知') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`)

describe('a list read page by page', () => {
  it('reaches every one of 120 notices by loading more', async () => {
    // Given 120 notices, 50 a page
    const list = createPagedList(server(titles(120)))
    await list.reload()
    expect(list.state.items).toHaveLength(50)
    expect(list.state.total).toBe(120)
    // When the user loads more until there is no more
    while (list.state.hasMore) await list.loadMore()
    // Then all 120 are listed, once each, in order
    expect(list.state.items).toEqual(titles(120))
  })

  it('starts again from the first page when the filters change', async () => {
    const list = createPagedList(server(titles(120)))
    await list.reload()
    await list.loadMore()
    await list.reload(server(titles(3, '停水')))
    expect(list.state.items).toEqual(['停水1', '停水2', '停水3'])
    expect(list.state.hasMore).toBe(false)
  })

  it('drops a slow answer to filters that have since changed', async () => {
    let release: () => void = () => undefined
    const slow: FetchPage<string> = async (after) => {
      await new Promise<void>((resolve) => (release = resolve))
      return server(titles(5, '旧'))(after)
    }
    const list = createPagedList(slow)
    const first = list.reload()
    await list.reload(server(titles(2, '新')))
    release()
    await first
    expect(list.state.items).toEqual(['新1', '新2'])
  })

  it('keeps what was listed when a page cannot be read, and says why', async () => {
    let failing = false
    const flaky: FetchPage<string> = async (after) => (failing ? { error: '无法连接服务器' } : server(titles(80))(after))
    const list = createPagedList(flaky)
    await list.reload()
    failing = true
    await list.loadMore()
    expect(list.state.items).toHaveLength(50)
    expect(list.state.error).toBe('无法连接服务器')
    failing = false
    await list.loadMore()
    expect(list.state.items).toHaveLength(80)
  })
})
