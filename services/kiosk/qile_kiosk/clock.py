"""The screen's idea of the time, corrected by the API's clock.

Players in halls often have no battery for their real-time clock and no
reachable time server: after a power cut they wake up in 1970 or drift by
minutes a week. A wrong clock would show the wrong time and, worse, drop
notices whose window it thinks has ended. Every feed response carries the
server's time (`generatedAt`); the offset from it corrects the local clock,
and is kept on disk so that a restart while offline still uses it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from qile_kiosk.cache import atomic_write

log = logging.getLogger(__name__)

# Below this, the difference is network delay and not worth a write.
TOLERANCE = timedelta(seconds=2)


class ServerClock:
    def __init__(self, local: Callable[[], datetime], path: Path | None = None) -> None:
        self.local = local
        self.path = path
        self.offset = self._load()

    def __call__(self) -> datetime:
        return self.local() + self.offset

    def observe(self, server_time: datetime) -> None:
        """Called from the poller thread with the time a response was generated."""
        offset = server_time - self.local()
        if abs(offset - self.offset) <= TOLERANCE:
            return
        if abs(offset) > TOLERANCE:
            log.warning("local clock is off by %.0f s; using the API's time", offset.total_seconds())
        # One attribute assignment: the drawing thread reads whole values only.
        self.offset = offset if abs(offset) > TOLERANCE else timedelta(0)
        self._save()

    def _load(self) -> timedelta:
        if self.path is None:
            return timedelta(0)
        try:
            return timedelta(seconds=float(self.path.read_text(encoding="ascii")))
        except FileNotFoundError:
            return timedelta(0)
        except (OSError, ValueError) as exc:
            log.warning("clock offset unreadable (%s); starting from the local clock", exc)
            return timedelta(0)

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            atomic_write(self.path, f"{self.offset.total_seconds():.3f}".encode("ascii"))
        except OSError as exc:
            log.warning("cannot keep the clock offset: %s", exc)
