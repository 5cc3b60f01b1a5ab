"""SQL for screens: registration, tokens, what their feed needs, their heartbeats and screenshots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import Conditions, fetch_ids, seek
from qile_api.editing.sql import Table
from qile_api.events.sql import PHOTO_AFTER
from qile_api.problems import ErrorCode, problem


@dataclass(frozen=True)
class ScreenRow:
    id: int
    community_id: int
    kind: str
    name: str
    location: str
    status: str
    version: int

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> ScreenRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ScreenPrincipal:
    """An authenticated screen, with what decides whether its feed changed."""

    screen: ScreenRow
    path: tuple[int, ...]
    # Sum of the feed revisions along the community's path: it grows whenever
    # content in any of those regions changes.
    revision: int


_SCREEN_COLUMNS = "s.id, s.community_id, s.kind, s.name, s.location, s.status, s.version"

# Names are unique within a community (a unique index holds it).
NAME_TAKEN = problem(ErrorCode.DUPLICATE, "本社区已有同名屏幕", "name")

# What ADMINs register and change (screenRegister, screenRename, screenRotateToken, screenDecommission).
SCREEN_TABLE: Table[ScreenRow] = Table(
    name="screens",
    columns=_SCREEN_COLUMNS,
    type_name="Screen",
    label="屏幕",
    from_record=ScreenRow.from_record,
    region_column="community_id",
    alias="s",
    duplicate=NAME_TAKEN,
)


_PRINCIPAL = f"""SELECT {_SCREEN_COLUMNS}, c.path,
       coalesce((SELECT sum(f.revision) FROM feed_revisions f
                 WHERE f.region_id = ANY(c.path)), 0)::bigint AS revision
