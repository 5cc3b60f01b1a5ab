"""A kiosk whose local clock jumps forward and back, online and offline.

The player's wall clock is faked through the kiosk's clock seam
(`ServerClock(local=…)`); the monotonic clock stays real. Slides change
every `slide_seconds` whatever the wall clock does (the rotation counts
monotonic time), the screen shows the right time and keeps its notices,
and the plays it records carry the right time, also while it cannot reach
the API to ask what time it is.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from qile_kiosk.app import shanghai_now
from qile_kiosk.clock import ServerClock
from qile_kiosk.state import Mode
from tests.faults.city import City, add
from tests.faults.httpfault import Fault, HttpFault, faulting
from tests.faults.scale import measured, sized
from tests.faults.screens import Watched, fault_config
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

JUMP = timedelta(days=40)  # past the end (or before the start) of every demo notice's window
HOLD = sized(1.2, 15.0)  # seconds each jump lasts
# `make test` jumps while offline only (the harder case: no answer to correct it); `make faults` online too.
ONLINE = sized((False,), (True, False))
OUTAGE = Fault(status=503, body=b'{"errors": [{"message": "down", "extensions": {"code": "SERVICE_UNAVAILABLE"}}]}')


class Wall:
    """The player's wall clock: right, until the test makes it jump."""

    def __init__(self) -> None:
        self.jump = timedelta(0)

    def __call__(self) -> datetime:
        return shanghai_now() + self.jump


@pytest.fixture
async def proxy(kiosk_api: ApiProcess) -> AsyncIterator[HttpFault]:
    with HttpFault(kiosk_api.url) as p:
        yield p


def notices_shown(screen: Watched) -> set[str]:
    return {s.item_id for s in screen.kiosk.rotation.slides}


async def plays_started(dsn: str, screen_name: str) -> list[datetime]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT p.started_at FROM plays p JOIN screens s ON s.id = p.screen_id WHERE s.name = $1", screen_name
        )
    finally:
        await conn.close()
    return [r["started_at"] for r in rows]


async def test_a_clock_jumping_forward_and_back_moves_neither_the_rotation_nor_the_time_shown(
    kiosk_city: City, proxy: HttpFault, tmp_path: Path
) -> None:
    name = "时钟跳变测试屏"
    token = await add(kiosk_city, name)
    config = fault_config(tmp_path, proxy.url, token)
    wall = Wall()
    screen = Watched.start(config, now=ServerClock(wall, config.cache_dir / "clock-offset"))
    began = shanghai_now()
    try:
        # given a screen showing its notices, rotating
        await screen.until(screen.showing, 20, "the first feed")
        await screen.run(1.0)
        shown = notices_shown(screen)
        assert len(screen.kiosk.rotation.slides) > 1

        slide_changes: list[float] = []
        last = screen.kiosk.rotation.current
        for online in ONLINE:
            rule = None if online else (lambda _request: OUTAGE)
            with faulting(proxy, rule or (lambda _request: None)):
                for jump in (JUMP, -JUMP, timedelta(0)):
                    # when the local clock jumps (with the API answering, then while it cannot be reached)
                    wall.jump = jump
                    deadline = time.monotonic() + HOLD
                    while time.monotonic() < deadline:
                        await screen.run(0.05)
                        if screen.kiosk.rotation.current != last:
                            last = screen.kiosk.rotation.current
                            slide_changes.append(time.monotonic())
                        # then the screen shows the same notices and the real time all along
                        assert notices_shown(screen) == shown, (online, jump)
                        assert abs(screen.kiosk.now() - shanghai_now()) < timedelta(seconds=5), (online, jump)
                if not online:
                    assert screen.kiosk.state.mode is Mode.OFFLINE

        # and slides changed every slide_seconds, whatever the wall clock said
        gaps = [b - a for a, b in itertools.pairwise(slide_changes)]
        assert gaps and all(config.slide_seconds - 0.2 < gap < config.slide_seconds + 1.0 for gap in gaps), gaps

        # and every play it recorded carries the real time
        await screen.until(screen.showing, 15, "back online")
        assert not screen.blank, screen.blank[:3]
        await screen.drain_plays()
        started = await plays_started(kiosk_city.dsn, name)
        assert len(started) == screen.plays > 0
        late = [s for s in started if not began - timedelta(minutes=1) <= s <= shanghai_now()]
        assert not late, late[:3]
        measured("kiosk: clock jumps of ±40 days, slide period (s, min–max)", f"{min(gaps):.2f}–{max(gaps):.2f}")
    finally:
        screen.close()
