"""Proof of play: what the screen showed, kept in a local queue until uploaded.

SQLite gives a queue that survives restarts and power cuts. Each play gets a
random id when recorded, so an upload retried after a lost answer is counted
once by the API (it ignores ids it already has). The poller uploads `pending`
plays in batches after each successful poll and `acknowledge`s what the API
accepted: a play leaves this queue only once the API holds it.

The drawing loop records and the poller thread uploads, so one lock guards
the connection.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)


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
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
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
                # Losing play records is better than losing the screen.
                log.error("play log %s unavailable: %s", path, exc)
        except OSError as exc:
            log.error("play log %s unavailable: %s", path, exc)

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

    def record(self, item_id: str, ended_at: datetime, seconds: float) -> None:
        # Stored to a tenth of a second; a play that rounds to nothing (a slide cut
        # short at once) would only be refused by the API.
        if self._db is None or not round(seconds, 1) > 0:
            return
        started = ended_at.timestamp() - seconds
        started_at = datetime.fromtimestamp(started, ended_at.tzinfo).isoformat()
        with self._lock:
            try:
                if self._db is not None:
                    self._db.execute(
                        "INSERT INTO plays VALUES (?, ?, ?, ?)",
                        (uuid.uuid4().hex, item_id, started_at, round(seconds, 1)),
                    )
            except sqlite3.Error as exc:
                log.warning("play not recorded: %s", exc)
                if _corrupt(exc):
                    self._recover(exc)

    def pending(self, limit: int = 500) -> list[Play]:
        if self._db is None:
            return []
        with self._lock:
            rows = self._db.execute(
                "SELECT id, item_id, started_at, seconds FROM plays ORDER BY rowid LIMIT ?", (limit,)
            ).fetchall()
        return [Play(*row) for row in rows]

    def acknowledge(self, ids: list[str]) -> None:
        """The API has stored these: drop them from the queue."""
        if self._db is None or not ids:
            return
        with self._lock:
            self._db.executemany("DELETE FROM plays WHERE id = ?", [(i,) for i in ids])

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
