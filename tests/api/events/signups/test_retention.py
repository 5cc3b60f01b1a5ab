"""Sign-ups are deleted 90 days after their event, by one process at a time; the counts stay."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import httpx
import pytest

from qile_api.events.signups.retention import RETENTION_LOCK_KEY, purge_expired
from qile_api.root.app import create_app
from qile_api.settings import Settings
from tests.api.conftest import Api, FakeClock
from tests.api.events.signups.residents import open_event, sign_up

KEPT = 90


async def signed_up_event(api: Api) -> int:
    """An event ending 3 days from the clock's now, with one sign-up checked in and counted."""
    event = await open_event(api.db, api.clock.now)
    await sign_up(api, event)
    await api.db.execute("INSERT INTO event_attendance (event_id, checked_in, updated_at) VALUES ($1, 1, now())", event)
    return event


async def test_sign_ups_go_once_their_event_is_ninety_days_over_and_the_count_stays(api: Api) -> None:
    event = await signed_up_event(api)
    ends = await api.db.fetchval("SELECT ends_at FROM events WHERE id = $1", event)

    day_89 = await purge_expired(api.db, ends + timedelta(days=KEPT - 1), KEPT)
    day_91 = await purge_expired(api.db, ends + timedelta(days=KEPT + 1), KEPT)

    assert (day_89, day_91) == (0, 1)
    assert await api.db.fetchval("SELECT count(*) FROM event_sign_ups") == 0
    assert await api.db.fetchval("SELECT checked_in FROM event_attendance WHERE event_id = $1", event) == 1
    assert await api.db.fetchval("SELECT count(*) FROM sign_up_attempts") == 0


async def test_while_another_process_purges_this_one_skips(api: Api, seeded_dsn: str) -> None:
    event = await signed_up_event(api)
    later = await api.db.fetchval("SELECT ends_at FROM events WHERE id = $1", event) + timedelta(days=KEPT + 1)
    other = await asyncpg.connect(seeded_dsn)
    try:
        async with other.transaction():
            await other.execute("SELECT pg_advisory_xact_lock($1)", RETENTION_LOCK_KEY)
            skipped = await purge_expired(api.db, later, KEPT)
        done = await purge_expired(api.db, later, KEPT)
    finally:
        await other.close()

    assert (skipped, done) == (None, 1)


@pytest.fixture
async def api_with_job(seeded_dsn: str) -> AsyncIterator[tuple[httpx.AsyncClient, FakeClock]]:
    """The API with its retention job looking every 50 ms, on a clock the test moves."""
    settings = Settings(signup_retention_interval_seconds=0.05, heartbeat_flush_seconds=0, _env_file=None)  # type: ignore[call-arg]
    app = create_app(settings, dsn=seeded_dsn)
    clock = FakeClock()
    async with app.router.lifespan_context(app):
        app.state.qile.clock = clock
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://job.test") as client:
            yield client, clock


async def test_the_job_inside_the_api_deletes_them_when_the_clock_reaches_the_day(
    api: Api, api_with_job: tuple[httpx.AsyncClient, FakeClock]
) -> None:
    _, clock = api_with_job
    event = await signed_up_event(api)
    await asyncio.sleep(0.3)
    still_there = await api.db.fetchval("SELECT count(*) FROM event_sign_ups")

    clock.now = await api.db.fetchval("SELECT ends_at FROM events WHERE id = $1", event) + timedelta(days=KEPT, hours=1)
    for _ in range(100):
        if await api.db.fetchval("SELECT count(*) FROM event_sign_ups") == 0:
            break
        await asyncio.sleep(0.05)

    assert still_there == 1
    assert await api.db.fetchval("SELECT count(*) FROM event_sign_ups") == 0
