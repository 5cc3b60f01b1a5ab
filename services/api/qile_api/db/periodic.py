"""Background work a process repeats for its life (heartbeat flushes, the monthly snapshot check).

Such work must survive the database going away and coming back without
flooding the log: one line when an outage starts and one when it ends, not
one every few seconds; any other failure is logged with its trace and
retried at the next turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

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
