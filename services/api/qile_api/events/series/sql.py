"""SQL for event series (events/series): the series row and the events made from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import asyncpg

from qile_api.content.sql import ANY_STATUS, visible
from qile_api.db.database import Executor
from qile_api.db.query import Conditions, fetch_ids
from qile_api.events.sql import EVENTS, EventRow
from qile_api.principals import Visibility

_COLUMNS = "s.id, s.region_id, s.rule, s.starts_at, s.skipped, s.copied_from, s.created_by, s.created_at"


@dataclass(frozen=True)
class SeriesRow:
    id: int
    region_id: int
    rule: str  # the RRULE value, normalised (recurrence.py)
    starts_at: datetime  # DTSTART: the first event's start as written
    skipped: tuple[date, ...]  # EXDATE, the city's dates
    copied_from: int | None
    created_by: int | None
    created_at: datetime

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> SeriesRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__ if k != "skipped"}, skipped=tuple(r["skipped"]))


async def insert_series(
    db: Executor,
    *,
    region_id: int,
    rule: str,
    starts_at: datetime,
    skipped: Sequence[date],
    copied_from: int | None,
    created_by: int,
) -> SeriesRow:
    row = await db.fetchrow(
        f"""INSERT INTO event_series AS s (region_id, rule, starts_at, skipped, copied_from, created_by)
        VALUES ($1, $2, $3, $4::date[], $5, $6) RETURNING {_COLUMNS}""",
        region_id,
        rule,
        starts_at,
        list(skipped),
        copied_from,
        created_by,
    )
    assert row is not None
    return SeriesRow.from_record(row)


async def series_row(db: Executor, series_id: int) -> SeriesRow | None:
    row = await db.fetchrow(f"SELECT {_COLUMNS} FROM event_series s WHERE s.id = $1", series_id)
    return SeriesRow.from_record(row) if row is not None else None


def _visible_events(vis: Visibility) -> Conditions:
    """The events of a series the caller may see: published ones, and any of their scope's for staff."""
    cond = Conditions()
    visible(cond, vis, EVENTS, ANY_STATUS)
    return cond


async def series_by_ids(db: Executor, ids: Sequence[int], vis: Visibility) -> list[SeriesRow]:
    """Series of which the caller may see at least one event: a series says no more than its events."""
    cond = _visible_events(vis)
    ids_param = cond.param(list(ids))
    rows = await db.fetch(
        f"""SELECT {_COLUMNS} FROM event_series s WHERE s.id = ANY({ids_param}::bigint[])
        AND EXISTS (SELECT 1 FROM events c WHERE c.series_id = s.id AND {cond.sql})""",
        *cond.args,
    )
    return [SeriesRow.from_record(r) for r in rows]


async def events_by_series(db: Executor, ids: Sequence[int], vis: Visibility) -> list[EventRow]:
    """The visible events of these series, soonest first (at most EVENT_SERIES_MAX each)."""
    cond = _visible_events(vis)
    cond.add("c.series_id = ANY({}::bigint[])", list(ids))
    rows = await db.fetch(
        f"SELECT {EVENTS.columns} FROM events c WHERE {cond.sql} ORDER BY c.starts_at, c.id", *cond.args
    )
    return [EventRow.from_record(r) for r in rows]


async def events_to_copy(db: Executor, series_id: int) -> list[EventRow]:
    """A series' events as they stand (published values, not pending revisions), leaving out archived ones."""
    rows = await db.fetch(
        f"""SELECT {EVENTS.columns} FROM events c WHERE c.series_id = $1 AND c.status <> 'ARCHIVED'
        ORDER BY c.starts_at, c.id""",
        series_id,
    )
    return [EventRow.from_record(r) for r in rows]


async def series_regions(db: Executor, series_id: int) -> list[int]:
    """The regions a series touches: where it was made and where each of its events lies."""
    return await fetch_ids(
        db,
        """SELECT ARRAY[s.region_id] || array(SELECT c.region_id FROM events c WHERE c.series_id = s.id)
        FROM event_series s WHERE s.id = $1""",
        series_id,
    )
