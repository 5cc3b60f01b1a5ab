"""Importing the city's community list (摸清辖区情况): 区县, 街道/镇, 社区, creating what is missing.

For ADMINs, inside their scope, as districtCreate, subdistrictCreate and
communityCreate would (the same name checks, the same audit entries): a
region is created only under a parent inside the caller's scope; a row
naming what exists already changes nothing (its theme and pilot flag stay
as they are: communityUpdate is for that). A name taken by a retired region
under the same parent is refused, as the mutations refuse it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from qile_api.db.database import Executor
from qile_api.imports import cells
from qile_api.imports.cells import choice, yes_no
from qile_api.imports.kinds import ImportKind, Prepared, RowProblem, aborted
from qile_api.imports.layout import Column, Layout
from qile_api.limits import REGION_NAME
from qile_api.principals import StaffPrincipal
from qile_api.problems import Refused
from qile_api.reference.pilots import normalise_district
from qile_api.reference.themes import THEMES
from qile_api.regions import tree
from qile_api.regions.sql import RegionRow, whole_tree

_KINDS = {"STREET": "街道", "TOWN": "镇"}
_THEMES = {t.key: t.name for t in THEMES}
_NAME_HINT = f"必填，不超过{REGION_NAME.max}个字"

DISTRICT = Column("区县", "district", required=True, hint=_NAME_HINT + "，如：张店区", width=12)
SUBDISTRICT = Column("街道/镇", "subdistrict", required=True, hint=_NAME_HINT + "，如：车站街道", width=14)
KIND = Column("类型", "kind", choice(_KINDS), hint="街道或镇；名称以“街道”或“镇”结尾时可不填", choices=("街道", "镇"))
COMMUNITY = Column("社区", "community", required=True, hint=_NAME_HINT + "，如：工盛社区", width=16)
THEME = Column("主题", "theme", choice(_THEMES), hint="新建社区的主题，可不填", choices=tuple(_THEMES.values()))
PILOT = Column("试点社区", "pilot", yes_no, hint="是或否，不填为否", choices=cells.YES)
LAYOUT = Layout("社区名单", (DISTRICT, SUBDISTRICT, KIND, COMMUNITY, THEME, PILOT))


def _kind_of(row: dict[str, Any]) -> str:
    if row["kind"]:
        return str(row["kind"])
    name: str = row["subdistrict"]
    # 街道 first: 田镇街道 is a 街道 although its name holds 镇.
    if name.endswith("街道"):
        return "STREET"
    if name.endswith("镇"):
        return "TOWN"
    raise RowProblem(KIND.header, f"“{name}”看不出是街道还是镇，请填写类型")


class _Tree:
    """The region tree as the import grows it, by parent and name."""

    def __init__(self, regions: list[RegionRow]) -> None:
        self.children = {(r.parent_id, r.name): r for r in regions}
        self.city = next(r for r in regions if r.level == "CITY")

    def add(self, row: RegionRow) -> RegionRow:
        self.children[(row.parent_id, row.name)] = row
        return row


async def prepare(db: Executor, staff: StaffPrincipal, _now: datetime) -> Prepared:
    regions = _Tree(await whole_tree(db))
    seen: dict[tuple[str, str, str], int] = {}

    def inside(region: RegionRow) -> bool:
        return staff.scope_region_id in region.path

    async def step(
        tx: Executor, parent: RegionRow, name: str, column: Column, level: str, action: str, **values: object
    ) -> tuple[RegionRow, bool]:
        """The child `name` of `parent`, created when missing (if `parent` lies inside the scope)."""
        found = regions.children.get((parent.id, name))
        if found is not None:
            if found.retired_at is not None:
                raise RowProblem(column.header, f"{parent.name}下的“{name}”已撤销，不能再用此名称")
            return found, False
        if not inside(parent):
            raise RowProblem(column.header, f"“{parent.name}”不在您的管辖范围内，不能在其下新建“{name}”")
        try:
            # As districtCreate, subdistrictCreate and communityCreate create it: the same checks, the same audit.
            new = tree.NewRegion(action, parent.id, parent.level, column.key, {"level": level, "name": name, **values})
            created = await tree.add_region(tx, actor_id=staff.id, new=new)
        except Refused as refused:
            if aborted(refused):
                raise
            raise RowProblem(column.header, "；".join(p.message for p in refused.problems)) from None
        return regions.add(created), True

    async def apply(tx: Executor, number: int, row: dict[str, Any]) -> bool:
        district_name = normalise_district(row["district"])
        key = (district_name, row["subdistrict"], row["community"])
        if key in seen:
            raise RowProblem(COMMUNITY.header, f"与第{seen[key]}行重复")
        seen[key] = number
        district, _ = await step(tx, regions.city, district_name, DISTRICT, "DISTRICT", "districtCreate")
        subdistrict, _ = await step(
            tx,
            district,
            row["subdistrict"],
            SUBDISTRICT,
            "SUBDISTRICT",
            "subdistrictCreate",
            subdistrict_kind=_kind_of(row),
        )
        community, created = await step(
            tx,
            subdistrict,
            row["community"],
            COMMUNITY,
            "COMMUNITY",
            "communityCreate",
            theme_key=row["theme"],
            pilot=bool(row["pilot"]),
        )
        if not inside(community):
            raise RowProblem(COMMUNITY.header, f"“{community.name}”不在您的管辖范围内")
        return created

    # No drop-down for names: the list may name regions that do not exist yet.
    return Prepared(LAYOUT, apply)


COMMUNITY_IMPORT = ImportKind("communities", "社区名单", "communitiesImport", prepare)
