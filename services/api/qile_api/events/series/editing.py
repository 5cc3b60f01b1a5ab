"""Writing many events at once: a series from a rule, and copies of an event or a series on later dates.

Each event written is an ordinary draft, checked by the event's field map
and agreements (events/editing.py) and audited on its own under the
mutation's name (`eventSeriesCreate`, `eventCopy`, `eventSeriesCopy`), all in
the caller's one transaction: a series is written whole or not at all. A
copy is what its event says now, less the head count (a record of what
happened, not of what will), on another date at the same time of day in the
city, its sign-up window moved with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg

from qile_api.db.database import Executor
from qile_api.editing import versioned
from qile_api.editing.sql import row_by_id
from qile_api.events.editing import EVENT_WORKFLOW
from qile_api.events.series import sql
from qile_api.events.series.recurrence import expand, moved_rule, shifted, wall_clock
from qile_api.events.series.sql import SeriesRow
from qile_api.events.sql import EVENT_TABLE, EventRow
from qile_api.limits import EVENT_SERIES_MAX
from qile_api.problems import ErrorCode, Refused, problem

SERIES_CREATE = "eventSeriesCreate"
SERIES_COPY = "eventSeriesCopy"
EVENT_COPY = "eventCopy"
WEEKS_MAX = 52

# The instants a copy moves with its date; the rest of an event stays as it is.
_TIMES = ("starts_at", "ends_at", "sign_up_opens_at", "sign_up_closes_at")
_KIND = EVENT_WORKFLOW.editable


async def create_series(
    tx: Executor,
    *,
    actor_id: int,
    values: Mapping[str, Any],
    rule: str,
    skip: Iterable[date],
    zone: ZoneInfo,
    now: datetime,
) -> SeriesRow:
    """The series `rule` gives from the event `values`, each occurrence a draft."""
    if problems := await _KIND.problems(tx, values, now):
        raise Refused(*problems)
    recurrence = expand(rule, values["starts_at"], skip, zone)
    series = await sql.insert_series(
        tx,
        region_id=values["region_id"],
        rule=recurrence.rule,
        starts_at=values["starts_at"],
        skipped=recurrence.skipped,
        copied_from=None,
        created_by=actor_id,
    )
    first = wall_clock(values["starts_at"], zone).date()
    moves = [(values, (day - first).days) for day in recurrence.dates]
    await _write(tx, moves, actor_id=actor_id, action=SERIES_CREATE, series_id=series.id, zone=zone, now=now)
    return series


async def copy_event(
    tx: Executor, *, actor_id: int, event_id: int, dates: Sequence[date], zone: ZoneInfo, now: datetime
) -> list[EventRow]:
    """The event, copied to each of `dates` (later than its own), as drafts outside any series."""
    source = await row_by_id(tx, EVENT_TABLE, event_id)
    if source is None:
        raise Refused(problem(ErrorCode.NOT_FOUND, "活动不存在", "id"))
    own = wall_clock(source["starts_at"], zone).date()
    if not dates:
        raise Refused(problem(ErrorCode.REQUIRED, "请选择要复制到的日期", "dates"))
    if len(dates) > EVENT_SERIES_MAX:
        raise Refused(problem(ErrorCode.INVALID, f"一次最多复制到{EVENT_SERIES_MAX}个日期", "dates"))
    if len(set(dates)) != len(dates):
        raise Refused(problem(ErrorCode.INVALID, "日期有重复", "dates"))
    if earlier := sorted(d for d in dates if d <= own):
        raise Refused(
            problem(ErrorCode.INVALID, f"复制到的日期须晚于原活动（{own.isoformat()}），{earlier[0]} 不行", "dates")
        )
    values = _copied(source)
    moves = [(values, (day - own).days) for day in sorted(dates)]
    return await _write(tx, moves, actor_id=actor_id, action=EVENT_COPY, series_id=None, zone=zone, now=now)


async def copy_series(
    tx: Executor, *, actor_id: int, series_id: int, weeks: int, zone: ZoneInfo, now: datetime
) -> SeriesRow:
    """A new series: the events of this one (archived ones left out) `weeks` later, as drafts."""
    if not 1 <= weeks <= WEEKS_MAX:
        raise Refused(problem(ErrorCode.INVALID, f"顺延周数须在1到{WEEKS_MAX}之间", "weeks"))
    source = await sql.series_row(tx, series_id)
    events = await sql.events_to_copy(tx, series_id)
    if source is None or not events:
        raise Refused(problem(ErrorCode.NOT_FOUND, "该系列没有可复制的活动", "id"))
    days = 7 * weeks
    series = await sql.insert_series(
        tx,
        region_id=source.region_id,
        rule=moved_rule(source.rule, source.starts_at, days, zone),
        starts_at=shifted(source.starts_at, days, zone),
        skipped=[d + timedelta(days=days) for d in source.skipped],
        copied_from=source.id,
        created_by=actor_id,
    )
    moves = [(_copied(vars(event)), days) for event in events]
    await _write(tx, moves, actor_id=actor_id, action=SERIES_COPY, series_id=series.id, zone=zone, now=now)
    return series


def _copied(event: Mapping[str, Any] | asyncpg.Record) -> dict[str, Any]:
    return {**_KIND.current(event), "participants": None}


async def _write(
    tx: Executor,
    moves: Sequence[tuple[Mapping[str, Any], int]],
    *,
    actor_id: int,
    action: str,
    series_id: int | None,
    zone: ZoneInfo,
    now: datetime,
) -> list[EventRow]:
    """Each event `values` moved `days` later, checked and written as a draft, audited as `action`."""
    rows: list[EventRow] = []
    for index, (values, days) in enumerate(moves):
        moved = {**values, **{k: shifted(values[k], days, zone) for k in _TIMES if values.get(k) is not None}}
        # Every copy shares its fields (checked in full once); its dates must still agree (a
        # head count only once it is over, a sign-up window before the end).
        problems = await _KIND.problems(tx, moved, now) if index == 0 else _KIND.agree(moved, now)
        if problems:
            raise Refused(*problems)
        row = await versioned.create(
            tx,
            EVENT_TABLE,
            actor_id=actor_id,
            action=action,
            values={**moved, "series_id": series_id, "created_by": actor_id},
        )
        rows.append(EVENT_TABLE.from_record(row))
    return rows
