"""Each process keeps what decides a screen's version in memory, current within a second.

These tests run an app of their own, without the conftest's `settled` step:
what they show is the process learning of writes by itself, from
PostgreSQL's notifications and from its periodic re-checks when a
notification is lost.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from qile_api.db.database import Database
from qile_api.root.app import create_app
from qile_api.screens.tokens import new_screen_token
from qile_api.screens.watch import ScreenWatch
from qile_api.settings import Settings
from tests.api import factories as f
from tests.api.conftest import Api
from tests.api.observability.scrape import scrape

FEED = "query Feed($since: String) { screenFeed(since: $since) { version notModified notices { title } } }"


@dataclass
class Process:
    client: httpx.AsyncClient
    watch: ScreenWatch
    db: Database

    async def poll(self, token: str, since: str | None = None) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql",
            json={"query": FEED, "variables": {"since": since}},
            headers={"Authorization": f"Bearer {token}"},
        )
        body: dict[str, Any] = response.json()
        return body

    async def version(self, token: str) -> str:
        body = await self.poll(token)
        assert "errors" not in body, body
        return str(body["data"]["screenFeed"]["version"])


def process(seeded_dsn: str, **settings: Any) -> Callable[[], AsyncIterator[Process]]:
    async def run() -> AsyncIterator[Process]:
        app = create_app(Settings(heartbeat_flush_seconds=0, _env_file=None, **settings), dsn=seeded_dsn)  # type: ignore[call-arg]
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://watch.test") as client:
                state = app.state.qile
                yield Process(client, state.held(ScreenWatch), state.db)

    return run


@pytest.fixture
async def notified(seeded_dsn: str, api: Api) -> AsyncIterator[Process]:
    """A process that re-checks only once a minute: what it learns sooner, notifications told it."""
    async for p in process(seeded_dsn, watch_recheck_seconds=60, watch_trust_seconds=120)():
        yield p


@pytest.fixture
async def rechecking(seeded_dsn: str, api: Api) -> AsyncIterator[Process]:
    """A process at the default re-check (0.5 s) and trust (1 s)."""
    async for p in process(seeded_dsn)():
        yield p


async def until(condition: Callable[[], bool | Awaitable[bool]], seconds: float = 10.0) -> None:
    """Wait for a condition (a correctness deadline, generous: not a speed target)."""
    deadline = time.monotonic() + seconds
    while not await answer(condition()):
        assert time.monotonic() < deadline, "condition never met"
        await asyncio.sleep(0.05)


async def steady(p: Process, token: str) -> str:
    """Poll until the process answers from memory (its first re-check done), and return the version."""
    await until(p.watch.trusted)
    version = await p.version(token)
    queries = p.db.counter.total
    assert (await p.poll(token, version))["data"]["screenFeed"]["notModified"] is True
    assert p.db.counter.total == queries, "an unchanged poll should not ask the database"
    return version


async def answer(value: bool | Awaitable[bool]) -> bool:
    return await value if inspect.isawaitable(value) else value


def now() -> datetime:
    return datetime.now(UTC)


async def drop_listener(p: Process) -> None:
    """Terminate the process's listening connection, as a network fault or a database restart would."""
    await until(lambda: p.watch.listening)
    killed = await p.db.fetchval(
        """SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
        WHERE application_name = 'qile-api-watch' AND datname = current_database()"""
    )
    assert killed >= 1
    await until(lambda: not p.watch.listening)


async def test_a_notification_brings_new_content_without_waiting_for_a_recheck(notified: Process) -> None:
    # given a screen polling a process that re-checks only once a minute
    token = await f.screen(notified.db, "工盛社区")
    version = await steady(notified, token)
    heard = notified.watch.notifications
    before = await scrape(notified.client)

    # when a notice for its district is published elsewhere (another process, a script)
    await f.notice(notified.db, "张店区", "区里的通知", start=now() - timedelta(minutes=1))

    # then the process learns of it from PostgreSQL's notification, long before a minute
    async def changed() -> bool:
        return (await notified.poll(token, version))["data"]["screenFeed"]["notModified"] is False

    await until(changed)
    assert notified.watch.notifications > heard
    # and /metrics counts what it heard
    moved = (await scrape(notified.client)).minus(before)
    assert moved.total("qile_notifications_received_total", channel="qile_watch") >= 1
    assert (await notified.poll(token))["data"]["screenFeed"]["notices"] == [{"title": "区里的通知"}]


async def test_with_the_listener_dropped_a_change_shows_within_the_trust_bound(rechecking: Process) -> None:
    # given a screen in the steady state, and the listener's connection dropped
    token = await f.screen(rechecking.db, "工盛社区")
    version = await steady(rechecking, token)
    await drop_listener(rechecking)

    # when a notice is published, its notification heard by nobody in this process
    await f.notice(rechecking.db, "工盛社区", "停水通知", start=now() - timedelta(minutes=1))
    committed = time.monotonic()

    # then a poll a trust interval (1 s) later has it: memory that old is never used
    await asyncio.sleep(max(0.0, committed + rechecking.watch.trust_seconds + 0.01 - time.monotonic()))
    data = (await rechecking.poll(token, version))["data"]["screenFeed"]
    assert data["notModified"] is False
    assert data["notices"] == [{"title": "停水通知"}]
    # and the listener comes back by itself
    await until(lambda: rechecking.watch.listening and rechecking.watch.reconnects >= 2)


async def test_a_revoked_token_stops_working_within_the_bound_even_unheard(rechecking: Process) -> None:
    # given a screen in the steady state, and the listener's connection dropped
    token = await f.screen(rechecking.db, "工盛社区")
    await steady(rechecking, token)
    await drop_listener(rechecking)

    # when staff give the screen a new token
    screen_id = await rechecking.db.fetchval("SELECT id FROM screens")
    new_token, new_hash = new_screen_token()
    # (another process did it: this one learns of it only through the database)
    await rechecking.db.execute("UPDATE screens SET token_hash = $2 WHERE id = $1", screen_id, new_hash)
    revoked = time.monotonic()

    # then the old one is refused a trust interval later, and the new one works
    await asyncio.sleep(max(0.0, revoked + rechecking.watch.trust_seconds + 0.01 - time.monotonic()))
    body = await rechecking.poll(token)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "errors" not in await rechecking.poll(new_token)


async def test_a_revoked_token_is_refused_as_soon_as_the_notification_arrives(notified: Process) -> None:
    token = await f.screen(notified.db, "工盛社区")
    await steady(notified, token)

    await notified.db.execute("UPDATE screens SET status = 'DECOMMISSIONED'")

    async def refused() -> bool:
        body = await notified.poll(token)
        return bool(body.get("errors")) and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    await until(refused)
