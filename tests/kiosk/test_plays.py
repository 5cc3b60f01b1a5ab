"""The play log shared by two threads: the drawing loop records, the poller uploads and acknowledges."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from qile_kiosk.plays import PlayLog
from tests.kiosk.test_feed_and_cache import NOW

PLAYS = 200
ROUNDS = 5


class YieldingLock:
    """A lock that lets the other threads run just before it is taken: whatever is
    read outside it (the connection, found open and then closed) goes wrong at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> YieldingLock:
        time.sleep(0.0005)
        self._lock.acquire()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._lock.release()


def in_thread(work: Callable[[], None], errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the test's thread
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def record_upload_and_close(path: Path) -> tuple[list[str], list[BaseException]]:
    """The drawing loop records plays while the poller uploads them; the kiosk closes the log
    while an upload may be under way. What was uploaded, and what either thread raised."""
    log = PlayLog(path)
    log._lock = YieldingLock()  # type: ignore[assignment]
    errors: list[BaseException] = []
    uploaded: list[str] = []
    recording_done, closed = threading.Event(), threading.Event()

    def draw() -> None:
        for n in range(PLAYS):
            log.record(f"{path.name}-{n}", NOW, 12.0)
        recording_done.set()

    def upload() -> None:
        while not closed.is_set():
            batch = log.pending(25)
            uploaded.extend(p.item_id for p in batch)
            log.acknowledge([p.id for p in batch])

    threads = [in_thread(draw, errors), in_thread(upload, errors)]
    recording_done.wait(60)
    log.close()
    closed.set()
    for thread in threads:
        thread.join(60)
    return uploaded, errors


def test_plays_recorded_while_uploads_run_are_each_uploaded_once_or_kept(tmp_path: Path) -> None:
    # A race is met by chance: a few rounds make missing it unlikely.
    for round_ in range(ROUNDS):
        path = tmp_path / f"plays-{round_}.sqlite3"
        # given plays recorded while others are uploaded, when the log is closed under the upload
        uploaded, errors = record_upload_and_close(path)

        # then neither thread failed, no play was offered twice, and every play was uploaded or is kept
        assert not errors, errors
        assert len(uploaded) == len(set(uploaded))
        reopened = PlayLog(path)
        try:
            kept = [p.item_id for p in reopened.pending(PLAYS)]
        finally:
            reopened.close()
        assert set(uploaded) | set(kept) == {f"{path.name}-{n}" for n in range(PLAYS)}
