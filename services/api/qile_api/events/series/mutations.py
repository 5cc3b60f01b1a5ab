"""Writing events by the series: from a recurrence rule, and copied forward to later dates."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

import strawberry
from strawberry import relay

from qile_api.db.database import Executor
from qile_api.editing.mutations import item_pk, outcome, signed_in
from qile_api.events.editing import EVENT_FIELDS
from qile_api.events.mutations import EventCreateInput, EventsPayload
from qile_api.events.series import editing
from qile_api.events.series.recurrence import DESCRIPTION, SKIP_DESCRIPTION
from qile_api.events.series.types import EventSeries, EventSeriesPayload
from qile_api.events.types import Event
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG
from qile_api.graphql.given import given
from qile_api.graphql.ids import region_pk
from qile_api.graphql.permissions import EDITORS
from qile_api.limits import EVENT_SERIES_MAX

PayloadT = TypeVar("PayloadT")


@strawberry.input(
    description="A series of event drafts: the first event's fields, and the rule that repeats it "
    "at the same time of day in the city."
)
class EventSeriesCreateInput(EventCreateInput):
    rule: str = strawberry.field(description=DESCRIPTION)
    skip: list[date] = strawberry.field(default_factory=list, description=SKIP_DESCRIPTION)


@strawberry.input(description="Copy an event to later dates, each copy a draft at the same time of day.")
class EventCopyInput:
    id: relay.GlobalID = strawberry.field(description="The Event to copy (any state; its head count is not copied).")
    dates: list[date] = strawberry.field(
        description=f"The city's dates to copy it to, each after its own: 1 to {EVENT_SERIES_MAX}, each once."
    )


@strawberry.input(description="Copy a series forward by whole weeks, as a new series of drafts.")
class EventSeriesCopyInput:
    id: relay.GlobalID = strawberry.field(description="The EventSeries to copy (its archived events are left out).")
    weeks: int = strawberry.field(description=f"How many weeks later: 1 to {editing.WEEKS_MAX}.")


async def _written(
    info: Info,
    payload: Callable[..., PayloadT],
    key: str,
    to_node: Callable[[Any], Any],
    write: Callable[[Executor, int, ZoneInfo], Awaitable[Any]],
) -> PayloadT:
    """Run a write in one transaction as the caller, in the city's zone, and answer it in its payload."""
    ctx = info.context

    async def op() -> Any:
        async with ctx.db.transaction() as tx:
            return await write(tx, signed_in(info).id, ZoneInfo(ctx.settings.timezone))

    return await outcome(payload, key, to_node, op())


@strawberry.type
class EventSeriesMutations:
    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Write a series of event drafts inside your scope from a recurrence rule (重复), "
        "all or none; submit them with eventBatchSubmit.",
    )
    async def event_series_create(
        self, info: Info, input: Annotated[EventSeriesCreateInput, INPUT_ARG]
    ) -> EventSeriesPayload:
        values = EVENT_FIELDS.values(given(input, scope=region_pk))
        now = info.context.now()
        return await _written(
            info,
            EventSeriesPayload,
            "series",
            EventSeries.from_row,
            lambda tx, actor_id, zone: editing.create_series(
                tx, actor_id=actor_id, values=values, rule=input.rule, skip=input.skip, zone=zone, now=now
            ),
        )

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="复制: copy an event inside your scope to later dates, as drafts outside any series.",
    )
    async def event_copy(self, info: Info, input: Annotated[EventCopyInput, INPUT_ARG]) -> EventsPayload:
        event_id, now = item_pk(input.id, "Event"), info.context.now()
        return await _written(
            info,
            EventsPayload,
            "events",
            lambda rows: [Event.from_row(r) for r in rows],
            lambda tx, actor_id, zone: editing.copy_event(
                tx, actor_id=actor_id, event_id=event_id, dates=input.dates, zone=zone, now=now
            ),
        )

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="顺延: copy a series whose events all lie in your scope forward by whole weeks, "
        "as a new series of drafts.",
    )
    async def event_series_copy(
        self, info: Info, input: Annotated[EventSeriesCopyInput, INPUT_ARG]
    ) -> EventSeriesPayload:
        series_id, now = item_pk(input.id, "EventSeries"), info.context.now()
        return await _written(
            info,
            EventSeriesPayload,
            "series",
            EventSeries.from_row,
            lambda tx, actor_id, zone: editing.copy_series(
                tx, actor_id=actor_id, series_id=series_id, weeks=input.weeks, zone=zone, now=now
            ),
        )
