"""What lives as long as the application: settings, pool, caches, clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from qile_api.db.database import Database
from qile_api.screens.feed import FeedCache
from qile_api.settings import Settings

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppState:
    settings: Settings
    db: Database
    feed_cache: FeedCache
    # Signs short-lived image links for staff (media/links.py).
    media_key: bytes = b""
    # Replaceable so that tests can move time across display windows.
    clock: Clock = field(default=utc_now)

    @classmethod
    def create(cls, settings: Settings, db: Database) -> AppState:
        cache = FeedCache(settings.feed_cache_entries, timedelta(days=settings.feed_horizon_days))
        return cls(settings=settings, db=db, feed_cache=cache)
