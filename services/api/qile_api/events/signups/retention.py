"""Deleting sign-ups a set time after their event (`QILE_SIGNUP_RETENTION_DAYS`, 90 by default).

A task inside the API process looks every `QILE_SIGNUP_RETENTION_INTERVAL_SECONDS`.
With several worker processes each has the task, but a transaction-level
advisory lock lets one of them do the work at a time: the others see it
held, skip, and look again later. What took place (the counts of
`event_attendance`) stays; only names and numbers go. Expired attempt
counters go with them.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from qile_api.db.database import Database
from qile_api.db.errors import DatabaseError, log_database_errors
from qile_api.db.query import advisory_xact_lock
from qile_api.events.signups import sql
from qile_api.state import AppState

log = logging.getLogger(__name__)

# Any constant unlike the migrations' (db/migrate.py); the same in every process.
RETENTION_LOCK_KEY = 0x51_1E_00_13
_ATTEMPT_WINDOW = timedelta(hours=1)


async def purge_expired(db: Database, now: datetime, days: int) -> int | None:
    """Delete what has been kept long enough; how many sign-ups went, or None when another process is at it."""
    async with db.transaction() as tx:
        if not await advisory_xact_lock(tx, RETENTION_LOCK_KEY, wait=False):
            return None
        deleted = await sql.delete_sign_ups_ended_before(tx, now - timedelta(days=days))
        await sql.delete_attempts_before(tx, now - _ATTEMPT_WINDOW)
        return deleted


async def run(state: AppState, db: Database) -> None:
    """The lifespan task: purge every interval, surviving database outages."""
    settings = state.settings
    while True:
        await asyncio.sleep(settings.signup_retention_interval_seconds)
        try:
            deleted = await purge_expired(db, state.clock(), settings.signup_retention_days)
        except asyncio.CancelledError:
            raise
        except DatabaseError as exc:
            log_database_errors("sign-up retention (retrying at the next interval)", [exc])
        except Exception:
            log.exception("sign-up retention failed; retrying at the next interval")
        else:
            if deleted:
                log.info("deleted %d sign-ups of events over %d days ago", deleted, settings.signup_retention_days)
