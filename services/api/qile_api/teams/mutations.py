"""Recording a community's teams."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from qile_api.graphql.context import Info
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import EDITORS
from qile_api.records.mutations import RecordRefInput, create_record, delete_record, update_record
from qile_api.teams.sql import TEAMS, TeamRow
from qile_api.teams.types import Team


@strawberry.type
class TeamPayload:
    team: Team | None
    errors: list[MutationError]


@strawberry.input
class TeamCreateInput:
    community: relay.GlobalID
    kind: str = strawberry.field(description="CULTURE, SPORTS, VOLUNTEER or OTHER.")
    name: str
    members: int
    active_all_year: bool = False


@strawberry.input
class TeamUpdateInput:
    id: relay.GlobalID
    version: int
    kind: str | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    members: int | None = strawberry.UNSET
    active_all_year: bool | None = strawberry.UNSET


def _node(row: TeamRow) -> Team:
    return Team.from_row(row)


@strawberry.type
class TeamMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Record a team of a community in your scope.")
    async def team_create(self, info: Info, input: TeamCreateInput) -> TeamPayload:
        values: dict[str, Any] = {
            "community_id": region_pk(input.community),
            "kind": input.kind,
            "name": input.name.strip(),
            "members": input.members,
            "active_all_year": input.active_all_year,
        }
        return await create_record(info, TEAMS, TeamPayload, "team", _node, values)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a team's record.")
    async def team_update(self, info: Info, input: TeamUpdateInput) -> TeamPayload:
        changes = {
            k: getattr(input, k)
            for k in ("kind", "name", "members", "active_all_year")
            if getattr(input, k) not in (strawberry.UNSET, None)
        }
        return await update_record(info, TEAMS, TeamPayload, "team", _node, input.id, input.version, changes)

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a team recorded by mistake.")
    async def team_delete(self, info: Info, input: RecordRefInput) -> TeamPayload:
        return await delete_record(info, TEAMS, TeamPayload, "team", _node, input)
