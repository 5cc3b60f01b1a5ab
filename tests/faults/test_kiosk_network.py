"""A kiosk on a slow, lossy link (300 ms each way, 20 % of segments lost): updates still arrive in time.

New content published by staff reaches the screen within the capped poll
back-off: a poll interval, one retry at the back-off's cap, a request's
time. The link is a TCP proxy that plays netem's delay and loss
(tests/faults/slowlink.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from qile_kiosk.poller import RETRY_CAP_POLLS
from tests.faults.city import City, add, publish_notice
from tests.faults.httpfault import LoopThread
from tests.faults.scale import long_only, measured
from tests.faults.screens import Watched, fault_config, stored_plays
from tests.faults.slowlink import SlowLink
from tests.servers import ApiProcess

pytestmark = [pytest.mark.slow, long_only]

DELAY = 0.3
LOSS = 0.2
UPDATES = 10
POLL = 5.0
REQUEST_TIMEOUT = 15.0


@pytest.fixture
def link(kiosk_api: ApiProcess) -> Iterator[SlowLink]:
    loop = LoopThread()
    slow = SlowLink(kiosk_api.url, DELAY, LOSS)
    loop.run(slow.__aenter__())
    try:
        yield slow
    finally:
        loop.run(slow.close())
        loop.close()


async def test_updates_reach_a_screen_on_a_slow_lossy_link_within_the_capped_back_off(
    kiosk_city: City, link: SlowLink, tmp_path: Path
) -> None:
    name = "慢网测试屏"
    token = await add(kiosk_city, name)
    config = fault_config(tmp_path, link.url, token, poll_interval=POLL, request_timeout=REQUEST_TIMEOUT)
    # A poll interval with its jitter, one retry at the cap, a request's time, and a second for a busy machine.
    bound = POLL * 1.1 + min(config.backoff_cap, RETRY_CAP_POLLS * POLL) + REQUEST_TIMEOUT + 1.0
    screen = Watched.start(config)
    try:
        await screen.until(screen.showing, 60, "the first feed over the slow link")
        took = []
        for n in range(UPDATES):
            # when staff publish something
            title = f"慢网更新{n}"
            await publish_notice(kiosk_city, title)
            published = time.monotonic()
            # then the screen shows it within the bound
            await screen.until(lambda t=title: t in screen.titles(), bound, title)
            took.append(time.monotonic() - published)

        assert link.lost > 0  # the link did lose segments
        assert not screen.blank, screen.blank[:3]
        await screen.drain_plays(within=60)
        assert await stored_plays(kiosk_city.dsn, name) == screen.plays > 0
        measured(f"kiosk: update over 300 ms + 20 % loss, poll {POLL:.0f} s (s, worst; bound {bound:.1f})", max(took))
    finally:
        screen.close()
