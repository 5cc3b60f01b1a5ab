// Lists the API hands out a page at a time (at most 100 rows a page).

export interface Page<T> {
  nodes: readonly T[]
  pageInfo: { hasNextPage: boolean; endCursor?: string | null }
}

/**
 * Every row, page after page, up to `maxPages` pages: a calendar shows the
 * whole range, not its first hundred. `complete` is false when rows were
 * left (more pages than that, or a page that promised more without a cursor).
 */
export async function allPages<T>(
  fetchPage: (after: string | null) => Promise<Page<T>>,
  maxPages = 20,
): Promise<{ nodes: T[]; complete: boolean }> {
  const nodes: T[] = []
  let after: string | null = null
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await fetchPage(after)
    nodes.push(...page.nodes)
    if (!page.pageInfo.hasNextPage) return { nodes, complete: true }
    if (!page.pageInfo.endCursor) break
    after = page.pageInfo.endCursor
  }
  return { nodes, complete: false }
}

/** The next page appended to what is shown; a row already shown (moved between requests) stays once. */
export function appendPage<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(shown.map((n) => n.id))
  return [...shown, ...page.filter((n) => !seen.has(n.id))]
}
