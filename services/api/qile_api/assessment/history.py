"""`assessmentHistory`: the monthly snapshots of a region's communities, for the office to see progress."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from itertools import groupby

import strawberry

from qile_api.assessment.engine import Counts
from qile_api.assessment.snapshots import month_start, months_before
from qile_api.assessment.sql import SnapshotTotal, snapshot_totals
from qile_api.assessment.types import StatusCounts
from qile_api.graphql.context import Info

MAX_MONTHS = 120


@strawberry.type(description="One part of the standard in a month's snapshot, over the region's communities.")
class SnapshotPart:
    number: int = strawberry.field(description="Its number in the standard, 1 to 8.")
    name: str = strawberry.field(description="Its name as it was then, e.g. 功能设施.")
    counts: StatusCounts = strawberry.field(description="Its criteria counted by status, all communities together.")


@strawberry.type(
    description="How a region's communities stood in one month: the assessment of the month's year, counted "
    "by status (a snapshot; records keep no history of their own)."
)
class AssessmentSnapshot:
    month: date = strawberry.field(description="The month: its first day, e.g. 2026-10-01.")
    year: int = strawberry.field(description="The year assessed: the month's.")
    closing: bool = strawberry.field(
        description="True: taken after the month ended, as it stood at its end. False: the month so far, taken "
        "on demand (`assessmentSnapshotTake`); the closing snapshot replaces it."
    )
    taken_at: datetime = strawberry.field(description="When it was taken (the latest, over the communities).")
    communities: int = strawberry.field(description="How many communities it counts.")
    counts: StatusCounts = strawberry.field(description="All their criteria counted by status.")
    parts: list[SnapshotPart] = strawberry.field(description="The standard's parts, in order.")


def snapshots_of(totals: Sequence[SnapshotTotal]) -> list[AssessmentSnapshot]:
    """Group the per-part totals by month (pure; they come ordered by month and part)."""
    found = []
    for month, group in groupby(totals, key=lambda t: t.month):
        parts = list(group)
        counts = [Counts(p.met, p.not_met, p.unknown) for p in parts]
        found.append(
            AssessmentSnapshot(
                month=month,
                year=parts[0].year,
                closing=all(p.closing for p in parts),
                taken_at=max(p.taken_at for p in parts),
                communities=max(p.communities for p in parts),
                counts=StatusCounts.of(sum(counts, Counts())),
                parts=[
                    SnapshotPart(number=p.part, name=p.part_name, counts=StatusCounts.of(c))
                    for p, c in zip(parts, counts, strict=True)
                ],
            )
        )
    return found


async def load_history(info: Info, region_id: int, pilot: bool | None, months: int) -> list[AssessmentSnapshot]:
    """The last `months` months (this one included) of the communities inside a region, oldest first."""
    ctx = info.context
    since = months_before(month_start(ctx.now(), ctx.settings.timezone), months - 1).date()
    return snapshots_of(await snapshot_totals(ctx.db, region_id, pilot, since))
