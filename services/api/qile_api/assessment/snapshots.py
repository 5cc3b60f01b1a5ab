"""Monthly snapshots of the assessment: how the communities stood, month by month.

The standard judges records as they stand today and records keep no history,
so progress over time exists only if someone writes it down. The API does:
once a month has ended, one API process (whichever first takes the advisory
lock; the others skip) assesses every community of the city for that
month's year, as of the month's end, and keeps the counts per part of the
standard (`closing` snapshots). Staff may also take the month so far for
their scope (`assessmentSnapshotTake`); the closing snapshot replaces it.

A closing snapshot is taken only within the first days of the next month:
one taken weeks late (the API was down) would describe another month, so
that month is left without one rather than with a wrong one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from qile_api.assessment.engine import CommunityAssessment, assess_communities
from qile_api.assessment.sql import (
    SnapshotRow,
    closing_taken,
    communities_within,
    snapshot_lock,
    store_snapshot,
)
from qile_api.audit.sql import log_entry
from qile_api.db.database import Database, Executor
from qile_api.db.periodic import every
from qile_api.principals import StaffPrincipal
from qile_api.state import AppState

log = logging.getLogger(__name__)

# How late in the next month a closing snapshot may still be taken.
CLOSING_GRACE = timedelta(days=7)


def month_start(now: datetime, timezone: str) -> datetime:
    """The first instant of the month `now` lies in, in the city's time zone."""
    local = now.astimezone(ZoneInfo(timezone))
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def months_before(start: datetime, months: int) -> datetime:
    """The first instant of the month `months` before the one starting at `start` (same time zone)."""
    index = start.year * 12 + start.month - 1 - months
    return start.replace(year=index // 12, month=index % 12 + 1)


def snapshot_rows(assessed: Iterable[CommunityAssessment]) -> list[SnapshotRow]:
    """Each community's parts, counted by status (pure)."""
    return [
        SnapshotRow(a.community_id, p.number, p.name, p.counts.met, p.counts.not_met, p.counts.unknown)
        for a in assessed
        for p in a.parts
    ]


async def take(
    tx: Executor,
    region_id: int | None,
    month: date,
    *,
    as_of: datetime,
    closing: bool,
    taken_at: datetime,
    timezone: str,
) -> int:
    """Assess the communities inside `region_id` (None: the city) for the month's year as of `as_of`; store them.

    How many communities it counted.
    """
    ids = [c.id for c in await communities_within(tx, region_id)]
    assessed = await assess_communities(tx, ids, month.year, now=as_of, timezone=timezone)
    rows = snapshot_rows(assessed.values())
    await store_snapshot(tx, month, year=month.year, closing=closing, taken_at=taken_at, rows=rows)
    return len(ids)


async def take_closing(db: Database, now: datetime, timezone: str) -> date | None:
    """The last month's closing snapshot of the whole city, if it is due and no process took it: its month."""
    start = month_start(now, timezone)
    month = months_before(start, 1).date()
    if now - start > CLOSING_GRACE:
        return None
    async with db.transaction() as tx:
        # Held to the end of the transaction: a second process finds it taken, or finds the rows.
        if not await snapshot_lock(tx, wait=False) or await closing_taken(tx, month):
            return None
        count = await take(tx, None, month, as_of=start, closing=True, taken_at=now, timezone=timezone)
    log.info("assessment snapshot of %s taken: %d communities", month.strftime("%Y-%m"), count)
    return month


async def take_current(db: Database, staff: StaffPrincipal, now: datetime, timezone: str) -> date:
    """The month so far for the caller's scope, on demand (audited): its month."""
    month = month_start(now, timezone).date()
    async with db.transaction() as tx:
        await snapshot_lock(tx, wait=True)
        count = await take(
            tx, staff.scope_region_id, month, as_of=now, closing=False, taken_at=now, timezone=timezone
        )
        await log_entry(
            tx,
            account_id=staff.id,
            action="assessmentSnapshotTake",
            object_type="AssessmentSnapshot",
            object_id=None,
            region_id=staff.scope_region_id,
            after={"month": month.isoformat(), "communities": count},
        )
    return month


async def run_snapshot_job(db: Database, state: AppState) -> None:
    """The lifespan task: at start and then every `QILE_SNAPSHOT_CHECK_SECONDS`, take a closing snapshot if due."""
    await every(
        lambda: state.settings.snapshot_check_seconds,
        lambda: take_closing(db, state.clock(), state.settings.timezone),
        "assessment snapshot",
        log,
        now=True,
    )
