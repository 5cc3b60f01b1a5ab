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
import logging
from typing import Self

from qile_api.db.database import Executor
from qile_api.db.errors import DatabaseError, log_database_errors
from qile_api.db.periodic import every
from qile_api.db.periodic import stop as stop_tasks
from qile_api.metrics.instruments import HEARTBEATS_WRITTEN
from qile_api.screens.sql import Heartbeat, screens_awaiting_screenshot, upsert_heartbeats
from qile_api.settings import Settings

log = logging.getLogger(__name__)

MAX_TEXT = 500


class DeviceRuntime:
    """Per-process state for screens: unflushed heartbeats and pending screenshot requests."""

    def __init__(self, flush_seconds: float) -> None:
        self.flush_seconds = flush_seconds
        self.pending: dict[int, Heartbeat] = {}
        self.screenshot_wanted: set[int] = set()

    @classmethod
    def for_settings(cls, settings: Settings) -> Self:
        return cls(settings.heartbeat_flush_seconds)

    def clear(self) -> None:
        """Forget unwritten heartbeats and screenshot requests."""
        self.pending = {}
        self.screenshot_wanted = set()

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
            HEARTBEATS_WRITTEN.inc(len(batch))
        self.screenshot_wanted = await screens_awaiting_screenshot(db)
        return len(batch)

    async def run(self, db: Executor) -> None:
        """The lifespan task: flush forever, surviving database hiccups."""
        await every(lambda: self.flush_seconds, lambda: self.flush(db), "heartbeat flush", log, now=False)

    async def stop(self, task: asyncio.Task[None] | None, db: Executor) -> None:
        """Cancel the task (if running) and write what is still pending."""
        await stop_tasks([task], log)
        try:
            await self.flush(db)
        except DatabaseError as exc:
            log_database_errors("final heartbeat flush", [exc])
        except Exception:
            log.exception("final heartbeat flush failed")
