"""GraphQL types for event series (重复活动)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay

from qile_api.events.series.dataloaders import EventsBySeriesIdLoader, EventSeriesByIdLoader
from qile_api.events.series.recurrence import DESCRIPTION, SKIP_DESCRIPTION
from qile_api.events.series.sql import SeriesRow
from qile_api.events.types import Event
from qile_api.graphql.context import Info
from qile_api.graphql.describe import errors_field
from qile_api.graphql.ids import node_pks
from qile_api.graphql.payloads import MutationError
from qile_api.limits import EVENT_SERIES_MAX


@strawberry.type(
    description="A series of events made from one recurrence rule (重复活动: 周末下午茶 every Saturday …). "
    "Each occurrence is an event of its own, reviewed, shown and counted one by one; "
    f"a series has at most {EVENT_SERIES_MAX}. Readable by whoever may see one of its events."
)
class EventSeries(relay.Node):
    id: relay.NodeID[int]
    row: strawberry.Private[SeriesRow]

    @classmethod
    def from_row(cls, row: SeriesRow) -> EventSeries:
        return cls(id=row.id, row=row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        rows = await info.context.loaders[EventSeriesByIdLoader].load_many(node_pks(node_ids))
        return [cls.from_row(r) if r else None for r in rows]

    @strawberry.field(description=f"The rule, as the API normalised it. {DESCRIPTION}")
    def rule(self) -> str:
        return self.row.rule

    @strawberry.field(description="The first event's start as written: where the rule begins (DTSTART).")
    def starts_at(self) -> datetime:
        return self.row.starts_at

    @strawberry.field(description=SKIP_DESCRIPTION)
    def skipped(self) -> list[date]:
        return list(self.row.skipped)

    @strawberry.field(description="The series this one was copied forward from (eventSeriesCopy), if any.")
    async def copied_from(self, info: Info) -> EventSeries | None:
        if self.row.copied_from is None:
            return None
        row = await info.context.loaders[EventSeriesByIdLoader].load(self.row.copied_from)
        return EventSeries.from_row(row) if row else None

    @strawberry.field(
        description="Its events you may see, soonest first: published ones, and for staff those of their scope "
        "in any state (a pending revision is not listed: its published event is)."
    )
    async def events(self, info: Info) -> list[Event]:
        rows = await info.context.loaders[EventsBySeriesIdLoader].load(self.row.id)
        return [Event.from_row(r) for r in rows]


@strawberry.type(description="What a series mutation did: the series as it now is, or why not.")
class EventSeriesPayload:
    series: EventSeries | None = strawberry.field(description="The series with its events; null when refused.")
    errors: list[MutationError] = errors_field()


@strawberry.type(description="What a recurrence rule gives from a start, before anything is written.")
class RecurrencePreview:
    rule: str | None = strawberry.field(description="The rule as the API normalises it; null when refused.")
    dates: list[date] = strawberry.field(description="The city's dates of the events it would make, in order.")
    skipped: list[date] = strawberry.field(description="The dates given to skip, each one the rule gives.")
    errors: list[MutationError] = strawberry.field(
        description="Why the rule would be refused (on `rule` or `skip`), in Chinese; empty when it is taken."
    )
