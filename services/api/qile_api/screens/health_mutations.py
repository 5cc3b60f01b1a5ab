"""What a screen says about its health besides polling its feed: heartbeats and screenshots.

Plus the ADMIN's request for a screenshot. Screen mutations authenticate
with the screen's token (IsScreen), like `screenFeed`; plays are in
screens/plays/mutations.py.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload

from qile_api.audit.sql import log_entry
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG, errors_field
from qile_api.graphql.ids import node_pk
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.graphql.permissions import ADMINS
from qile_api.media.processing import prepare_photo
from qile_api.media.sql import store_media
from qile_api.problems import ErrorCode, Refused, problem
from qile_api.screens import sql
from qile_api.screens.auth import IsScreen, signed_in_screen
from qile_api.screens.health import Screenshot, runtime
from qile_api.screens.heartbeats import MAX_TEXT
from qile_api.screens.sql import Heartbeat, screens_by_ids


@strawberry.input(description="What a kiosk reports with each poll; texts longer than kept are cut.")
class ScreenHeartbeatInput:
    content_version: str | None = strawberry.field(default=None, description="The feed version on screen.")
    mode: str | None = strawberry.field(default=None, description="showing, offline, standby, fetching …")
    uptime_seconds: int | None = strawberry.field(default=None, description="Seconds since the kiosk started.")
    last_error: str | None = strawberry.field(default=None, description="The last failure it met, if any.")


@strawberry.type(description="The API's answer to a heartbeat.")
class ScreenHeartbeatPayload:
    screenshot_requested: bool = strawberry.field(description="Upload one with screenScreenshotUpload.")
    errors: list[MutationError] = errors_field()


@strawberry.input(description="Which screen to ask for a screenshot.")
class ScreenScreenshotRequestInput:
    id: relay.GlobalID = strawberry.field(description="The screen's global ID.")


@strawberry.type(description="What a screenshot mutation did: where the screenshot stands, or why not.")
class ScreenScreenshotPayload:
    screenshot: Screenshot | None = strawberry.field(description="The screenshot asked for or sent.")
    errors: list[MutationError] = errors_field()


def _clip(value: str | None, limit: int = MAX_TEXT) -> str | None:
    return value[:limit] if value is not None else None


@strawberry.type
class HeartbeatMutations:
    @strawberry.mutation(
        permission_classes=[IsScreen],
        description="Report the screen's state with each poll; costs no database write of its own.",
    )
    async def screen_heartbeat(
        self, info: Info, input: Annotated[ScreenHeartbeatInput, INPUT_ARG]
    ) -> ScreenHeartbeatPayload:
        principal = await signed_in_screen(info)
        uptime = input.uptime_seconds
        beat = Heartbeat(
            screen_id=principal.screen.id,
            seen_at=info.context.now(),
            content_version=_clip(input.content_version, 64),
            mode=_clip(input.mode, 32),
            uptime_seconds=max(0, min(uptime, 2**31 - 1)) if uptime is not None else None,
            last_error=_clip(input.last_error),
        )
        return ScreenHeartbeatPayload(screenshot_requested=runtime(info).beat(beat), errors=[])


# Declared after proof of play in the schema (root/schema.py keeps the mutations' order).
@strawberry.type
class ScreenshotMutations:
    @strawberry.mutation(
        permission_classes=[IsScreen],
        description="Send the screenshot staff asked for (PNG or JPEG, multipart); stored downscaled.",
    )
    async def screen_screenshot_upload(
        self, info: Info, file: Annotated[Upload, strawberry.argument(description="The image (multipart).")]
    ) -> ScreenScreenshotPayload:
        principal = await signed_in_screen(info)
        ctx = info.context
        settings = ctx.settings
        data = await file.read(settings.screenshot_max_bytes + 1)  # type: ignore[attr-defined]
        screen_id = principal.screen.id
        try:
            prepared = prepare_photo(
                data,
                max_bytes=settings.screenshot_max_bytes,
                max_side=settings.max_image_side,
                max_pixels=settings.max_image_pixels,
                screen_side=settings.screenshot_side,
            )
            async with ctx.db.transaction() as tx:
                wanted = await sql.lock_screenshot(tx, screen_id)
                # Only on request: a screen cannot fill the database on its own.
                if wanted is None or not wanted.awaited:
                    raise Refused(problem(ErrorCode.INVALID_TRANSITION, "未请求截图", "file"))
                await store_media(
                    tx, prepared.sha256, prepared.content_type, prepared.width, prepared.height, prepared.data
                )
                now = ctx.now()
                await sql.store_screenshot(tx, screen_id, prepared.sha256, now)
        except Refused as refused:
            return ScreenScreenshotPayload(screenshot=None, errors=errors_of(refused))
        runtime(info).screenshot_wanted.discard(screen_id)
        shot = Screenshot(requested_at=wanted.requested_at, taken_at=now, sha256=prepared.sha256)
        return ScreenScreenshotPayload(screenshot=shot, errors=[])

    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Ask a screen for a screenshot; it sends one after its next poll.",
    )
    async def screen_screenshot_request(
        self, info: Info, input: Annotated[ScreenScreenshotRequestInput, INPUT_ARG]
    ) -> ScreenScreenshotPayload:
        ctx = info.context
        staff = ctx.staff
        assert staff is not None
        screen_id = node_pk(input.id, "Screen", "id")
        assert screen_id is not None
        found = await screens_by_ids(ctx.db, [screen_id])
        if not found or found[0].status != "ACTIVE":
            missing = problem(ErrorCode.NOT_FOUND, "屏幕不存在", "id")
            return ScreenScreenshotPayload(screenshot=None, errors=errors_of([missing]))
        async with ctx.db.transaction() as tx:
            row = await sql.request_screenshot(tx, screen_id, staff.id, ctx.now())
            await log_entry(
                tx,
                account_id=staff.id,
                action="screenScreenshotRequest",
                object_type="Screen",
                object_id=screen_id,
                region_id=found[0].community_id,
            )
        # This process answers at once; the others learn it at their next flush.
        runtime(info).screenshot_wanted.add(screen_id)
        shot = Screenshot(requested_at=row.requested_at, taken_at=row.taken_at, sha256=row.media_sha256)
        return ScreenScreenshotPayload(screenshot=shot, errors=[])
