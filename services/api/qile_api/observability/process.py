"""What each worker samples of itself: its pool's connections and its memory.

Gauges in multiprocess mode are written by each worker and added up at
scrape time, so each worker keeps its own current: every few seconds, and
just before a scrape it answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from qile_api.db.database import Database
from qile_api.metrics.instruments import DB_POOL_CONNECTIONS, DB_POOL_MAX, WORKER_MEMORY
from qile_api.observability.workers import forget_worker, multiprocess_dir

SAMPLE_SECONDS = 5.0


def _resident_bytes() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return None


def sample(db: Database) -> None:
    pool = db.pool
    size = pool.get_size()
    DB_POOL_CONNECTIONS.labels("open").set(size)
    DB_POOL_CONNECTIONS.labels("in_use").set(size - pool.get_idle_size())
    DB_POOL_MAX.set(pool.get_max_size())
    memory = _resident_bytes()
    if memory is not None:
        WORKER_MEMORY.set(memory)


async def _sample_forever(db: Database) -> None:
    while True:
        sample(db)
        await asyncio.sleep(SAMPLE_SECONDS)


@asynccontextmanager
async def sampling(db: Database) -> AsyncIterator[None]:
    """For the app's lifespan: sample while it serves; on the way out, drop this worker's live gauges."""
    task = asyncio.create_task(_sample_forever(db), name="qile-metrics-sample")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        if (path := multiprocess_dir()) is not None:
            forget_worker(os.getpid(), path)
