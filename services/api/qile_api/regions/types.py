"""GraphQL types for the region tree."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import strawberry
from strawberry import relay

from qile_api.graphql.context import Info
from qile_api.graphql.describe import YEAR, describe_values
from qile_api.graphql.ids import node_pks
from qile_api.graphql.permissions import STAFF_IN_SCOPE
from qile_api.regions.dataloaders import RegionByIdLoader, RegionsByParentIdLoader
from qile_api.regions.sql import RegionRow
from qile_api.themes.types import Theme, load_theme

if TYPE_CHECKING:
    from qile_api.assessment.types import Assessment
    from qile_api.facilities.types import Facility
    from qile_api.teams.types import Team


@strawberry.enum(description="A level of the region tree.")
class RegionLevel(Enum):
    CITY = "CITY"
    DISTRICT = "DISTRICT"
    SUBDISTRICT = "SUBDISTRICT"
    COMMUNITY = "COMMUNITY"


@strawberry.enum(description="Whether a subdistrict-level region is a 街道 or a 镇.")
class SubdistrictKind(Enum):
    STREET = "STREET"
    TOWN = "TOWN"


describe_values(
    RegionLevel,
    {
        RegionLevel.CITY: "市: the city, 淄博市.",
        RegionLevel.DISTRICT: "区县: a district or county.",
        RegionLevel.SUBDISTRICT: "街道/镇: a subdistrict or town.",
        RegionLevel.COMMUNITY: "社区: a community.",
    },
)
describe_values(SubdistrictKind, {SubdistrictKind.STREET: "街道", SubdistrictKind.TOWN: "镇"})


@strawberry.interface(description="A place in the tree 市 → 区县 → 街道/镇 → 社区.")
class Region:
    row: strawberry.Private[RegionRow]

    @strawberry.field(description="Its Chinese name, e.g. 张店区, 车站街道, 工盛社区.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="Where it stands in the tree.")
    def level(self) -> RegionLevel:
        return RegionLevel(self.row.level)

    @strawberry.field(
        description="When it was retired (撤销: merged away or abolished, regionRetire); null while it exists. "
        "A retired region is left out of the tree and lists, and takes nothing new."
    )
    def retired_at(self) -> datetime | None:
        return self.row.retired_at


async def _children(info: Info, row: RegionRow) -> list[RegionRow]:
    return await info.context.loaders[RegionsByParentIdLoader].load(row.id)


async def _ancestor(info: Info, row: RegionRow, level: str) -> RegionRow:
    # path = [city, district, subdistrict, community]; index by level.
    index = ("CITY", "DISTRICT", "SUBDISTRICT", "COMMUNITY").index(level)
    found = await info.context.loaders[RegionByIdLoader].load(row.path[index])
    assert found is not None, "the tree is consistent by construction"
    return found


@strawberry.type
class _RegionNode(relay.Node):
    """Shared node plumbing: load by id, keep only rows of this level."""

    id: relay.NodeID[int]
    level_name: ClassVar[str]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        ids = node_pks(node_ids)
        rows = await info.context.loaders[RegionByIdLoader].load_many(ids)
        return [
            cls.from_row(r) if r is not None and r.level == cls.level_name else None  # type: ignore[attr-defined]
            for r in rows
        ]


@strawberry.type(description="淄博市: the root of the tree.")
class City(_RegionNode, Region):
    level_name: ClassVar[str] = "CITY"

    @classmethod
    def from_row(cls, row: RegionRow) -> City:
        return cls(id=row.id, row=row)

    @strawberry.field(description="Its districts and counties (区县).")
    async def districts(self, info: Info) -> list[District]:
        return [District.from_row(r) for r in await _children(info, self.row)]


@strawberry.type(description="A district or county (区县).")
class District(_RegionNode, Region):
    level_name: ClassVar[str] = "DISTRICT"

    @classmethod
    def from_row(cls, row: RegionRow) -> District:
        return cls(id=row.id, row=row)

    @strawberry.field(description="Its subdistricts and towns (街道/镇).")
    async def subdistricts(self, info: Info) -> list[Subdistrict]:
        return [Subdistrict.from_row(r) for r in await _children(info, self.row)]


@strawberry.type(description="A subdistrict (街道) or town (镇).")
class Subdistrict(_RegionNode, Region):
    level_name: ClassVar[str] = "SUBDISTRICT"

    @classmethod
    def from_row(cls, row: RegionRow) -> Subdistrict:
        return cls(id=row.id, row=row)

    @strawberry.field(description="街道 or 镇.")
    def kind(self) -> SubdistrictKind:
        return SubdistrictKind(self.row.subdistrict_kind)

    @strawberry.field(description="The district it lies in.")
    async def district(self, info: Info) -> District:
        return District.from_row(await _ancestor(info, self.row, "DISTRICT"))

    @strawberry.field(description="Its communities (社区).")
    async def communities(self, info: Info) -> list[Community]:
        return [Community.from_row(r) for r in await _children(info, self.row)]


@strawberry.type(description="A community (社区): where the screens stand.")
class Community(_RegionNode, Region):
    level_name: ClassVar[str] = "COMMUNITY"

    @classmethod
    def from_row(cls, row: RegionRow) -> Community:
        return cls(id=row.id, row=row)

    @strawberry.field(description="One of the 20 pilot communities (试点社区) of the plan.")
    def pilot(self) -> bool:
        return self.row.pilot

    @strawberry.field(description="Its number in the plan's pilot list, 1 to 20.")
    def pilot_no(self) -> int | None:
        return self.row.pilot_no

    @strawberry.field(description="The theme staff chose for it; null until chosen.")
    async def theme(self, info: Info) -> Theme | None:
        return await load_theme(info, self.row.theme_key)

    @strawberry.field(description="The subdistrict or town it lies in.")
    async def subdistrict(self, info: Info) -> Subdistrict:
        return Subdistrict.from_row(await _ancestor(info, self.row, "SUBDISTRICT"))

    @strawberry.field(description="The district it lies in.")
    async def district(self, info: Info) -> District:
        return District.from_row(await _ancestor(info, self.row, "DISTRICT"))

    @strawberry.field(description="Send it back with communityUpdate.")
    def version(self) -> int:
        return self.row.version

    @strawberry.field(
        permission_classes=STAFF_IN_SCOPE,
        description="This community against the reference standard for one year (staff, inside their scope).",
    )
    async def assessment(
        self,
        info: Info,
        year: Annotated[int | None, strawberry.argument(description=YEAR)] = None,
    ) -> Annotated[Assessment, strawberry.lazy("qile_api.assessment.types")]:
        from qile_api.assessment.types import load_assessment

        return await load_assessment(info, self.row, year)

    @strawberry.field(description="Its facilities, as staff recorded them.")
    async def facilities(self, info: Info) -> list[Annotated[Facility, strawberry.lazy("qile_api.facilities.types")]]:
        from qile_api.facilities.dataloaders import FacilitiesByCommunityIdLoader
        from qile_api.facilities.types import Facility

        rows = await info.context.loaders[FacilitiesByCommunityIdLoader].load(self.row.id)
        return [Facility.from_row(r) for r in rows]

    @strawberry.field(description="Its amateur culture and sports teams and volunteer teams.")
    async def teams(self, info: Info) -> list[Annotated[Team, strawberry.lazy("qile_api.teams.types")]]:
        from qile_api.teams.dataloaders import TeamsByCommunityIdLoader
        from qile_api.teams.types import Team

        return [Team.from_row(r) for r in await info.context.loaders[TeamsByCommunityIdLoader].load(self.row.id)]


_BY_LEVEL: dict[str, Any] = {
    "CITY": City,
    "DISTRICT": District,
    "SUBDISTRICT": Subdistrict,
    "COMMUNITY": Community,
}


def region_from_row(row: RegionRow) -> Region:
    result: Region = _BY_LEVEL[row.level].from_row(row)
    return result


async def load_region(info: Info, region_id: int) -> Region:
    """The region a row points at (content's scope, an account's …), through the request's loader."""
    row = await info.context.loaders[RegionByIdLoader].load(region_id)
    assert row is not None, "a row names an existing region (foreign key)"
    return region_from_row(row)


async def load_community(info: Info, region_id: int) -> Community | None:
    region = await load_region(info, region_id)
    return region if isinstance(region, Community) else None
