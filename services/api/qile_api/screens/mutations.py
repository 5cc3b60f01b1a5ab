"""Screen management for ADMINs: register, rename, rotate the token, decommission."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import asyncpg
import strawberry
from strawberry import relay

from qile_api.editing import versioned
from qile_api.editing.mutations import item_pk, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import COMMUNITY_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.graphql.permissions import ADMINS
from qile_api.limits import SCREEN_LOCATION, SCREEN_NAME
from qile_api.problems import ErrorCode, Refused, problem
from qile_api.screens import sql
from qile_api.screens.admin import SCREEN_FIELDS, register_screen
from qile_api.screens.tokens import new_screen_token
from qile_api.screens.types import Screen, ScreenKind
from qile_api.screens.watch import ScreenWatch


@strawberry.type(description="What a screen mutation did: the screen as it now is (and a new token), or why not.")
class ScreenPayload:
    screen: Screen | None = strawberry.field(description="The screen after the change.")
    token: str | None = strawberry.field(
        description="The screen's new bearer token, shown this once (register and rotate only)."
    )
    errors: list[MutationError] = errors_field()


_NAME = SCREEN_NAME.describe("Its name, e.g. 大厅东屏; unique within the community.")
_LOCATION = SCREEN_LOCATION.describe("Where it stands, e.g. 党群服务中心一楼大厅.")


@strawberry.input(description="A new screen in a community.")
class ScreenRegisterInput:
    community: relay.GlobalID = strawberry.field(description=COMMUNITY_INPUT)
    kind: ScreenKind = strawberry.field(description="What it shows: notices and events, or honours.")
    name: str = strawberry.field(description=_NAME)
    location: str = strawberry.field(default="", description=_LOCATION)


@strawberry.input(description="A screen's new name or place: only the fields given change.")
class ScreenRenameInput:
    id: relay.GlobalID = strawberry.field(description="The screen's global ID.")
    version: int = strawberry.field(description=VERSION_INPUT)
    name: str | None = strawberry.field(default=None, description=_NAME)
    location: str | None = strawberry.field(default=None, description=_LOCATION)


@strawberry.input(description="Which screen, at which version.")
class ScreenRefInput:
    id: relay.GlobalID = strawberry.field(description="The screen's global ID.")
    version: int = strawberry.field(description=VERSION_INPUT)


async def _change(
    info: Info,
    action: str,
    gid: relay.GlobalID,
    version: int,
    sets: Mapping[str, Any],
    stamped: Sequence[str] = (),
    token: str | None = None,
) -> ScreenPayload:
    """Change an active screen at `version`, audited as `action`."""

    def change(before: asyncpg.Record) -> Mapping[str, Any]:
        if before["status"] != "ACTIVE":
            raise Refused(problem(ErrorCode.INVALID_TRANSITION, "屏幕已停用", "id"))
        if problems := SCREEN_FIELDS.problems({**dict(before), **sets}):
            raise Refused(*problems)
        return sets

    try:
        async with info.context.db.transaction() as tx:
            row = await versioned.write(
                tx,
                sql.SCREEN_TABLE,
                actor_id=signed_in(info).id,
                action=action,
                row_id=item_pk(gid, "Screen"),
                version=version,
                change=change,
                stamped=stamped,
            )
    except Refused as refused:
        return ScreenPayload(screen=None, token=None, errors=errors_of(refused))
    # This process stops answering for an old token at once; the others within a second (screens/watch.py).
    info.context.app.held(ScreenWatch).screen_changed(row["id"])
    return ScreenPayload(screen=Screen.from_row(sql.ScreenRow.from_record(row)), token=token, errors=[])


@strawberry.type
class ScreenMutations:
    @strawberry.mutation(
        permission_classes=ADMINS, description="Register a screen in a community; returns its token once."
    )
    async def screen_register(self, info: Info, input: Annotated[ScreenRegisterInput, INPUT_ARG]) -> ScreenPayload:
        try:
            async with info.context.db.transaction() as tx:
                row, token = await register_screen(
                    tx,
                    actor_id=signed_in(info).id,
                    community_id=region_pk(input.community),
                    kind=input.kind.value,
                    name=input.name,
                    location=input.location,
                )
        except Refused as refused:
            return ScreenPayload(screen=None, token=None, errors=errors_of(refused))
        return ScreenPayload(screen=Screen.from_row(row), token=token, errors=[])

    @strawberry.mutation(permission_classes=ADMINS, description="Rename a screen or say where it stands.")
    async def screen_rename(self, info: Info, input: Annotated[ScreenRenameInput, INPUT_ARG]) -> ScreenPayload:
        return await _change(info, "screenRename", input.id, input.version, SCREEN_FIELDS.changes(given(input)))

    @strawberry.mutation(permission_classes=ADMINS, description="Issue a new token; the old one stops working at once.")
    async def screen_rotate_token(self, info: Info, input: Annotated[ScreenRefInput, INPUT_ARG]) -> ScreenPayload:
        token, token_hash = new_screen_token()
        sets = {"token_hash": token_hash}
        return await _change(
            info, "screenRotateToken", input.id, input.version, sets, stamped=("token_issued_at",), token=token
        )

    @strawberry.mutation(permission_classes=ADMINS, description="Retire a screen: its token stops working for good.")
    async def screen_decommission(self, info: Info, input: Annotated[ScreenRefInput, INPUT_ARG]) -> ScreenPayload:
        sets = {"status": "DECOMMISSIONED", "token_hash": None}
        return await _change(info, "screenDecommission", input.id, input.version, sets)
