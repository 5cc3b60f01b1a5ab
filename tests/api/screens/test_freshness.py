"""Freshness across processes: an approval through one API process reaches a screen polling another."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.freshness import delay, newsroom
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

# The kiosk polls every 30 s; the bound is the same at any interval, and 2 s keeps the test short.
POLL_INTERVAL = 2.0


@pytest.fixture
def two_processes(seeded_dsn: str) -> Iterator[tuple[ApiProcess, ApiProcess]]:
    first, second = ApiProcess(seeded_dsn).launch(), ApiProcess(seeded_dsn).launch()
    try:
        yield first.wait_ready(), second.wait_ready()
    finally:
        first.stop()
        second.stop()


async def test_an_approval_through_one_process_shows_from_another_within_one_poll_and_a_second(
    two_processes: tuple[ApiProcess, ApiProcess], seeded_dsn: str, tmp_path: Path
) -> None:
    approving, polled = two_processes
    room = await newsroom(seeded_dsn)

    seconds = await delay(polled.url, approving.url, room, tmp_path, POLL_INTERVAL)

    assert seconds <= POLL_INTERVAL + 1.0, seconds
