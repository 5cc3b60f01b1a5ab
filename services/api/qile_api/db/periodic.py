"""Background work a process repeats for its life (heartbeat flushes, the monthly snapshot check).

Such work must survive the database going away and coming back without
flooding the log: one line when an outage starts and one when it ends, not
one every few seconds; any other failure is logged with its trace and
retried at the next turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from qile_api.db.errors import DatabaseError, log_database_errors


async def every(
    seconds: Callable[[], float], work: Callable[[], Awaitable[object]], what: str, log: logging.Logger, *, now: bool
) -> None:
    """Run `work` every `seconds()` forever (first at once when `now`, else after one interval)."""
    outage = False
    if not now:
        await asyncio.sleep(seconds())
    while True:
        try:
            await work()
        except asyncio.CancelledError:
            raise
        except DatabaseError as exc:
            if not outage:
                log_database_errors(f"{what} (retrying until the database is back)", [exc])
            outage = True
        except Exception:
            log.exception("%s failed; retrying", what)
        else:
            if outage:
                log.info("%s: the database is back", what)
            outage = False
        await asyncio.sleep(seconds())


async def stop(tasks: Iterable[asyncio.Task[Any] | None], log: logging.Logger, grace: float = 5.0) -> None:
    """Cancel background tasks and wait for them, but never longer than `grace` seconds.

    A process's shutdown must end: a task stuck in a database call that does
    not honour cancellation at once (a half-open connection) is left behind
    with a warning rather than holding the process, and its clean-up, forever.
    """
    running = [task for task in tasks if task is not None and not task.done()]
    for task in running:
        task.cancel()
    if not running:
        return
    _, stuck = await asyncio.wait(running, timeout=grace)
    for task in stuck:
        log.warning("background task %s did not stop within %.0f s; leaving it", task.get_name(), grace)


async def wait_set(event: asyncio.Event, seconds: float) -> bool:
    """Wait until `event` is set or `seconds` pass; whether it was set.

    Not `asyncio.wait_for`: on Python 3.11 it can swallow a cancellation that
    arrives as the wait completes, and a task that misses its cancellation
    loops on and hangs whoever awaits it at shutdown.
    """
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await event.wait()
    return event.is_set()
