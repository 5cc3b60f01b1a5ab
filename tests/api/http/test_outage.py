"""Database outages: coded 503s for every caller, fast failures when frozen, recovery without a restart.

The API runs in-process and reaches the real PostgreSQL through a proxy
(`tests.netfault`) that plays the outage, so the server every other test
shares is never stopped.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pytest

from qile_api.db.database import Database
from qile_api.db.migrate import migrate
from qile_api.regions import queries as region_queries
from qile_api.root.app import create_app
from qile_api.screens.watch import ScreenWatch
from qile_api.seed.reference import seed_reference
from qile_api.settings import Settings
from tests.api import factories as f
from tests.api import staff
from tests.api.observability.scrape import scrape
from tests.netfault import NetFault
from tests.pg import Databases, execute

PUBLIC_QUERY = "{ districts { name } }"
SCREEN_QUERY = "{ screenFeed { version screen { name } } }"
STAFF_QUERY = "{ me { username } }"
LOGIN = 'mutation { login(input: {username: "nobody", password: "wrong"}) { token errors { code } } }'
MEDIA_PATH = "/media/" + "ab" * 32
CSV_PATH = "/reports/assessment.csv?year=2026"

# Small limits keep each test short; the behaviour is the same at the defaults.
SETTINGS = Settings(
    db_pool_max=4,
    db_acquire_timeout_ms=300,
    db_connect_timeout_ms=300,
    statement_timeout_ms=400,
    db_command_timeout_ms=800,
    readyz_timeout_ms=400,
    login_delay_ms=1,
    _env_file=None,  # type: ignore[call-arg]
)


@dataclass(frozen=True)
class Tokens:
    staff: str
    screen: str


@dataclass
class Setup:
    proxy: NetFault
    client: httpx.AsyncClient
    tokens: Tokens
    admin_dsn: str
    database: str
    watch: ScreenWatch

    async def gql(self, query: str, token: str | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return await self.client.post("/graphql", json={"query": query}, headers=headers)

    async def past_trust(self) -> None:
        """A screen is answered from memory no older than the trust window
        (screens/watch.py), a second at most; after it, it meets the outage too."""
        if self.watch.trusted():
            await asyncio.sleep(self.watch.trust_seconds)

    async def every_caller(self) -> dict[str, httpx.Response]:
        anonymous = await self.gql(PUBLIC_QUERY)
        if anonymous.status_code == 503:
            await self.past_trust()
        return {
            "anonymous": anonymous,
            "screen": await self.gql(SCREEN_QUERY, self.tokens.screen),
            "staff": await self.gql(STAFF_QUERY, self.tokens.staff),
            "mutation": await self.gql(LOGIN),
            "media": await self.client.get(MEDIA_PATH),
            "csv": await self.client.get(CSV_PATH, headers={"Authorization": f"Bearer {self.tokens.staff}"}),
            "readyz": await self.client.get("/readyz"),
        }

    async def stop_cleanly(self) -> None:
        """What `pg_ctl stop` does to the API: its sessions end with 57P01, new connections are refused."""
        await self.proxy.refuse()
        await execute(
            self.admin_dsn,
            # With a timeout it waits until each session is gone.
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1",
            self.database,
        )

    async def kill(self) -> None:
        """A killed server: connections reset mid-stream, nothing listening."""
        await self.proxy.refuse()
        await self.proxy.cut(reset=True)


@pytest.fixture(scope="module")
async def outage_db(databases: Databases) -> tuple[str, Tokens]:
    """A database of its own: the clean stop ends every session on it."""
    dsn = await databases.create("qile_outage")
    await migrate(dsn)
    db = await Database.connect(dsn, min_size=1, max_size=1)
    try:
        async with db.transaction() as tx:
            await seed_reference(tx)
        tokens = Tokens(
            staff=await staff.staff(db, "outage.admin", "ADMIN", "淄博市"),
            screen=await f.screen(db, "工盛社区"),
        )
    finally:
        await db.close()
    return dsn, tokens


@pytest.fixture
async def setup(outage_db: tuple[str, Tokens], pg_admin_dsn: str) -> AsyncIterator[Setup]:
    dsn, tokens = outage_db
    async with NetFault(dsn) as proxy:
        app = create_app(SETTINGS, dsn=proxy.dsn)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://qile.test") as client:
                # The path names the database (the embedded server's DSN has a socket directory in its query).
                database = urlsplit(dsn).path.lstrip("/")
                yield Setup(proxy, client, tokens, pg_admin_dsn, database, app.state.qile.held(ScreenWatch))


def assert_outage(responses: dict[str, httpx.Response]) -> None:
    for caller, response in responses.items():
        assert response.status_code == 503, (caller, response.status_code, response.text)
        assert response.headers["retry-after"].isdigit(), caller
        body = response.json()
        if caller in ("anonymous", "screen", "staff", "mutation"):
            assert body["data"] is None, caller
            assert [e["extensions"]["code"] for e in body["errors"]] == ["SERVICE_UNAVAILABLE"], caller
            assert "Unexpected error" not in body["errors"][0]["message"]
        elif caller in ("media", "csv"):
            assert body["code"] == "SERVICE_UNAVAILABLE", caller


def assert_served(responses: dict[str, httpx.Response]) -> None:
    assert responses["anonymous"].json()["data"]["districts"], responses["anonymous"].text
    assert responses["screen"].json()["data"]["screenFeed"]["screen"]["name"] == "大厅屏"
    assert responses["staff"].json()["data"]["me"]["username"] == "outage.admin"
    assert responses["mutation"].json()["data"]["login"]["token"] is None  # refused: the database answered
    assert responses["media"].status_code == 404  # the database answered: no such image
    assert responses["csv"].status_code == 200
    assert responses["readyz"].status_code == 200
    assert all(r.status_code in (200, 404) for r in responses.values())


def assert_one_warning_per_failure(caplog: pytest.LogCaptureFixture, failures: int) -> None:
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]  # no traceback
    lines = [r for r in caplog.records if r.name == "qile_api.outage" and "heartbeat" not in r.getMessage()]
    assert len(lines) == failures, [r.getMessage() for r in lines]
    assert all(r.levelno == logging.WARNING and "database unavailable" in r.getMessage() for r in lines)


async def test_a_stopped_database_is_a_coded_503_for_every_caller_and_recovery_needs_no_restart(
    setup: Setup, caplog: pytest.LogCaptureFixture
) -> None:
    # given a working API
    assert_served(await setup.every_caller())

    # when PostgreSQL is stopped cleanly
    await setup.stop_cleanly()
    caplog.clear()
    started = time.monotonic()
    during = await setup.every_caller()

    # then every caller is told it is an outage, at once, and the log holds one line per request
    assert_outage(during)
    assert time.monotonic() - started < 3
    assert_one_warning_per_failure(caplog, len(during))

    # and once it is back, the same app serves again
    await setup.proxy.restore()
    assert_served(await setup.every_caller())


async def test_a_killed_database_is_an_outage_and_recovery_needs_no_restart(setup: Setup) -> None:
    assert_served(await setup.every_caller())

    await setup.kill()
    started = time.monotonic()
    assert_outage(await setup.every_caller())
    assert time.monotonic() - started < 3

    await setup.proxy.restore()
    assert_served(await setup.every_caller())


async def test_a_frozen_database_fails_requests_fast_and_readyz_says_so_within_a_second(setup: Setup) -> None:
    assert_served(await setup.every_caller())

    # when PostgreSQL stops answering (SIGSTOP): connections open, nothing comes back
    setup.proxy.freeze()

    started = time.monotonic()
    ready = await setup.client.get("/readyz")
    assert ready.status_code == 503
    assert time.monotonic() - started < 1.5

    # a request on a pooled connection gives up after the command timeout, later ones sooner
    for caller, query, token in (
        ("anonymous", PUBLIC_QUERY, None),
        ("screen", SCREEN_QUERY, setup.tokens.screen),
        ("staff", STAFF_QUERY, setup.tokens.staff),
    ):
        if caller == "screen":
            await setup.past_trust()
        started = time.monotonic()
        response = await setup.gql(query, token)
        assert_outage({caller: response})
        assert time.monotonic() - started < 2, caller

    # when it thaws, the same app serves again
    await setup.proxy.restore()
    assert_served(await setup.every_caller())


async def test_a_statement_past_the_timeout_is_a_coded_timeout_not_an_outage(
    setup: Setup, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def slow(db: Database, *_: object) -> object:
        await db.execute("SELECT pg_sleep(2)")  # past the 400 ms statement timeout
        return []

    monkeypatch.setattr(region_queries, "regions_at_level", slow)
    caplog.clear()
    started = time.monotonic()
    response = await setup.gql(PUBLIC_QUERY)

    # the server cancelled it at its statement timeout: a coded error, the database is not down
    assert time.monotonic() - started < 1.5
    assert response.status_code == 200
    assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["TIMEOUT"]
    assert not [r for r in caplog.records if r.exc_info]
    lines = [r.getMessage() for r in caplog.records if r.name == "qile_api.outage"]
    assert len(lines) == 1 and lines[0].startswith("statement timeout")
    assert (await setup.client.get("/readyz")).status_code == 200


async def test_an_outage_shows_in_the_metrics(setup: Setup) -> None:
    # given a working API whose screen has polled, and the figures then
    assert_served(await setup.every_caller())
    before = await scrape(setup.client)

    # when PostgreSQL is killed and every caller tries
    await setup.kill()
    during = await setup.every_caller()
    scraped = await scrape(setup.client)
    moved = scraped.minus(before)

    # then /metrics still answers: not ready, the failures counted as an outage, each 503 by its route,
    # the operations that ran as failed (the staff request failed before one could: reading its session),
    # and no screen figures it could not read
    assert_outage(during)
    assert scraped.total("qile_ready") == 0 and before.total("qile_ready") == 1
    assert moved.total("qile_database_errors_total", kind="unavailable") >= len(during)
    requests = "qile_http_request_duration_seconds_count"
    assert moved.total(requests, path="/graphql", method="POST", status="503") == 4
    assert moved.total(requests, path="/media/{sha256}", status="503") == 1
    assert moved.total("qile_graphql_operation_duration_seconds_count", operation="other", outcome="error") == 3
    assert "qile_screens" not in scraped.names() and "qile_screens" in before.names()

    await setup.proxy.restore()
    assert_served(await setup.every_caller())
