"""Heartbeats: kept in memory, written in one batched statement every few seconds.

Thousands of screens each report every 30 s. Writing each report as it comes
would cost a statement (and a WAL record) per poll; instead the latest report
per screen waits in a dict and a background task upserts them all at once.
Staff reading a screen merge the unflushed report, so what they see is never
older than the last poll this process answered. A crash loses at most the
last few seconds of "last seen", never content.

The same task refreshes which screens have a screenshot requested, so that
answering a heartbeat costs no query at all beyond the token lookup, in
whichever API process the screen reaches.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime

from qile_api.db.database import Executor
from qile_api.db.errors import DatabaseError, log_database_errors
from qile_api.observability.metrics import HEARTBEATS_WRITTEN

log = logging.getLogger(__name__)

MAX_TEXT = 500


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


class DeviceRuntime:
    """Per-process state for screens: unflushed heartbeats and pending screenshot requests."""

    def __init__(self, flush_seconds: float) -> None:
        self.flush_seconds = flush_seconds
        self.pending: dict[int, Heartbeat] = {}
        self.screenshot_wanted: set[int] = set()
        self.flushes = 0
        self.flushed_rows = 0

    def clear(self) -> None:
        """Forget unwritten heartbeats, screenshot requests and the counts."""
        self.pending = {}
        self.screenshot_wanted = set()
        self.flushes = 0
        self.flushed_rows = 0

    def beat(self, beat: Heartbeat) -> bool:
        """Remember the report; True when a screenshot is wanted from this screen."""
        self.pending[beat.screen_id] = beat
        return beat.screen_id in self.screenshot_wanted

    def unflushed(self, screen_id: int) -> Heartbeat | None:
        return self.pending.get(screen_id)

    async def flush(self, db: Executor) -> int:
        # Swap the dict first: reports arriving during the write go to the next batch.
        batch, self.pending = self.pending, {}
        if batch:
            try:
                await upsert_heartbeats(db, list(batch.values()))
            except BaseException:
                # Put them back unless newer ones came meanwhile, and let the caller log.
                for screen_id, beat in batch.items():
                    self.pending.setdefault(screen_id, beat)
                raise
            self.flushes += 1
            self.flushed_rows += len(batch)
            HEARTBEATS_WRITTEN.inc(len(batch))
        self.screenshot_wanted = await screens_awaiting_screenshot(db)
        return len(batch)

    async def run(self, db: Executor) -> None:
        """The lifespan task: flush forever, surviving database hiccups."""
        outage = False
        while True:
            await asyncio.sleep(self.flush_seconds)
            try:
                await self.flush(db)
            except asyncio.CancelledError:
                raise
            except DatabaseError as exc:
                # One line when an outage starts and one when it ends, not one every few seconds.
                if not outage:
                    log_database_errors("heartbeat flush (retrying until the database is back)", [exc])
                outage = True
            except Exception:
                log.exception("heartbeat flush failed; retrying")
            else:
                if outage:
                    log.info("heartbeat flush: the database is back")
                outage = False

    async def stop(self, task: asyncio.Task[None] | None, db: Executor) -> None:
        """Cancel the task (if running) and write what is still pending."""
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        try:
            await self.flush(db)
        except DatabaseError as exc:
            log_database_errors("final heartbeat flush", [exc])
        except Exception:
            log.exception("final heartbeat flush failed")
