"""GraphQL type for teams."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay

from qile_api.graphql.context import Info
from qile_api.graphql.describe import VERSION, label
from qile_api.graphql.ids import node_pks
from qile_api.regions.types import Community, load_community
from qile_api.teams.dataloaders import TeamByIdLoader
from qile_api.teams.kinds import TEAM_KINDS, TeamKind
from qile_api.teams.sql import TeamRow


@strawberry.type(description="An amateur culture or sports team, or a volunteer team, of a community.")
class Team(relay.Node):
    id: relay.NodeID[int]
    row: strawberry.Private[TeamRow]

    @classmethod
    def from_row(cls, row: TeamRow) -> Team:
        return cls(id=row.id, row=row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        rows = await info.context.loaders[TeamByIdLoader].load_many(node_pks(node_ids))
        return [cls.from_row(r) if r else None for r in rows]

    @strawberry.field(description="What kind of team it is, as the standard counts them.")
    def kind(self) -> TeamKind:
        return TeamKind(self.row.kind)

    @strawberry.field(description="The kind's Chinese name, e.g. 业余文艺团队.")
    def kind_label(self) -> str:
        return label(TEAM_KINDS, self.row.kind)

    @strawberry.field(description="Its name, e.g. 夕阳红合唱团.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="How many members it has (the standard asks at least 15).")
    def members(self) -> int:
        return self.row.members

    @strawberry.field(description="常年开展活动.")
    def active_all_year(self) -> bool:
        return self.row.active_all_year

    @strawberry.field(description=VERSION)
    def version(self) -> int:
        return self.row.version

    @strawberry.field(description="The community it belongs to.")
    async def community(self, info: Info) -> Community | None:
        return await load_community(info, self.row.community_id)
