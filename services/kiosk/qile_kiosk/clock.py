"""The screen's idea of the time, corrected by the API's clock.

Players in halls often have no battery for their real-time clock and no
reachable time server: after a power cut they wake up in 1970 or drift by
minutes a week. A wrong clock would show the wrong time and, worse, drop
notices whose window it thinks has ended. Every feed response carries the
server's time (`generatedAt`); the offset from it corrects the local clock,
and is kept on disk so that a restart while offline still uses it.

Once the API has told the time, the screen counts on from it with the
monotonic clock: the local clock being set, stepped by NTP or jumping
(a failing battery, a technician) then changes nothing the screen shows,
nor the time its plays are recorded at, even while the API cannot be
reached to say otherwise. Only before the first answer does the local
clock (with the offset kept on disk) tell the time.

The clock is read on every frame: whatever arrives from the API or the disk,
reading it must never raise, or the screen would crash-loop all day.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from qile_kiosk.cache import atomic_write

log = logging.getLogger(__name__)

# Below this, the difference is network delay and not worth a write.
TOLERANCE = timedelta(seconds=2)
# A server time outside this range is a bug or a tampered answer, not the time:
# believing 9999-12-31 would make every later reading of the clock overflow.
EARLIEST_SERVER_TIME = datetime(2024, 1, 1, tzinfo=UTC)
LATEST_SERVER_TIME = datetime(2100, 1, 1, tzinfo=UTC)
# A player booted in 1970 against a server in 2100 is the largest real offset.
MAX_OFFSET = LATEST_SERVER_TIME - datetime(1970, 1, 1, tzinfo=UTC)


def sane_server_time(value: datetime) -> bool:
    return value.tzinfo is not None and EARLIEST_SERVER_TIME <= value < LATEST_SERVER_TIME


class ServerClock:
    def __init__(
        self,
        local: Callable[[], datetime],
        path: Path | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.local = local
        self.path = path
        self.monotonic = monotonic
        # The server's time when the offset was learnt: on a restart it tells
        # whether the local clock has been put right since (see _load).
        self.observed_at: datetime | None = None
        self.offset = self._load()
        # The server's time at an answer, and the monotonic clock's reading then:
        # the time is counted on from it (one tuple, replaced whole: the poller
        # thread writes it, the drawing loop reads it).
        self._anchor: tuple[datetime, float] | None = None

    def __call__(self) -> datetime:
        anchor = self._anchor
        if anchor is not None:
            server_time, at = anchor
            try:
                return server_time + timedelta(seconds=self.monotonic() - at)
            except OverflowError:
                pass  # not after a sane server time; falls back to the local clock
        local = self.local()
        try:
            return local + self.offset
        except OverflowError:
            # Never reached with the checks below; kept so no value can stop the screen.
            return local

    def observe(self, server_time: datetime) -> None:
        """Called from the poller thread with the time a response was generated."""
        if not sane_server_time(server_time):
            log.warning("ignoring implausible server time %s", server_time.isoformat())
            return
        at = self.monotonic()
        try:
            offset = server_time - self.local()
        except (OverflowError, TypeError) as exc:
            log.warning("cannot compare the server time with the local clock: %s", exc)
            return
        if abs(offset) > MAX_OFFSET:
            log.warning("ignoring an implausible clock offset of %s", offset)
            return
        if self._anchor is None or abs(server_time - self()) > TOLERANCE:
            # Counting on from the last anchor drifts by no more than the
            # monotonic clock's rate error: re-anchor only past the tolerance,
            # so that network delay does not make the time shown jitter.
            self._anchor = (server_time, at)
        if abs(offset - self.offset) <= TOLERANCE:
            return
        if abs(offset) > TOLERANCE:
            log.warning("local clock is off by %.0f s; using the API's time", offset.total_seconds())
        self.observed_at = server_time
        # One attribute assignment: the drawing thread reads whole values only.
        self.offset = offset if abs(offset) > TOLERANCE else timedelta(0)
        self._save()

    def _load(self) -> timedelta:
        if self.path is None:
            return timedelta(0)
        try:
            lines = self.path.read_text(encoding="ascii").split()
            seconds = float(lines[0])
            if not math.isfinite(seconds):
                raise ValueError(f"offset {seconds}")
            offset = timedelta(seconds=seconds)
            if abs(offset) > MAX_OFFSET:
                raise ValueError(f"offset {offset} out of range")
            observed_at = datetime.fromisoformat(lines[1]) if len(lines) > 1 else None
        except FileNotFoundError:
            return timedelta(0)
        except (OSError, ValueError, IndexError, OverflowError, UnicodeDecodeError) as exc:
            log.warning("clock offset unreadable (%s); starting from the local clock", exc)
            return timedelta(0)
        if observed_at is not None and offset > timedelta(0):
            try:
                corrected = self.local() >= observed_at
            except TypeError:  # a naive time on disk: cannot tell, keep the offset
                corrected = False
            if corrected:
                # The local clock was behind, and now reads later than the server did
                # when we learnt that: it has been set since (NTP after a 1970 boot).
                log.info("local clock corrected since the offset was learnt; dropping it")
                return timedelta(0)
        self.observed_at = observed_at
        return offset

    def _save(self) -> None:
        if self.path is None:
            return
        observed = self.observed_at.isoformat() if self.observed_at else ""
        try:
            atomic_write(self.path, f"{self.offset.total_seconds():.3f}\n{observed}\n".encode("ascii"))
        except OSError as exc:
            log.warning("cannot keep the clock offset: %s", exc)
