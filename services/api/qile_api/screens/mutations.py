"""Screen management for ADMINs: register, rename, rotate the token, decommission."""

from __future__ import annotations

from typing import Annotated

import asyncpg
import strawberry
from strawberry import relay

from qile_api.audit.sql import record
from qile_api.graphql.context import Info
from qile_api.graphql.describe import COMMUNITY_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.ids import node_pk, region_pk
from qile_api.graphql.payloads import ErrorCode, MutationError, MutationFailed, error
from qile_api.graphql.permissions import ADMINS
from qile_api.limits import SCREEN_LOCATION, SCREEN_NAME
from qile_api.screens import sql
from qile_api.screens.admin import check_names, register_screen
from qile_api.screens.tokens import new_screen_token
from qile_api.screens.types import Screen, ScreenKind


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


async def _change(info: Info, action: str, gid: relay.GlobalID, version: int, **sets: object) -> sql.ScreenRow:
    staff = info.context.staff
    assert staff is not None
    screen_id = node_pk(gid, "Screen", "id")
    assert screen_id is not None
    async with info.context.db.transaction() as tx:
        before = await sql.lock_screen(tx, screen_id)
        if before is None:
            raise MutationFailed(error(ErrorCode.NOT_FOUND, "屏幕不存在", "id"))
        if before.version != version:
            raise MutationFailed(error(ErrorCode.CONFLICT, "屏幕已被他人修改，请刷新后重试", "version"))
        if before.status != "ACTIVE":
            raise MutationFailed(error(ErrorCode.INVALID_TRANSITION, "屏幕已停用", "id"))
        try:
            after = await sql.update_screen(tx, screen_id, **sets)
        except asyncpg.UniqueViolationError as exc:
            raise MutationFailed(error(ErrorCode.DUPLICATE, "本社区已有同名屏幕", "name")) from exc
        await record(
            tx,
            account_id=staff.id,
            action=action,
            object_type="Screen",
            object_id=screen_id,
            region_id=after.community_id,
            before=before,
            after=after,
        )
    # This process stops answering for an old token at once; the others within a second (screens/watch.py).
    info.context.app.watch.screen_changed(screen_id)
    return after


@strawberry.type
class ScreenMutations:
    @strawberry.mutation(
        permission_classes=ADMINS, description="Register a screen in a community; returns its token once."
    )
    async def screen_register(self, info: Info, input: Annotated[ScreenRegisterInput, INPUT_ARG]) -> ScreenPayload:
        staff = info.context.staff
        assert staff is not None
        try:
            async with info.context.db.transaction() as tx:
                row, token = await register_screen(
                    tx,
                    actor_id=staff.id,
                    community_id=region_pk(input.community),
                    kind=input.kind.value,
                    name=input.name,
                    location=input.location,
                )
        except MutationFailed as failed:
            return ScreenPayload(screen=None, token=None, errors=failed.errors)
        return ScreenPayload(screen=Screen.from_row(row), token=token, errors=[])

    @strawberry.mutation(permission_classes=ADMINS, description="Rename a screen or say where it stands.")
    async def screen_rename(self, info: Info, input: Annotated[ScreenRenameInput, INPUT_ARG]) -> ScreenPayload:
        if problems := check_names(input.name, input.location):
            return ScreenPayload(screen=None, token=None, errors=problems)
        sets = {k: v.strip() for k, v in (("name", input.name), ("location", input.location)) if v is not None}
        try:
            row = await _change(info, "screenRename", input.id, input.version, **sets)
        except MutationFailed as failed:
            return ScreenPayload(screen=None, token=None, errors=failed.errors)
        return ScreenPayload(screen=Screen.from_row(row), token=None, errors=[])

    @strawberry.mutation(permission_classes=ADMINS, description="Issue a new token; the old one stops working at once.")
    async def screen_rotate_token(self, info: Info, input: Annotated[ScreenRefInput, INPUT_ARG]) -> ScreenPayload:
        token, token_hash = new_screen_token()
        try:
            row = await _change(info, "screenRotateToken", input.id, input.version, token_hash=token_hash)
        except MutationFailed as failed:
            return ScreenPayload(screen=None, token=None, errors=failed.errors)
        return ScreenPayload(screen=Screen.from_row(row), token=token, errors=[])

    @strawberry.mutation(permission_classes=ADMINS, description="Retire a screen: its token stops working for good.")
    async def screen_decommission(self, info: Info, input: Annotated[ScreenRefInput, INPUT_ARG]) -> ScreenPayload:
        try:
            row = await _change(
                info, "screenDecommission", input.id, input.version, status="DECOMMISSIONED", token_hash=None
            )
        except MutationFailed as failed:
            return ScreenPayload(screen=None, token=None, errors=failed.errors)
        return ScreenPayload(screen=Screen.from_row(row), token=None, errors=[])
