"""What a recurrence rule would give, for the console's preview before saving."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import strawberry

from qile_api.events.series.recurrence import DESCRIPTION, SKIP_DESCRIPTION, expand
from qile_api.events.series.types import RecurrencePreview
from qile_api.graphql.context import Info
from qile_api.graphql.payloads import errors_of
from qile_api.graphql.permissions import STAFF
from qile_api.graphql.times import require_offset
from qile_api.problems import Refused


@strawberry.type
class EventSeriesQueries:
    @strawberry.field(
        permission_classes=STAFF,
        description="Staff: the dates a recurrence rule gives from a start, checked as eventSeriesCreate "
        "checks it, without writing anything.",
    )
    def event_recurrence_preview(
        self,
        info: Info,
        starts_at: Annotated[datetime, strawberry.argument(description="The first event's start, with its offset.")],
        rule: Annotated[str, strawberry.argument(description=DESCRIPTION)],
        skip: Annotated[list[date] | None, strawberry.argument(description=SKIP_DESCRIPTION)] = None,
    ) -> RecurrencePreview:
        require_offset(starts_at, "startsAt")
        try:
            found = expand(rule, starts_at, skip or [], ZoneInfo(info.context.settings.timezone))
        except Refused as refused:
            return RecurrencePreview(rule=None, dates=[], skipped=[], errors=errors_of(refused))
        return RecurrencePreview(rule=found.rule, dates=list(found.dates), skipped=list(found.skipped), errors=[])
