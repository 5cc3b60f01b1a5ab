"""Setting a community's theme and pilot flag."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.editing.mutations import item_pk, outcome, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import ADMINS
from qile_api.regions.tree import COMMUNITY_FIELDS, update_community
from qile_api.regions.types import Community
from qile_api.themes.types import ThemeKey


@strawberry.type(description="What `communityUpdate` did: the community as it now is, or why not.")
class CommunityPayload:
    community: Community | None = strawberry.field(description="The community after the change.")
    errors: list[MutationError] = errors_field()


@strawberry.input(description="A community's theme and pilot flag: only the fields given change.")
class CommunityUpdateInput:
    id: relay.GlobalID = strawberry.field(description="The community's global ID.")
    version: int = strawberry.field(description=VERSION_INPUT)
    theme: ThemeKey | None = strawberry.field(
        default=strawberry.UNSET, description="The theme it shows (齐有爱 …); null clears it."
    )
    pilot: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Whether it is a pilot community (试点社区); false clears its number."
    )


@strawberry.type
class CommunityMutations:
    @strawberry.mutation(permission_classes=ADMINS, description="Choose a community's theme or mark it a pilot.")
    async def community_update(self, info: Info, input: Annotated[CommunityUpdateInput, INPUT_ARG]) -> CommunityPayload:
        op = update_community(
            info.context.db,
            actor_id=signed_in(info).id,
            community_id=item_pk(input.id, "Community"),
            version=input.version,
            changes=COMMUNITY_FIELDS.changes(given(input)),
        )
        return await outcome(CommunityPayload, "community", Community.from_row, op)
