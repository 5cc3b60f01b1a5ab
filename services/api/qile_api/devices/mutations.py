"""What a screen sends besides polling its feed: heartbeats, plays, screenshots.

Plus the ADMIN's request for a screenshot. Screen mutations authenticate
with the screen's token (IsScreen), like `screenFeed`.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload

from qile_api.audit.sql import log_entry
from qile_api.devices import sql
from qile_api.devices.heartbeat import MAX_TEXT, Heartbeat
from qile_api.devices.status import Screenshot, runtime
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG, errors_field
from qile_api.graphql.errors import BadUserInput, Unauthenticated
from qile_api.graphql.ids import node_pk, parse_global_id, pk_of
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.graphql.permissions import ADMINS, IsScreen
from qile_api.media.processing import prepare_photo
from qile_api.media.sql import store_media
from qile_api.problems import ErrorCode, Refused, problem
from qile_api.screens.sql import ScreenPrincipal, screens_by_ids
from qile_api.settings import Settings

# Item types whose global IDs a play may name; anything else is kept as sent.
_PLAYABLE = {"Notice", "Honour", "Event"}
_MAX_SECONDS = 86400.0
# The configured batch limit (QILE_PLAYS_BATCH_MAX) as deployed by default.
_BATCH = Settings.model_fields["plays_batch_max"].default
_PLAYS = f"The plays not yet acknowledged (at most {_BATCH} a call)."


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


@strawberry.input(description="One showing of an item on the screen.")
class PlayInput:
    id: str = strawberry.field(description="The kiosk's own id for this play; sending it again is harmless.")
    item: str = strawberry.field(description="The global ID of the notice or honour shown, or `events`.")
    started_at: datetime = strawberry.field(description="When it came on screen, with its offset.")
    seconds: float = strawberry.field(description="How long it stayed, in seconds (at most a day).")


@strawberry.type(description="Which plays were stored and which were thrown away.")
class ScreenPlaysRecordPayload:
    accepted: list[str] = strawberry.field(description="Stored, now or before: forget these.")
    discarded: list[str] = strawberry.field(description="Invalid and never to be stored: forget these too.")
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


async def _screen(info: Info) -> ScreenPrincipal:
    principal = await info.context.screen()
    if principal is None:  # IsScreen let it through; a revoke raced us
        raise Unauthenticated("screen token is invalid or revoked")
    return principal


def play_record(play: PlayInput) -> sql.PlayRecord | None:
    """The row for a play, or None when it can never be valid."""
    if not (0 < len(play.id) <= 64) or not (0 < len(play.item) <= 200):
        return None
    if not (math.isfinite(play.seconds) and 0 < play.seconds <= _MAX_SECONDS) or play.started_at.tzinfo is None:
        return None
    item_type, item_id = ("EVENTS", None) if play.item == "events" else ("OTHER", None)
    try:
        gid = parse_global_id(play.item)
    except BadUserInput:
        gid = None
    if gid is not None and gid.type_name in _PLAYABLE:
        item_type, item_id = gid.type_name, pk_of(gid)
    return sql.PlayRecord(play.id, item_type, item_id, play.item, play.started_at, float(play.seconds))


@strawberry.type
class DeviceMutations:
    @strawberry.mutation(
        permission_classes=[IsScreen],
        description="Report the screen's state with each poll; costs no database write of its own.",
    )
    async def screen_heartbeat(
        self, info: Info, input: Annotated[ScreenHeartbeatInput, INPUT_ARG]
    ) -> ScreenHeartbeatPayload:
        principal = await _screen(info)
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

    @strawberry.mutation(
        permission_classes=[IsScreen],
        description="Upload plays recorded by the kiosk; idempotent by play id.",
    )
    async def screen_plays_record(
        self,
        info: Info,
        plays: Annotated[
            list[PlayInput],
            strawberry.argument(description=f"The plays not yet acknowledged (at most {_BATCH} a call)."),
        ],
    ) -> ScreenPlaysRecordPayload:
        principal = await _screen(info)
        limit = info.context.settings.plays_batch_max
        if len(plays) > limit:
            too_many = problem(ErrorCode.INVALID, f"每次最多上传{limit}条", "plays")
            return ScreenPlaysRecordPayload(accepted=[], discarded=[], errors=errors_of([too_many]))
        records: dict[str, sql.PlayRecord] = {}
        discarded: list[str] = []
        for play in plays:
            row = play_record(play)
            if row is None:
                discarded.append(play.id)
            else:
                records[row.client_id] = row
        stored = await sql.insert_plays(info.context.db, principal.screen.id, list(records.values()))
        problems = [problem(ErrorCode.INVALID, f"{len(discarded)}条播放记录无效，已丢弃", "plays")] if discarded else []
        return ScreenPlaysRecordPayload(
            accepted=[i for i in records if i in stored], discarded=discarded, errors=errors_of(problems)
        )

    @strawberry.mutation(
        permission_classes=[IsScreen],
        description="Send the screenshot staff asked for (PNG or JPEG, multipart); stored downscaled.",
    )
    async def screen_screenshot_upload(
        self, info: Info, file: Annotated[Upload, strawberry.argument(description="The image (multipart).")]
    ) -> ScreenScreenshotPayload:
        principal = await _screen(info)
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
