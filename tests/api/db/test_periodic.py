"""Background work stops when the process does: shutdown never hangs on it."""

from __future__ import annotations

import asyncio
import logging

import pytest

from qile_api.db import periodic

log = logging.getLogger(__name__)


async def _wake_loop(event: asyncio.Event) -> None:
    """A task like the screen watch's re-check: wake on an event or a timer, forever."""
    while True:
        await periodic.wait_set(event, 10)
        event.clear()


async def test_a_cancellation_arriving_as_the_wake_up_fires_still_stops_the_task() -> None:
    # given a task waiting to be woken
    event = asyncio.Event()
    task = asyncio.create_task(_wake_loop(event))
    await asyncio.sleep(0)
    # when it is woken and cancelled in the same turn of the loop (a
    # notification landing as the app shuts down)
    event.set()
    await asyncio.sleep(0)
    task.cancel()
    # then it ends, cancelled, rather than looping on (asyncio.wait_for on
    # Python 3.11 swallowed that cancellation and the shutdown hung)
    done, _ = await asyncio.wait([task], timeout=2)
    assert task in done
    assert task.cancelled()


async def test_wait_set_says_whether_the_event_came() -> None:
    event = asyncio.Event()
    assert await periodic.wait_set(event, 0.01) is False
    event.set()
    assert await periodic.wait_set(event, 10) is True


async def test_stop_gives_up_on_a_task_that_ignores_its_cancellation(caplog: pytest.LogCaptureFixture) -> None:
    # given a task that keeps running when cancelled (a stuck clean-up)
    release = asyncio.Event()

    async def stubborn() -> None:
        while not release.is_set():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                continue

    task = asyncio.create_task(stubborn(), name="stubborn")
    await asyncio.sleep(0)
    # when the process stops its background work with a short grace
    with caplog.at_level(logging.WARNING):
        await asyncio.wait_for(periodic.stop([task, None], log, grace=0.2), timeout=5)
    # then shutdown goes on, and says which task was left
    assert "stubborn" in caplog.text
    release.set()
    task.cancel()
    await asyncio.wait([task], timeout=1)
