"""SQL for proof of play, screenshots and what staff read about a screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import Conditions
from qile_api.devices.heartbeat import Heartbeat
from qile_api.observability.metrics import PLAYS_WRITTEN


@dataclass(frozen=True)
class PlayRecord:
    client_id: str
    item_type: str
    item_id: int | None
    item_ref: str
    started_at: datetime
    seconds: float


async def insert_plays(db: Executor, screen_id: int, plays: Sequence[PlayRecord]) -> set[str]:
    """Store new plays, ignoring ids this screen sent before; returns every id now stored.

    An id already stored counts as accepted: the kiosk's earlier upload
    arrived but its answer did not, and the kiosk may now forget it.
    """
    if not plays:
        return set()
    ids = [p.client_id for p in plays]
    status = await db.execute(
        """INSERT INTO plays (screen_id, client_id, item_type, item_id, item_ref, started_at, seconds)
        SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::timestamptz[], $7::real[])
        ON CONFLICT (screen_id, client_id) DO NOTHING""",
        screen_id,
        ids,
        [p.item_type for p in plays],
        [p.item_id for p in plays],
        [p.item_ref for p in plays],
        [p.started_at for p in plays],
        [p.seconds for p in plays],
    )
    # "INSERT 0 <rows>": the plays that were new (one sent again is not written twice).
    PLAYS_WRITTEN.inc(int(status.rpartition(" ")[2]))
    rows = await db.fetch(
        "SELECT client_id FROM plays WHERE screen_id = $1 AND client_id = ANY($2::text[])", screen_id, ids
    )
    return {r["client_id"] for r in rows}


@dataclass(frozen=True)
class PlayFilter:
    scope_region_id: int
    screen_id: int | None = None
    item_type: str | None = None
    item_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class PlayTotalRow:
    screen_id: int | None
    item_type: str | None
    item_id: int | None
    item_ref: str | None
    plays: int
    seconds: float


async def play_totals(db: Executor, f: PlayFilter, by_screen: bool, limit: int) -> list[PlayTotalRow]:
    """Counts and seconds per screen or per item, over screens inside the scope only."""
    cond = Conditions()
    cond.add("{} = ANY(r.path)", f.scope_region_id)
    if f.screen_id is not None:
        cond.add("p.screen_id = {}", f.screen_id)
    if f.item_type is not None:
        cond.add("p.item_type = {}", f.item_type)
    if f.item_id is not None:
        cond.add("p.item_id = {}", f.item_id)
    if f.since is not None:
        cond.add("p.started_at >= {}", f.since)
    if f.until is not None:
        cond.add("p.started_at < {}", f.until)
    limit_param = cond.param(limit)
    # Items are grouped by their reference, so that a schedule slide ("events")
    # and ids the API cannot resolve are still counted.
    group = "p.screen_id" if by_screen else "p.item_type, p.item_id, p.item_ref"
    columns = (
        "p.screen_id, NULL::text AS item_type, NULL::bigint AS item_id, NULL::text AS item_ref"
        if by_screen
        else "NULL::bigint AS screen_id, p.item_type, p.item_id, p.item_ref"
    )
    rows = await db.fetch(
        f"""SELECT {columns}, count(*) AS plays, coalesce(sum(p.seconds), 0)::float8 AS seconds
        FROM plays p JOIN screens s ON s.id = p.screen_id JOIN regions r ON r.id = s.community_id
        WHERE {cond.sql} GROUP BY {group} ORDER BY seconds DESC, plays DESC LIMIT {limit_param}""",
        *cond.args,
    )
    return [PlayTotalRow(**{k: r[k] for k in PlayTotalRow.__dataclass_fields__}) for r in rows]


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
