"""A kiosk killed (SIGKILL, a power cut) while it writes its cache and its proof-of-play queue.

A process writes two large feeds in turn with the kiosk's own cache code,
and records a play after each (tests/faults/cache_writer.py); it is killed
at a random moment, again and again. Each time, the cache reads back whole
(one of the two feeds, never half of one, never set aside as corrupt), every
play it had recorded is still queued, and a kiosk starting on that folder
shows the cached content at once and leaves no temporary file behind.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qile_kiosk.app import Kiosk
from qile_kiosk.cache import FeedCache
from qile_kiosk.plays import PlayLog
from tests.faults.cache_writer import VERSIONS
from tests.faults.scale import measured, sized
from tests.faults.screens import blank_reason, fault_config
from tests.servers import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
KILLS = sized(6, 60)


def killed_while_writing(folder: Path, mid_write: bool) -> int:
    """Start the writer and kill it once it has written once: the moment its next feed is
    half on disk (`mid_write`), or at random. The number of plays it reported recorded."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.cache_writer", str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip()  # one feed saved, one play recorded
    if mid_write:
        deadline = time.monotonic() + 10
        while not any(name.endswith(".tmp") for name in os.listdir(folder)):
            assert time.monotonic() < deadline, "the writer never wrote again"
            time.sleep(0.001)
    else:
        time.sleep(random.uniform(0.0, 0.3))
    writer.kill()
    writer.wait()
    lines = writer.stdout.read().split()
    writer.stdout.close()
    return int(lines[-1]) if lines else 1


def test_a_kiosk_killed_while_writing_finds_a_whole_cache_and_every_play(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    recorded = 0
    for n in range(KILLS):
        # when the kiosk's writing is cut off by SIGKILL (every other time, the last time too,
        # while a feed is half written)
        recorded += killed_while_writing(folder, mid_write=n % 2 == (KILLS - 1) % 2)

        # then its cache reads back whole: one of the feeds, complete
        cached = FeedCache(folder).load()
        assert cached is not None and cached.feed.version in VERSIONS
        assert len(cached.feed.notices) == len(cached.feed.raw["notices"]) > 0
        assert not list(folder.glob("*.corrupt"))
        # and every play it had recorded is still queued
        plays = PlayLog(folder / "plays.sqlite3")
        try:
            assert len(plays.pending(1_000_000)) >= recorded
        finally:
            plays.close()

    # when a kiosk starts on what the kills left (half-written temporary files among it)
    assert list(folder.glob(".*.tmp"))
    config = fault_config(folder, f"http://127.0.0.1:{free_port()}", "qs_offline")
    kiosk = Kiosk(config, headless=True, poll=False)
    try:
        kiosk.step()
        # then it shows the cached content at once
        assert kiosk.rotation.current is not None
        assert blank_reason(kiosk.surface) is None
    finally:
        kiosk.close()
    # and no temporary file of a write cut off stays behind to fill the disk over the years
    assert not list(folder.rglob(".*.tmp"))
    measured("kiosk cache: SIGKILLs while writing, every one survived", KILLS)
