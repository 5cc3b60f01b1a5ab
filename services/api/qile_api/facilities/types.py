"""GraphQL type for facilities."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay

from qile_api.facilities.dataloaders import FacilityByIdLoader
from qile_api.facilities.kinds import FACILITY_KINDS, FacilityKind
from qile_api.facilities.sql import FacilityRow
from qile_api.graphql.context import Info
from qile_api.graphql.describe import VERSION, label
from qile_api.graphql.ids import node_pks
from qile_api.regions.types import Community, load_community


@strawberry.type(description="A facility of a community: 新时代文明实践站, 图书阅览室, 长者食堂 …")
class Facility(relay.Node):
    id: relay.NodeID[int]
    row: strawberry.Private[FacilityRow]

    @classmethod
    def from_row(cls, row: FacilityRow) -> Facility:
        return cls(id=row.id, row=row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        rows = await info.context.loaders[FacilityByIdLoader].load_many(node_pks(node_ids))
        return [cls.from_row(r) if r else None for r in rows]

    @strawberry.field(description="What kind of facility it is, as the standard counts them.")
    def kind(self) -> FacilityKind:
        return FacilityKind(self.row.kind)

    @strawberry.field(description="The kind's Chinese name, e.g. 新时代文明实践站.")
    def kind_label(self) -> str:
        return label(FACILITY_KINDS, self.row.kind)

    @strawberry.field(description="Its own name, e.g. 工盛社区新时代文明实践站.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="室内建筑面积, m²; null when not recorded.")
    def indoor_area_m2(self) -> float | None:
        return None if self.row.indoor_area_m2 is None else float(self.row.indoor_area_m2)

    @strawberry.field(description="室外面积, m²; null when not recorded.")
    def outdoor_area_m2(self) -> float | None:
        return None if self.row.outdoor_area_m2 is None else float(self.row.outdoor_area_m2)

    @strawberry.field(description="每周开放时长, hours; null when not recorded.")
    def weekly_open_hours(self) -> float | None:
        return None if self.row.weekly_open_hours is None else float(self.row.weekly_open_hours)

    @strawberry.field(description="免费开放; null when not recorded.")
    def free_of_charge(self) -> bool | None:
        return self.row.free_of_charge

    @strawberry.field(description=VERSION)
    def version(self) -> int:
        return self.row.version

    @strawberry.field(description="The community it belongs to.")
    async def community(self, info: Info) -> Community | None:
        return await load_community(info, self.row.community_id)
