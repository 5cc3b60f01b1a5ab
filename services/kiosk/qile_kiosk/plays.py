"""Proof of play: what the screen showed, kept in a local queue until uploaded.

SQLite gives a queue that survives restarts and power cuts. Each play gets a
random id when recorded, so an upload retried after a lost answer is counted
once by the API (it ignores ids it already has). The poller uploads `pending`
plays in batches after each successful poll and `acknowledge`s what the API
accepted: a play leaves this queue only once the API holds it.

A disk that refuses writes (full, read-only, or a play log that cannot be
opened) loses no play either: what it refuses waits in memory, is uploaded
from there, and goes to disk with the next record the disk takes. Only a
restart while the disk still refuses loses those, and past MAX_UNSAVED the
oldest.

The drawing loop records and the poller thread uploads, so one lock guards
the connection.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

# Plays kept in memory while the disk refuses them: a day of 12 s slides.
MAX_UNSAVED = 7200
# How often a play log that could not be opened is tried again.
REOPEN_SECONDS = 60.0


@dataclass(frozen=True)
class Play:
    id: str
    item_id: str
    started_at: str
    seconds: float


def _corrupt(exc: sqlite3.Error) -> bool:
    """The file is damaged (not merely locked or the disk full)."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


class PlayLog:
    def __init__(self, path: Path, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.monotonic = monotonic
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        # Recorded, not on disk yet (the disk refused them): oldest first.
        self._unsaved: list[Play] = []
        # Uploaded, but the disk refused to delete them: never offered again.
        self._forget: set[str] = set()
        self._reopen_at = 0.0
        try:
            self._db = self._open()
        except sqlite3.Error as exc:
            if _corrupt(exc):
                self._set_aside(exc)
                try:
                    self._db = self._open()
                except sqlite3.Error as again:
                    exc = again
            if self._db is None:
                # Plays wait in memory meanwhile (see _reopen): the screen goes on.
                log.error("play log %s unavailable: %s", path, exc)
        except OSError as exc:
            log.error("play log %s unavailable: %s", path, exc)
        if self._db is None:
            self._reopen_at = monotonic() + REOPEN_SECONDS

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS plays (id TEXT PRIMARY KEY, item_id TEXT NOT NULL,"
                " started_at TEXT NOT NULL, seconds REAL NOT NULL)"
            )
            db.execute("SELECT count(*) FROM plays").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _set_aside(self, exc: sqlite3.Error) -> None:
        """Keep a corrupt file for a post-mortem and start afresh: play records are lost,
        but proof of play works again (else it would stay off for the life of the player)."""
        log.error("play log %s is corrupt (%s); set aside as .corrupt, starting a new one", self.path, exc)
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        os.replace(self.path, self.path.with_name(self.path.name + ".corrupt"))

    def _recover(self, exc: sqlite3.Error) -> None:
        """A corrupt file found while in use (under the lock): replace it with a new one."""
        if self._db is not None:
            self._db.close()
        self._db = None
        try:
            self._set_aside(exc)
            self._db = self._open()
        except (OSError, sqlite3.Error) as again:
            log.error("play log %s unavailable: %s", self.path, again)

    def _reopen(self) -> None:
        """A play log that could not be opened (a full disk at start) is tried again now and then."""
        if self._db is not None or self.monotonic() < self._reopen_at:
            return
        try:
            self._db = self._open()
            log.info("play log %s available again", self.path)
        except (OSError, sqlite3.Error) as exc:
            self._reopen_at = self.monotonic() + REOPEN_SECONDS
            log.debug("play log %s still unavailable: %s", self.path, exc)

    def _save_unsaved(self) -> None:
        """Under the lock: write what waits in memory, in one transaction; kept there if refused."""
        self._reopen()
        if self._db is None or not self._unsaved:
            return
        try:
            with self._db:  # BEGIN … COMMIT, or ROLLBACK on error
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR IGNORE INTO plays VALUES (?, ?, ?, ?)",
                    [(p.id, p.item_id, p.started_at, p.seconds) for p in self._unsaved],
                )
        except sqlite3.Error as exc:
            log.warning("%d play(s) kept in memory: %s", len(self._unsaved), exc)
            if _corrupt(exc):
                self._recover(exc)
            return
        self._unsaved.clear()

    def record(self, item_id: str, ended_at: datetime, seconds: float) -> None:
        # Stored to a tenth of a second; a play that rounds to nothing (a slide cut
        # short at once) would only be refused by the API.
        if not round(seconds, 1) > 0:
            return
        started = ended_at.timestamp() - seconds
        started_at = datetime.fromtimestamp(started, ended_at.tzinfo).isoformat()
        play = Play(uuid.uuid4().hex, item_id, started_at, round(seconds, 1))
        with self._lock:
            self._unsaved.append(play)
            if len(self._unsaved) > MAX_UNSAVED:
                dropped = self._unsaved.pop(0)
                log.error("play log full in memory; dropping the play %s of %s", dropped.id, dropped.started_at)
            self._save_unsaved()

    def pending(self, limit: int = 500) -> list[Play]:
        """The oldest plays not yet uploaded: from disk, then those waiting in memory."""
        with self._lock:
            rows: list[Play] = []
            if self._db is not None:
                try:
                    found = self._db.execute(
                        "SELECT id, item_id, started_at, seconds FROM plays ORDER BY rowid LIMIT ?",
                        (limit + len(self._forget),),
                    ).fetchall()
                except sqlite3.Error as exc:
                    log.warning("play log unreadable: %s", exc)
                    found = []
                rows = [Play(*row) for row in found if row[0] not in self._forget]
            return [*rows, *self._unsaved][:limit]

    def acknowledge(self, ids: list[str]) -> None:
        """The API has stored these: drop them from the queue."""
        if not ids:
            return
        with self._lock:
            done = set(ids)
            self._unsaved = [p for p in self._unsaved if p.id not in done]
            if self._db is None:
                return
            gone = done | self._forget
            try:
                self._db.executemany("DELETE FROM plays WHERE id = ?", [(i,) for i in gone])
            except sqlite3.Error as exc:
                # A full disk cannot even delete: remember, so that they are not sent again.
                log.warning("uploaded plays not removed from the play log yet: %s", exc)
                self._forget = gone
                return
            self._forget = set()

    def close(self) -> None:
        with self._lock:
            self._save_unsaved()  # a last chance for what waits in memory
            if self._db is not None:
                self._db.close()
                self._db = None
