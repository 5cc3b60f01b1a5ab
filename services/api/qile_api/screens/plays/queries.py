"""Proof of play for staff: how often and how long items were shown, per item or per screen."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import node_pk, pk_of
from qile_api.graphql.permissions import STAFF
from qile_api.graphql.times import require_offset
from qile_api.screens.plays.sql import PlayFilter, PlayTotalRow, play_totals
from qile_api.screens.sql import screens_by_ids
from qile_api.screens.types import Screen

_ITEM_TYPES = {"Notice", "Honour", "Event"}
MAX_ROWS = 500


@strawberry.enum(description="How plays are summed.")
class PlayGrouping(Enum):
    ITEM = "ITEM"
    SCREEN = "SCREEN"


describe_values(PlayGrouping, {PlayGrouping.ITEM: "One total per item shown.", PlayGrouping.SCREEN: "One per screen."})


@strawberry.input(description="Which plays to count; every field given narrows them.")
class PlayFilterInput:
    screen: relay.GlobalID | None = strawberry.field(default=None, description="Only this screen's plays.")
    item: relay.GlobalID | None = strawberry.field(default=None, description="A Notice or Honour.")
    since: datetime | None = strawberry.field(default=None, description="Plays started at or after this instant.")
    until: datetime | None = strawberry.field(default=None, description="Plays started before this instant.")


@strawberry.type(description="Plays summed over a screen or an item.")
class PlayTotal:
    row: strawberry.Private[PlayTotalRow]
    screen_row: strawberry.Private[Screen | None]

    @strawberry.field(description="Grouped by SCREEN: the screen.")
    def screen(self) -> Screen | None:
        return self.screen_row

    @strawberry.field(description="Grouped by ITEM: Notice, Honour, EVENTS (a schedule slide) or OTHER.")
    def item_type(self) -> str | None:
        return self.row.item_type

    @strawberry.field(description="Grouped by ITEM: the global ID (or slide name) the screen reported.")
    def item(self) -> str | None:
        return self.row.item_ref

    @strawberry.field(description="How many times it was shown.")
    def plays(self) -> int:
        return self.row.plays

    @strawberry.field(description="Total seconds on screen.")
    def seconds(self) -> float:
        return round(self.row.seconds, 1)


@strawberry.type
class PlayQueries:
    @strawberry.field(
        permission_classes=STAFF,
        description=f"Proof of play inside your scope, most shown first (at most {MAX_ROWS} rows).",
    )
    async def play_totals(
        self,
        info: Info,
        by: Annotated[PlayGrouping, strawberry.argument(description="Sum per item or per screen.")],
        filter: Annotated[PlayFilterInput | None, strawberry.argument(description="Which plays to count.")] = None,
    ) -> list[PlayTotal]:
        ctx = info.context
        assert ctx.staff is not None
        f = filter or PlayFilterInput()
        require_offset(f.since, "filter.since")
        require_offset(f.until, "filter.until")
        item_type = item_id = None
        if f.item is not None:
            if f.item.type_name not in _ITEM_TYPES:
                raise BadUserInput("`filter.item` must be the id of a Notice, Honour or Event", field="filter.item")
            item_type, item_id = f.item.type_name, pk_of(f.item)
        rows = await play_totals(
            ctx.db,
            PlayFilter(
                scope_region_id=ctx.staff.scope_region_id,
                screen_id=node_pk(f.screen, "Screen", "filter.screen"),
                item_type=item_type,
                item_id=item_id,
                since=f.since,
                until=f.until,
            ),
            by_screen=by is PlayGrouping.SCREEN,
            limit=MAX_ROWS,
        )
        screens = {}
        if by is PlayGrouping.SCREEN:
            screens = {s.id: Screen.from_row(s) for s in await screens_by_ids(ctx.db, [r.screen_id or 0 for r in rows])}
        return [PlayTotal(row=r, screen_row=screens.get(r.screen_id or 0)) for r in rows]
