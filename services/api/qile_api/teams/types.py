"""GraphQL type for teams."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay

from qile_api.assessment.vocabulary import TEAM_KINDS, label
from qile_api.content.types import load_community
from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pks
from qile_api.records.crud import in_order
from qile_api.regions.types import Community
from qile_api.teams.sql import TEAMS, TeamRow


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
        rows = await in_order(info.context.db, TEAMS, node_pks(node_ids))
        return [cls.from_row(r) if r else None for r in rows]

    @strawberry.field(description="CULTURE, SPORTS, VOLUNTEER or OTHER; `kindLabel` is the Chinese name.")
    def kind(self) -> str:
        return self.row.kind

    @strawberry.field
    def kind_label(self) -> str:
        return label(TEAM_KINDS, self.row.kind)

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def members(self) -> int:
        return self.row.members

    @strawberry.field(description="常年开展活动.")
    def active_all_year(self) -> bool:
        return self.row.active_all_year

    @strawberry.field
    def version(self) -> int:
        return self.row.version

    @strawberry.field
    async def community(self, info: Info) -> Community | None:
        return await load_community(info, self.row.community_id)
