"""SQL for notices (宣传/公告)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from qile_api.content.sql import (
    IMAGE_COLUMNS,
    REVIEW_COLUMNS,
    ContentTable,
    ImageMeta,
    ReviewMeta,
    containing,
    for_community,
    visible,
    within_region,
)
from qile_api.db.database import Executor
from qile_api.db.query import Conditions, fetch_ids
from qile_api.editing.sql import Table
from qile_api.principals import Visibility

NOTICES = ContentTable(
    table="notices",
    columns="c.id, c.region_id, c.category, c.title, c.body, c.priority, c.urgent, c.exclusive, "
    "c.display_start, c.display_end, c.status, c.published_at, c.version, c.updated_at, c.revision_of, "
    "c.reject_reason, " + REVIEW_COLUMNS + ", " + IMAGE_COLUMNS,
    order_by=("id",),
    descending=True,
)


@dataclass(frozen=True)
class NoticeRow(ImageMeta, ReviewMeta):
    id: int
    region_id: int
    category: str
    title: str
    body: str
    priority: int
    urgent: bool
    exclusive: bool
    display_start: datetime
    display_end: datetime | None
    status: str
    published_at: datetime | None
    version: int
    updated_at: datetime
    revision_of: int | None
    reject_reason: str | None

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> NoticeRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


# What staff edit (content.workflow): the same columns, under the type's names.
NOTICE_TABLE: Table[NoticeRow] = Table(
    name="notices", columns=NOTICES.columns, type_name="Notice", label="通知", from_record=NoticeRow.from_record
)


@dataclass(frozen=True)
class NoticeFilter:
    # Review statuses staff asked for; None: published only.
    statuses: tuple[str, ...] | None = None
    community_id: int | None = None
    category: str | None = None
    urgent: bool | None = None
    current_at: datetime | None = None
    region_id: int | None = None
    search: str | None = None


def notice_conditions(f: NoticeFilter, vis: Visibility) -> Conditions:
    cond = Conditions()
    visible(cond, vis, NOTICES, f.statuses)
    for_community(cond, f.community_id)
    within_region(cond, f.region_id)
    containing(cond, f.search, "title", "body")
    if f.category is not None:
        cond.add("c.category = {}", f.category)
    if f.urgent is not None:
        cond.add("c.urgent = {}", f.urgent)
    if f.current_at is not None:
        cond.add(
            "c.display_start <= {} AND (c.display_end IS NULL OR c.display_end > {})",
            f.current_at,
            f.current_at,
        )
    return cond


async def feed_notices(db: Executor, path: Sequence[int], now: datetime, urgent_only: bool) -> list[NoticeRow]:
    """Published notices showing now along a community's path, most pressing first."""
    rows = await db.fetch(
        f"""SELECT {NOTICES.columns} FROM notices c
        WHERE c.region_id = ANY($1::bigint[]) AND c.status = 'PUBLISHED'
          AND c.display_start <= $2 AND (c.display_end IS NULL OR c.display_end > $2)
          AND (NOT $3 OR c.urgent)
        ORDER BY c.urgent DESC, c.priority DESC, c.display_start DESC, c.id DESC""",
        list(path),
        now,
        urgent_only,
    )
    return [NoticeRow.from_record(r) for r in rows]


async def feed_photo_notices(db: Executor, path: Sequence[int], now: datetime) -> list[NoticeRow]:
    """Published notices showing now along a community's path whose image is an activity photo, newest first.

    Galleries show these photos (urgent notices reach galleries as urgent notices already).
    """
    rows = await db.fetch(
        f"""SELECT {NOTICES.columns} FROM notices c
        WHERE c.region_id = ANY($1::bigint[]) AND c.status = 'PUBLISHED' AND NOT c.urgent
          AND c.image_sha256 IS NOT NULL AND c.image_kind = 'PHOTO'
          AND c.display_start <= $2 AND (c.display_end IS NULL OR c.display_end > $2)
        ORDER BY c.display_start DESC, c.id DESC""",
        list(path),
        now,
    )
    return [NoticeRow.from_record(r) for r in rows]


async def notice_regions(db: Executor, notice_id: int) -> list[int]:
    """The regions a notice touches: its own and, for a revision, its published item's (approving rewrites it)."""
    return await fetch_ids(
        db,
        "SELECT ARRAY[c.region_id, p.region_id] FROM notices c LEFT JOIN notices p ON p.id = c.revision_of "
        "WHERE c.id = $1",
        notice_id,
    )
