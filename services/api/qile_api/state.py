"""What lives as long as the application: settings, pool, clock, and what the domains keep in memory.

Everything the process keeps in memory besides the database lives here,
typed, and nowhere else (not loose on Starlette's `app.state`). A domain's
in-memory part (the screens' feed cache and unwritten heartbeats) is its
own class, asked for by class, `state.held(FeedCache)`, and made from the
settings on first use: this module knows no domain. `forget()` clears it
all, so that a test starts without another's leftovers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol, Self, TypeVar, cast

from qile_api.db.database import Database
from qile_api.settings import Settings

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Held(Protocol):
    """Something a domain keeps in memory for the life of the process (a cache, a write buffer)."""

    @classmethod
    def for_settings(cls, settings: Settings) -> Self: ...

    def clear(self) -> None: ...


H = TypeVar("H", bound=Held)


@dataclass
class AppState:
    settings: Settings
    db: Database
    # Signs short-lived image links for staff (media/links.py).
    media_key: bytes = b""
    # Replaceable so that tests can move time across display windows.
    clock: Clock = field(default=utc_now)
    _held: dict[type, Held] = field(init=False, default_factory=dict, repr=False)

    @classmethod
    def create(cls, settings: Settings, db: Database) -> AppState:
        return cls(settings=settings, db=db)

    def held(self, kind: type[H]) -> H:
        """The process's one `kind` (`FeedCache`, `DeviceRuntime` …), made on first use."""
        found = self._held.get(kind)
        if found is None:
            found = self._held[kind] = kind.for_settings(self.settings)
        return cast(H, found)

    def forget(self) -> None:
        """Clear what the domains hold in memory (not the pool, the settings or the media key)."""
        for held in self._held.values():
            held.clear()
