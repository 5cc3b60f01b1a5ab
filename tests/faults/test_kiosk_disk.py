"""A kiosk whose disk fills up: it shows new content all the same, and loses no play.

The cache folder is a small tmpfs of the test's own (mounting needs root;
without it the case is skipped and says so). Filled to the last byte, the
feed cache, the photos and the proof-of-play queue can write nothing; once
space is freed they carry on by themselves.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from qile_kiosk.cache import FeedCache
from qile_kiosk.state import Mode
from tests.faults.city import City, add, publish_notice
from tests.faults.scale import measured, sized
from tests.faults.screens import Watched, fault_config, stored_plays
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

FULL_FOR = sized(1.5, 30.0)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MB filesystem of the test's own."""
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {result.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Write until the filesystem has no byte left; the file that fills it."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as out, contextlib.suppress(OSError):
        while True:
            out.write(chunk)
    with open(filler, "ab", buffering=0) as out, contextlib.suppress(OSError):
        while True:  # the last partial block
            out.write(b"\0")
    assert os.statvfs(disk).f_bavail == 0
    return filler


async def test_a_full_disk_neither_stops_new_content_nor_loses_plays(
    kiosk_city: City, kiosk_api: ApiProcess, small_disk: Path
) -> None:
    name = "磁盘满测试屏"
    token = await add(kiosk_city, name)
    config = fault_config(small_disk / "cache", kiosk_api.url, token)
    screen = Watched.start(config)
    try:
        # given a screen showing its feed, cached
        await screen.until(screen.showing, 20, "the first feed")
        await screen.run(1.0)

        # when its disk is full and new content is published
        filler = fill(small_disk)
        await publish_notice(kiosk_city, "磁盘满时发布的通知")

        # then it shows the new content all the same, and keeps recording what it shows
        await screen.until(lambda: "磁盘满时发布的通知" in screen.titles(), 15, "the new notice")
        await screen.run(FULL_FOR)
        assert screen.showing()

        # when space is freed, the next content is cached again
        filler.unlink()
        await publish_notice(kiosk_city, "腾出空间后发布的通知")
        await screen.until(lambda: "腾出空间后发布的通知" in screen.titles(), 15, "the next notice")
        cached = FeedCache(config.cache_dir).load()
        assert cached is not None and cached.feed.version == screen.kiosk.state.feed.version  # type: ignore[union-attr]

        # and nothing was blank, every play shown is stored once, and no temporary file is left behind
        assert not screen.blank, screen.blank[:3]
        await screen.drain_plays()
        assert await stored_plays(kiosk_city.dsn, name) == screen.plays > 0
        assert not list(config.cache_dir.rglob("*.tmp"))
        measured("kiosk: plays recorded on a full disk, all stored", screen.plays)
    finally:
        screen.close()
    assert screen.kiosk.state.mode is Mode.SHOWING