FROM screens s JOIN regions c ON c.id = s.community_id"""


def _principal(row: asyncpg.Record) -> ScreenPrincipal:
    return ScreenPrincipal(ScreenRow.from_record(row), tuple(row["path"]), int(row["revision"]))


async def screen_by_token_hash(db: Executor, token_hash: bytes) -> ScreenPrincipal | None:
    """The one query an unchanged feed costs: unique-index lookups only."""
    row = await db.fetchrow(f"{_PRINCIPAL} WHERE s.token_hash = $1 AND s.status = 'ACTIVE'", token_hash)
    return _principal(row) if row else None


async def active_screen_principals(db: Executor, ids: Sequence[int]) -> list[ScreenPrincipal]:
    """Active screens as their feed sees them: for staff asking what a screen is given to show."""
    rows = await db.fetch(f"{_PRINCIPAL} WHERE s.id = ANY($1::bigint[]) AND s.status = 'ACTIVE'", list(ids))
    return [_principal(r) for r in rows]


async def screens_by_ids(db: Executor, ids: Sequence[int]) -> list[ScreenRow]:
    rows = await db.fetch(f"SELECT {_SCREEN_COLUMNS} FROM screens s WHERE s.id = ANY($1::bigint[])", list(ids))
    return [ScreenRow.from_record(r) for r in rows]


async def next_feed_boundary(db: Executor, path: Sequence[int], now: datetime, horizon: timedelta) -> datetime | None:
    """The next instant at which an item enters or leaves what screens show.

    Notices enter at display_start and leave at display_end; events enter the
    schedule when they come within the horizon and leave when they end; their
    activity photos leave galleries PHOTO_AFTER later.
    """
    value: datetime | None = await db.fetchval(
        """SELECT min(t) FROM (
            SELECT display_start AS t FROM notices
             WHERE region_id = ANY($1::bigint[]) AND status = 'PUBLISHED' AND display_start > $2
            UNION ALL
            SELECT display_end FROM notices
             WHERE region_id = ANY($1::bigint[]) AND status = 'PUBLISHED' AND display_end > $2
            UNION ALL
            -- >=: an event entering the horizon at this very instant is not shown
            -- yet (the feed wants starts_at < now + horizon), so it is still ahead.
            SELECT starts_at - $3::interval FROM events
             WHERE region_id = ANY($1::bigint[]) AND status = 'PUBLISHED' AND starts_at - $3::interval >= $2
            UNION ALL
            SELECT ends_at FROM events
             WHERE region_id = ANY($1::bigint[]) AND status = 'PUBLISHED' AND ends_at > $2
            UNION ALL
            -- An activity photo leaves galleries PHOTO_AFTER after its event ends.
            SELECT ends_at + $4::interval FROM events
             WHERE region_id = ANY($1::bigint[]) AND status = 'PUBLISHED' AND image_kind = 'PHOTO'
               AND ends_at + $4::interval > $2
        ) boundaries""",
        list(path),
        now,
        horizon,
        PHOTO_AFTER,
    )
    return value


def _listing(scope_region_id: int, community_id: int | None, status: str | None) -> Conditions:
    cond = Conditions()
    cond.add("EXISTS (SELECT 1 FROM regions r WHERE r.id = s.community_id AND {} = ANY(r.path))", scope_region_id)
    if community_id is not None:
        cond.add("s.community_id = {}", community_id)
    if status is not None:
        cond.add("s.status = {}", status)
    return cond


async def list_screens(
    db: Executor,
    scope_region_id: int,
    community_id: int | None,
    status: str | None,
    after_id: int | None,
    limit: int,
    backward: bool = False,
) -> list[ScreenRow]:
    cond = _listing(scope_region_id, community_id, status)
    op, direction = seek(False, backward)
    if after_id is not None:
        cond.add(f"s.id {op} {{}}", after_id)
    limit_param = cond.param(limit)
    rows = await db.fetch(
        f"SELECT {_SCREEN_COLUMNS} FROM screens s WHERE {cond.sql} ORDER BY s.id {direction} LIMIT {limit_param}",
        *cond.args,
    )
    return [ScreenRow.from_record(r) for r in rows]


async def count_screens(db: Executor, scope_region_id: int, community_id: int | None, status: str | None) -> int:
    cond = _listing(scope_region_id, community_id, status)
    return int(await db.fetchval(f"SELECT count(*) FROM screens s WHERE {cond.sql}", *cond.args))


async def screen_regions(db: Executor, screen_id: int) -> list[int]:
    """The region a screen lies in (for the scope check); none when there is no such screen."""
    return await fetch_ids(db, "SELECT ARRAY[community_id] FROM screens WHERE id = $1", screen_id)


# Health: heartbeats (written in batches, screens/heartbeats.py) and screenshots ----------


@dataclass(frozen=True)
class Heartbeat:
    screen_id: int
    seen_at: datetime
    content_version: str | None
    mode: str | None
    uptime_seconds: int | None
    last_error: str | None


async def upsert_heartbeats(db: Executor, beats: list[Heartbeat]) -> None:
    """One statement for any number of screens; an older report never overwrites a newer one."""
    await db.execute(
        """INSERT INTO screen_heartbeats AS h
               (screen_id, seen_at, content_version, mode, uptime_seconds, last_error)
        SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::text[])
        ON CONFLICT (screen_id) DO UPDATE SET
            seen_at = excluded.seen_at, content_version = excluded.content_version, mode = excluded.mode,
            uptime_seconds = excluded.uptime_seconds, last_error = excluded.last_error
        WHERE h.seen_at <= excluded.seen_at""",
        [b.screen_id for b in beats],
        [b.seen_at for b in beats],
        [b.content_version for b in beats],
        [b.mode for b in beats],
        [b.uptime_seconds for b in beats],
        [b.last_error for b in beats],
    )


async def screens_awaiting_screenshot(db: Executor) -> set[int]:
    rows = await db.fetch(
        """SELECT screen_id FROM screen_screenshots
        WHERE requested_at IS NOT NULL AND (taken_at IS NULL OR taken_at < requested_at)"""
    )
    return {int(r["screen_id"]) for r in rows}


async def heartbeats_by_screen_ids(db: Executor, ids: Sequence[int]) -> list[Heartbeat]:
    rows = await db.fetch(
        """SELECT screen_id, seen_at, content_version, mode, uptime_seconds, last_error
        FROM screen_heartbeats WHERE screen_id = ANY($1::bigint[])""",
        list(ids),
    )
    return [Heartbeat(**{k: r[k] for k in Heartbeat.__dataclass_fields__}) for r in rows]


@dataclass(frozen=True)
class ScreenshotRow:
    screen_id: int
    requested_at: datetime | None
    taken_at: datetime | None
    media_sha256: str | None

    @property
    def awaited(self) -> bool:
        return self.requested_at is not None and (self.taken_at is None or self.taken_at < self.requested_at)

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> ScreenshotRow:
        return cls(r["screen_id"], r["requested_at"], r["taken_at"], r["media_sha256"])


async def screenshots_by_screen_ids(db: Executor, ids: Sequence[int]) -> list[ScreenshotRow]:
    rows = await db.fetch(
        """SELECT screen_id, requested_at, taken_at, media_sha256
        FROM screen_screenshots WHERE screen_id = ANY($1::bigint[])""",
        list(ids),
    )
    return [ScreenshotRow.from_record(r) for r in rows]


async def request_screenshot(db: Executor, screen_id: int, account_id: int, now: datetime) -> ScreenshotRow:
    row = await db.fetchrow(
        """INSERT INTO screen_screenshots AS s (screen_id, requested_at, requested_by) VALUES ($1, $2, $3)
        ON CONFLICT (screen_id) DO UPDATE SET requested_at = excluded.requested_at,
                                              requested_by = excluded.requested_by
        RETURNING screen_id, requested_at, taken_at, media_sha256""",
        screen_id,
        now,
        account_id,
    )
    assert row is not None
    return ScreenshotRow.from_record(row)


async def lock_screenshot(db: Executor, screen_id: int) -> ScreenshotRow | None:
    row = await db.fetchrow(
        """SELECT screen_id, requested_at, taken_at, media_sha256 FROM screen_screenshots
        WHERE screen_id = $1 FOR UPDATE""",
        screen_id,
    )
    return ScreenshotRow.from_record(row) if row else None


async def store_screenshot(db: Executor, screen_id: int, sha256: str, now: datetime) -> None:
    await db.execute(
        "UPDATE screen_screenshots SET taken_at = $2, media_sha256 = $3 WHERE screen_id = $1", screen_id, now, sha256
    )


@dataclass(frozen=True)
class WatchChanges:
    """What changed since a re-check, read in one snapshot (see migrations/0011_feed_notify.sql).

    Rows changed by a transaction at or after the cutoff come back at every
    re-check until the cutoff passes them (a long transaction anywhere holds
    it back): so screens and resets come with the transaction that changed
    them, and the caller acts on each pair once.
    """

    # The oldest transaction still running when the snapshot was taken: the
    # next re-check reads rows changed by it or anything later.
    xmin: int
    revisions: dict[int, int]
    screens: frozenset[tuple[int, int]]  # (screen id, transaction)
    resets: frozenset[int]  # transactions


_XMIN = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"


async def all_feed_revisions(db: Executor) -> WatchChanges:
    """Every region's feed revision: what a process starts from (and restarts from after a reset)."""
    row = await db.fetchrow(
        f"""SELECT {_XMIN} AS xmin, f.regions, f.revisions
        FROM (SELECT array_agg(region_id) AS regions, array_agg(revision) AS revisions FROM feed_revisions) f"""
    )
    assert row is not None
    revisions = dict(zip(row["regions"] or (), row["revisions"] or (), strict=True))
    return WatchChanges(row["xmin"], revisions, frozenset(), frozenset())


async def watch_changes_since(db: Executor, xid: int) -> WatchChanges:
    """Revisions, screens and resets changed by transaction `xid` or later."""
    row = await db.fetchrow(
        f"""SELECT {_XMIN} AS xmin, f.regions, f.revisions, s.screens, s.screen_xids,
               ARRAY(SELECT changed_xid::text::bigint FROM watch_resets
                     WHERE changed_xid >= $1::text::xid8) AS resets
        FROM (SELECT array_agg(region_id) AS regions, array_agg(revision) AS revisions
              FROM feed_revisions WHERE changed_xid >= $1::text::xid8) f,
             (SELECT array_agg(id) AS screens, array_agg(watch_xid::text::bigint) AS screen_xids
              FROM screens WHERE watch_xid >= $1::text::xid8) s""",
        str(xid),
    )
    assert row is not None
    return WatchChanges(
        row["xmin"],
        dict(zip(row["regions"] or (), row["revisions"] or (), strict=True)),
        frozenset(zip(row["screens"] or (), row["screen_xids"] or (), strict=True)),
        frozenset(row["resets"]),
    )
