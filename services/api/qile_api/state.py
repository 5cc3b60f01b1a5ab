"""What lives as long as the application: settings, pool, caches, clock.

Everything the process keeps in memory besides the database lives here,
typed, and nowhere else (not loose on Starlette's `app.state`): the built
feeds, the heartbeats not yet written, the screens asked for a screenshot.
`forget()` drops it all, so that a test starts without another's leftovers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from qile_api.db.database import Database
from qile_api.devices.heartbeat import DeviceRuntime
from qile_api.screens.answers import FeedAnswers
from qile_api.screens.feed import FeedCache
from qile_api.screens.watch import ScreenWatch
from qile_api.settings import Settings

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppState:
    settings: Settings
    db: Database
    feed_cache: FeedCache
    feed_answers: FeedAnswers
    # Screens' heartbeats waiting to be written in a batch, and who owes a screenshot.
    devices: DeviceRuntime
    # Token hash → screen and the feed revisions, kept current by LISTEN/NOTIFY and re-checks.
    watch: ScreenWatch
    # Signs short-lived image links for staff (media/links.py).
    media_key: bytes = b""
    # Replaceable so that tests can move time across display windows.
    clock: Clock = field(default=utc_now)

    @classmethod
    def create(cls, settings: Settings, db: Database) -> AppState:
        cache = FeedCache(settings.feed_cache_entries, timedelta(days=settings.feed_horizon_days))
        watch = ScreenWatch(settings.watch_recheck_seconds, settings.watch_trust_seconds, settings.watch_screens_max)
        devices = DeviceRuntime(settings.heartbeat_flush_seconds)
        answers = FeedAnswers(settings.feed_answers_bytes)
        return cls(settings=settings, db=db, feed_cache=cache, feed_answers=answers, devices=devices, watch=watch)

    def forget(self) -> None:
        """Drop what is held in memory (not the pool, the settings or the media key)."""
        self.feed_cache.clear()
        self.feed_answers.clear()
        self.devices.clear()
        self.watch.forget()
