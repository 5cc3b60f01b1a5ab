// The region tree (市 → 区县 → 街道/镇 → 社区) as the console uses it: the part
// under the signed-in account's scope, for choosing a scope and for telling
// whether an item lies inside one's own.
import type { RegionLevel } from './session'

export interface RegionNode {
  id: string
  name: string
  level: RegionLevel
  children: RegionNode[]
}

export interface CascaderOption {
  value: string
  label: string
  children?: CascaderOption[]
}

export const LEVEL_LABELS: Record<RegionLevel, string> = {
  CITY: '市',
  DISTRICT: '区县',
  SUBDISTRICT: '街道/镇',
  COMMUNITY: '社区',
}

interface CityShape {
  id: string
  name: string
  districts: {
    id: string
    name: string
    subdistricts: { id: string; name: string; communities: { id: string; name: string }[] }[]
  }[]
}

/** The API's `city { districts { subdistricts { communities } } }` as one tree. */
export function treeFromCity(city: CityShape): RegionNode {
  return {
    id: city.id,
    name: city.name,
    level: 'CITY',
    children: city.districts.map((d) => ({
      id: d.id,
      name: d.name,
      level: 'DISTRICT',
      children: d.subdistricts.map((s) => ({
        id: s.id,
        name: s.name,
        level: 'SUBDISTRICT',
        children: s.communities.map((c) => ({ id: c.id, name: c.name, level: 'COMMUNITY', children: [] })),
      })),
    })),
  }
}

export function findRegion(tree: RegionNode, id: string): RegionNode | null {
  if (tree.id === id) return tree
  for (const child of tree.children) {
    const found = findRegion(child, id)
    if (found) return found
  }
  return null
}

/** The names from the root down to `id`, e.g. ["淄博市", "张店区", "车站街道"]; [] if absent. */
export function pathNames(tree: RegionNode, id: string): string[] {
  if (tree.id === id) return [tree.name]
  for (const child of tree.children) {
    const below = pathNames(child, id)
    if (below.length) return [tree.name, ...below]
  }
  return []
}

/** Every region id in the subtree, the root included. */
export function idsUnder(tree: RegionNode | null): Set<string> {
  const ids = new Set<string>()
  const walk = (n: RegionNode): void => {
    ids.add(n.id)
    n.children.forEach(walk)
  }
  if (tree) walk(tree)
  return ids
}

/**
 * Options for an Element Plus cascader over `tree`, keeping only the branches
 * that lead to a region of a `selectable` level. With every level selectable
 * the cascader runs with `check-strictly` (any level may be chosen); with
 * communities only, communities are the leaves and the only choices.
 */
export function cascaderOptions(
  tree: RegionNode,
  selectable: readonly RegionLevel[] = ['CITY', 'DISTRICT', 'SUBDISTRICT', 'COMMUNITY'],
): CascaderOption[] {
  const toOption = (n: RegionNode): CascaderOption | null => {
    const children = n.children.map(toOption).filter((c): c is CascaderOption => c !== null)
    if (!selectable.includes(n.level) && children.length === 0) return null
    return { value: n.id, label: n.name, ...(children.length ? { children } : {}) }
  }
  const root = toOption(tree)
  return root ? [root] : []
}
