// How many screens an urgent notice interrupts: every active screen whose
// community lies inside the notice's scope, bulletins and galleries alike
// (the kiosk shows urgent notices on a gallery too: qile_kiosk/slides.py).
import { useClientHandle } from '@urql/vue'
import { ScreensInScopeQuery } from '../api/screens'
import type { ScreensInScopeQuery as ScreensPage } from '../gql/graphql'
import { findRegion, idsUnder, type RegionNode } from './regions'

export interface ScreenCount {
  total: number
  bulletins: number
  galleries: number
}

export interface ScreenRef {
  kind: string
  community: { id: string }
}

export function countScreensIn(screens: readonly ScreenRef[], city: RegionNode | null, scopeId: string | null): ScreenCount | null {
  const scope = city && scopeId ? findRegion(city, scopeId) : null
  if (!scope) return null
  const inside = idsUnder(scope)
  const mine = screens.filter((s) => inside.has(s.community.id))
  const bulletins = mine.filter((s) => s.kind === 'BULLETIN').length
  return { total: mine.length, bulletins, galleries: mine.length - bulletins }
}

/** "每一块屏幕（共 3 块：宣传阅报栏 2 块、好人长廊 1 块）"; without a count, the first words alone. */
export function screensPhrase(count: ScreenCount | null): string {
  if (!count) return '每一块屏幕'
  if (count.total === 0) return '每一块屏幕（该范围目前还没有屏幕）'
  const kinds = [
    count.bulletins ? `宣传阅报栏 ${count.bulletins} 块` : '',
    count.galleries ? `好人长廊 ${count.galleries} 块` : '',
  ].filter(Boolean)
  return `每一块屏幕（共 ${count.total} 块：${kinds.join('、')}）`
}

/**
 * The screens I can see, read once (every page) when first asked for; null
 * when the API could not say, and the confirmation then goes without a number.
 */
export function useScreensInScope(): { screens: () => Promise<ScreenRef[] | null> } {
  const handle = useClientHandle()
  let loaded: Promise<ScreenRef[] | null> | null = null
  async function readAll(): Promise<ScreenRef[] | null> {
    const all: ScreenRef[] = []
    let after: string | null = null
    for (let pages = 0; pages < 50; pages++) {
      const result = await handle.client.query(ScreensInScopeQuery, { after }).toPromise()
      const page: ScreensPage['screens'] | undefined = result.data?.screens
      if (!page) return null
      all.push(...page.nodes)
      if (!page.pageInfo.hasNextPage) return all
      after = page.pageInfo.endCursor ?? null
    }
    return all
  }
  return {
    screens: () => {
      loaded ??= readAll().then((s) => {
        if (s === null) loaded = null // ask again next time
        return s
      })
      return loaded
    },
  }
}
