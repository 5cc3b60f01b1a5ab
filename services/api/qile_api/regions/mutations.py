"""Setting a community's theme and pilot flag."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.audit.sql import record
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.ids import node_pk
from qile_api.graphql.payloads import ErrorCode, MutationError, MutationFailed, error
from qile_api.graphql.permissions import ADMINS
from qile_api.regions.sql import RegionRow, lock_region, update_community
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


async def _update(info: Info, input: CommunityUpdateInput) -> RegionRow:
    staff = info.context.staff
    assert staff is not None
    community_id = node_pk(input.id, "Community", "id")
    assert community_id is not None
    async with info.context.db.transaction() as tx:
        before = await lock_region(tx, community_id)
        if before is None or before.level != "COMMUNITY":
            raise MutationFailed(error(ErrorCode.NOT_FOUND, "社区不存在", "id"))
        if before.version != input.version:
            raise MutationFailed(error(ErrorCode.CONFLICT, "社区信息已被他人修改，请刷新后重试", "version"))
        theme = before.theme_key if input.theme is strawberry.UNSET else (input.theme.value if input.theme else None)
        pilot = before.pilot if input.pilot in (strawberry.UNSET, None) else bool(input.pilot)
        after = await update_community(tx, community_id, theme, pilot)
        await record(
            tx,
            account_id=staff.id,
            action="communityUpdate",
            object_type="Community",
            object_id=community_id,
            region_id=community_id,
            before=before,
            after=after,
        )
        return after


@strawberry.type
class CommunityMutations:
    @strawberry.mutation(permission_classes=ADMINS, description="Choose a community's theme or mark it a pilot.")
    async def community_update(self, info: Info, input: Annotated[CommunityUpdateInput, INPUT_ARG]) -> CommunityPayload:
        try:
            row = await _update(info, input)
        except MutationFailed as failed:
            return CommunityPayload(community=None, errors=failed.errors)
        return CommunityPayload(community=Community.from_row(row), errors=[])
