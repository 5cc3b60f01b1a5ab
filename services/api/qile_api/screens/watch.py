"""What decides a screen's feed version, kept in this process's memory.

An unchanged poll is the steady state of every screen in a city. It needs
three things: which screen a token belongs to (and that it is still in
service), the feed revisions along its community's path, and the next window
boundary (kept with the built feed, `feed.py`). This module keeps the first
two in memory, so the poll needs no round trip to the database:

* the feed revision of every region, read at start-up;
* token hash → screen and path, remembered when a screen first polls.

Both are kept current by re-reading, in one snapshot, what transactions
changed since the previous look (`watch_changes_since`): at once when
PostgreSQL notifies channel `qile_watch` (the triggers of migration 0011 do,
at commit), and every `watch_recheck_seconds` anyway. The timer is what makes
a lost notification or a dropped listener connection harmless: the change is
read within that interval all the same, and the listener reconnects.

Memory answers only while the last re-check is recent (`watch_trust_seconds`)
and the listener is connected: when the database cannot be read, polls go
back to asking it, and fail or succeed as they did before this module existed. So no screen is answered from
memory older than about a second, and a screen polling every interval shows a
change within one interval plus that second; a revoked token stops working
within the same bound.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Self

import asyncpg

from qile_api.db import periodic
from qile_api.db.database import Executor
from qile_api.metrics.instruments import NOTIFICATIONS_RECEIVED
from qile_api.screens.sql import (
    ScreenPrincipal,
    ScreenRow,
    WatchChanges,
    all_feed_revisions,
    screen_by_token_hash,
    watch_changes_since,
)
from qile_api.settings import Settings

log = logging.getLogger(__name__)

CHANNEL = "qile_watch"
# Between attempts to reconnect the listener; re-checks keep memory current meanwhile.
RECONNECT_SECONDS = 1.0


@dataclass(frozen=True)
class _Watched:
    screen: ScreenRow
    path: tuple[int, ...]


class ScreenWatch:
    def __init__(
        self,
        recheck_seconds: float,
        trust_seconds: float,
        max_screens: int,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.recheck_seconds = recheck_seconds
        self.trust_seconds = trust_seconds
        self.max_screens = max_screens
        self.monotonic = monotonic
        self.revisions: dict[int, int] = {}
        self._screens: dict[bytes, _Watched] = {}
        self._token_of: dict[int, bytes] = {}
        self._cutoff: int | None = None  # None: read every revision at the next re-check
        self._seen_screens: frozenset[tuple[int, int]] = frozenset()
        self._seen_resets: frozenset[int] = frozenset()
        self._confirmed_at = -math.inf
        # Bumped whenever screens are forgotten: a lookup that raced a re-check is not remembered.
        self._generation = 0
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self.listening = False
        self._failing = False
        # Read by tests and metrics.
        self.notifications = 0
        self.rechecks = 0
        self.reconnects = 0

    @classmethod
    def for_settings(cls, settings: Settings) -> Self:
        return cls(settings.watch_recheck_seconds, settings.watch_trust_seconds, settings.watch_screens_max)

    # -- answering polls -------------------------------------------------

    def trusted(self) -> bool:
        """Whether memory may answer: re-checked recently, and the listener connected.

        A dropped listener is the first sign of a database going away: polls
        then ask the database, and succeed or fail as they would without
        memory, until the listener is back.
        """
        return self.listening and self.monotonic() - self._confirmed_at <= self.trust_seconds

    def cached(self, token_hash: bytes) -> ScreenPrincipal | None:
        """The screen of a token from memory alone; None when unknown here or memory is not current."""
        watched = self._screens.get(token_hash)
        if watched is None or not self.trusted():
            return None
        revision = sum(self.revisions.get(region, 0) for region in watched.path)
        return ScreenPrincipal(watched.screen, watched.path, revision)

    async def principal(self, db: Executor, token_hash: bytes) -> ScreenPrincipal | None:
        """The screen of a token: from memory when current, else from the database (then remembered)."""
        found = self.cached(token_hash)
        if found is not None:
            return found
        generation = self._generation
        found = await screen_by_token_hash(db, token_hash)
        if found is not None and generation == self._generation:
            self._remember(token_hash, found)
        return found

    def _remember(self, token_hash: bytes, principal: ScreenPrincipal) -> None:
        screen_id = principal.screen.id
        # A screen answers to one token: the one just found in the database.
        # An older one still here was replaced (a rotation whose re-check has
        # not come yet) and must not keep working.
        previous = self._token_of.get(screen_id)
        if previous is not None and previous != token_hash:
            self._screens.pop(previous, None)
        if token_hash not in self._screens and len(self._screens) >= self.max_screens:
            oldest = next(iter(self._screens))
            self._token_of.pop(self._screens.pop(oldest).screen.id, None)
        self._screens[token_hash] = _Watched(principal.screen, principal.path)
        self._token_of[screen_id] = token_hash

    def screen_changed(self, screen_id: int) -> None:
        """Forget a screen this process has just changed (renamed, given a new token, retired)."""
        self._forget_screens((screen_id,))

    def _forget_screens(self, screen_ids: Iterable[int]) -> None:
        for screen_id in screen_ids:
            token_hash = self._token_of.pop(screen_id, None)
            if token_hash is not None:
                self._screens.pop(token_hash, None)
        self._generation += 1

    def clear(self) -> None:
        """Drop what is remembered; the next re-check reads every revision again."""
        self._screens.clear()
        self._token_of.clear()
        self._generation += 1
        self._cutoff = None
        self._confirmed_at = -math.inf

    # -- keeping memory current ------------------------------------------

    async def recheck(self, db: Executor) -> None:
        """Read what changed since the last look, in one snapshot, and apply it."""
        async with self._lock:  # in order: an older snapshot never overwrites a newer one
            started = self.monotonic()
            cutoff = self._cutoff
            changes = await (all_feed_revisions(db) if cutoff is None else watch_changes_since(db, cutoff))
            self._apply(changes, full=cutoff is None)
            self._confirmed_at = started
            self.rechecks += 1

    def _apply(self, changes: WatchChanges, *, full: bool) -> None:
        if full:
            self.revisions = dict(changes.revisions)
        else:
            self.revisions.update(changes.revisions)
        # A change comes back at each re-check until the cutoff passes it: act on it once.
        if changes.resets - self._seen_resets:
            self._screens.clear()
            self._token_of.clear()
            self._generation += 1
        elif changes.screens - self._seen_screens:
            self._forget_screens(screen_id for screen_id, _ in changes.screens - self._seen_screens)
        self._seen_screens, self._seen_resets = changes.screens, changes.resets
        self._cutoff = changes.xmin

    def start(self, db: Executor, dsn: str) -> None:
        self._tasks = [
            asyncio.create_task(self._recheck_forever(db), name="qile-watch-recheck"),
            asyncio.create_task(self._listen_forever(dsn), name="qile-watch-listen"),
        ]

    async def stop(self) -> None:
        await periodic.stop(self._tasks, log)
        self._tasks = []

    async def _recheck_forever(self, db: Executor) -> None:
        while True:
            try:
                await self.recheck(db)
            except Exception as exc:  # the database is away: polls ask it directly meanwhile
                if not self._failing:
                    log.warning("screen watch: re-check failed (%s: %s)", type(exc).__name__, exc)
                self._failing = True
            else:
                if self._failing:
                    log.info("screen watch: re-checks work again")
                self._failing = False
            await periodic.wait_set(self._wake, self.recheck_seconds)
            self._wake.clear()

    def _notified(self, *_: object) -> None:
        self.notifications += 1
        NOTIFICATIONS_RECEIVED.labels(CHANNEL).inc()
        self._wake.set()

    async def _listen_forever(self, dsn: str) -> None:
        while True:
            try:
                await self._listen(dsn)
                log.warning("screen watch: the listener connection closed; reconnecting")
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
                log.warning("screen watch: cannot listen (%s: %s)", type(exc).__name__, exc)
            finally:
                self.listening = False
            await asyncio.sleep(RECONNECT_SECONDS)

    async def _listen(self, dsn: str) -> None:
        """Listen on one connection until it closes."""
        conn = await asyncpg.connect(dsn, timeout=5, server_settings={"application_name": "qile-api-watch"})
        closed = asyncio.Event()
        try:
            conn.add_termination_listener(lambda _: closed.set())
            await conn.add_listener(CHANNEL, self._notified)
            self.listening = True
            self.reconnects += 1
            # What changed while nobody listened is read now, not at the next tick.
            self._wake.set()
            while not closed.is_set() and not conn.is_closed():
                await periodic.wait_set(closed, 5)
        finally:
            if not conn.is_closed():
                conn.terminate()
