"""Recording a community's teams."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.editing.mutations import Edits
from qile_api.graphql.context import Info
from qile_api.graphql.describe import COMMUNITY_INPUT, ID_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import EDITORS
from qile_api.limits import TEAM_NAME
from qile_api.records.mutations import RecordRefInput
from qile_api.teams.editing import TEAM, TEAM_FIELDS
from qile_api.teams.kinds import TeamKind
from qile_api.teams.sql import TeamRow
from qile_api.teams.types import Team


@strawberry.type(description="What a team mutation did: the team as it now is, or why not.")
class TeamPayload:
    team: Team | None = strawberry.field(description="The team after the change (before it, for a delete).")
    errors: list[MutationError] = errors_field()


@strawberry.input(description="A team of a community: 业余文艺团队, 业余体育团队, 志愿服务队 ….")
class TeamCreateInput:
    community: relay.GlobalID = strawberry.field(description=COMMUNITY_INPUT)
    kind: TeamKind = strawberry.field(description="What kind of team it is.")
    name: str = strawberry.field(description=TEAM_NAME.describe("Its name, e.g. 夕阳红合唱团."))
    members: int = strawberry.field(description="How many members it has, 1 to 10000.")
    active_all_year: bool = strawberry.field(default=False, description="常年开展活动: active all year round.")


@strawberry.input(description="A correction to a team: only the fields given change.")
class TeamUpdateInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
    kind: TeamKind | None = strawberry.field(default=strawberry.UNSET, description="What kind of team it is.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description=TEAM_NAME.describe("Its name."))
    members: int | None = strawberry.field(default=strawberry.UNSET, description="How many members it has.")
    active_all_year: bool | None = strawberry.field(default=strawberry.UNSET, description="常年开展活动.")


def _node(row: TeamRow) -> Team:
    return Team.from_row(row)


_EDITS = Edits(TEAM, TeamPayload, "team", _node)


@strawberry.type
class TeamMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Record a team of a community in your scope.")
    async def team_create(self, info: Info, input: Annotated[TeamCreateInput, INPUT_ARG]) -> TeamPayload:
        values = TEAM_FIELDS.values(given(input, community=region_pk))
        return await _EDITS.create(info, values)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a team's record.")
    async def team_update(self, info: Info, input: Annotated[TeamUpdateInput, INPUT_ARG]) -> TeamPayload:
        changes = TEAM_FIELDS.changes(given(input))
        return await _EDITS.update(info, input.id, input.version, changes)

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a team recorded by mistake.")
    async def team_delete(self, info: Info, input: Annotated[RecordRefInput, INPUT_ARG]) -> TeamPayload:
        return await _EDITS.delete(info, input.id, input.version)
