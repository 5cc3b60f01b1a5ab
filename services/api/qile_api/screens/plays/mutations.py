"""Proof of play from the kiosks: each showing of an item, uploaded in batches, idempotent by play id."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated

import strawberry

from qile_api.graphql.context import Info
from qile_api.graphql.describe import errors_field
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import parse_global_id, pk_of
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.problems import ErrorCode, problem
from qile_api.screens.auth import IsScreen, signed_in_screen
from qile_api.screens.plays import sql
from qile_api.settings import Settings

# Item types whose global IDs a play may name; anything else is kept as sent.
_PLAYABLE = {"Notice", "Honour", "Event"}
_MAX_SECONDS = 86400.0
# The configured batch limit (QILE_PLAYS_BATCH_MAX) as deployed by default.
_BATCH = Settings.model_fields["plays_batch_max"].default


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
class PlayMutations:
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
        principal = await signed_in_screen(info)
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
