"""SQL for events (活动)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from qile_api.content.sql import (
    IMAGE_COLUMNS,
    REVIEW_COLUMNS,
    ContentTable,
    ImageMeta,
    ReviewMeta,
    for_community,
    visible,
    within_region,
)
from qile_api.db.database import Executor
from qile_api.db.query import Conditions, fetch_ids
from qile_api.editing.sql import Table
from qile_api.principals import Visibility

EVENTS = ContentTable(
    table="events",
    columns="c.id, c.region_id, c.theme_key, c.category, c.title, c.description, c.venue, "
    "c.starts_at, c.ends_at, c.organiser, c.large_scale, c.participants, c.status, "
    "c.published_at, c.version, c.updated_at, c.revision_of, c.reject_reason, "
    "c.capacity, c.sign_up_opens_at, c.sign_up_closes_at, c.series_id, " + REVIEW_COLUMNS + ", " + IMAGE_COLUMNS,
    order_by=("starts_at", "id"),
)
# Looking back (the past events whose head count is still to be recorded): latest start first.
EVENTS_LATEST_FIRST = dataclasses.replace(EVENTS, descending=True)


@dataclass(frozen=True)
class EventRow(ImageMeta, ReviewMeta):
    id: int
    region_id: int
    theme_key: str | None
    category: str
    title: str
    description: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    organiser: str
    large_scale: bool
    participants: int | None
    status: str
    published_at: datetime | None
    version: int
    updated_at: datetime
    revision_of: int | None
    reject_reason: str | None
    # Residents' sign-up (qile_api/events/signups): places (None: no limit) and window (None: no sign-up).
    capacity: int | None
    sign_up_opens_at: datetime | None
    sign_up_closes_at: datetime | None
    # The series it was made in (events/series), if any; None for a revision.
    series_id: int | None

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> EventRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


# What staff edit (content.workflow): the same columns, under the type's names.
EVENT_TABLE: Table[EventRow] = Table(
    name="events", columns=EVENTS.columns, type_name="Event", label="活动", from_record=EventRow.from_record
)


@dataclass(frozen=True)
class EventFilter:
    # Review statuses staff asked for; None: published only.
    statuses: tuple[str, ...] | None = None
    community_id: int | None = None
    # Events scoped to this region or to one under it.
    within_id: int | None = None
    theme_key: str | None = None
    category: str | None = None
    large_scale: bool | None = None
    # Events overlapping [start, end): a running event counts as in range.
    start: datetime | None = None
    end: datetime | None = None


def event_conditions(f: EventFilter, vis: Visibility) -> Conditions:
    cond = Conditions()
    visible(cond, vis, EVENTS, f.statuses)
    for_community(cond, f.community_id)
    within_region(cond, f.within_id)
    if f.theme_key is not None:
        cond.add("c.theme_key = {}", f.theme_key)
    if f.category is not None:
        cond.add("c.category = {}", f.category)
    if f.large_scale is not None:
        cond.add("c.large_scale = {}", f.large_scale)
    if f.start is not None:
        cond.add("c.ends_at > {}", f.start)
    if f.end is not None:
        cond.add("c.starts_at < {}", f.end)
    return cond


async def feed_events(db: Executor, path: Sequence[int], now: datetime, horizon_end: datetime) -> list[EventRow]:
    """Published events not yet over that start before the horizon, soonest first."""
    rows = await db.fetch(
        f"""SELECT {EVENTS.columns} FROM events c
        WHERE c.region_id = ANY($1::bigint[]) AND c.status = 'PUBLISHED'
          AND c.ends_at > $2 AND c.starts_at < $3
        ORDER BY c.starts_at, c.id""",
        list(path),
        now,
        horizon_end,
    )
    return [EventRow.from_record(r) for r in rows]


# An event's activity photo stays on galleries this long after the event ends
# (上周的邻居节): screens/sql.py's next_feed_boundary knows it too.
PHOTO_AFTER = timedelta(days=30)


async def feed_photo_events(db: Executor, path: Sequence[int], now: datetime, horizon_end: datetime) -> list[EventRow]:
    """Published events along a community's path with an activity photo, for galleries: from when they
    come within the horizon until PHOTO_AFTER after they end, latest first."""
    rows = await db.fetch(
        f"""SELECT {EVENTS.columns} FROM events c
        WHERE c.region_id = ANY($1::bigint[]) AND c.status = 'PUBLISHED'
          AND c.image_sha256 IS NOT NULL AND c.image_kind = 'PHOTO'
          AND c.ends_at > $2::timestamptz - $4::interval AND c.starts_at < $3
        ORDER BY c.starts_at DESC, c.id DESC""",
        list(path),
        now,
        horizon_end,
        PHOTO_AFTER,
    )
    return [EventRow.from_record(r) for r in rows]


async def event_regions(db: Executor, event_id: int) -> list[int]:
    """The regions a event touches: its own and, for a revision, its published item's (approving rewrites it)."""
    return await fetch_ids(
        db,
        "SELECT ARRAY[c.region_id, p.region_id] FROM events c LEFT JOIN events p ON p.id = c.revision_of "
        "WHERE c.id = $1",
        event_id,
    )
