"""The API in-process over a real PostgreSQL, with a fake clock tests can move."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.types import ASGIApp, Receive, Scope, Send

from qile_api.db.database import Database, QueryCounter
from qile_api.db.errors import DatabaseError
from qile_api.root.app import create_app
from qile_api.screens.watch import ScreenWatch
from qile_api.settings import Settings
from qile_api.state import AppState

# Counters that only ever grow: a screen compares its feed's version with them,
# so putting one back would make new content look like what a screen has seen.
COUNTERS = frozenset({"feed_revisions"})


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)  # 10:00 in Zibo

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Reference:
    """A table the seed filled: its rows as the session found them, and how to put them back."""

    name: str
    rows: str  # JSON
    key: tuple[str, ...]
    columns: tuple[str, ...]

    def restore_sql(self) -> str:
        if not self.key:
            # Nothing to match rows by (a log such as watch_resets): the table as it was, whole.
            return f"""
                WITH seeded AS (SELECT * FROM jsonb_populate_recordset(NULL::{self.name}, $1::jsonb)),
                gone AS (DELETE FROM {self.name})
                INSERT INTO {self.name} OVERRIDING SYSTEM VALUE SELECT * FROM seeded"""
        key = ", ".join(self.key)
        others = [c for c in self.columns if c not in self.key]
        return f"""
            WITH seeded AS (SELECT * FROM jsonb_populate_recordset(NULL::{self.name}, $1::jsonb)),
            added AS (DELETE FROM {self.name} WHERE ({key}) NOT IN (SELECT {key} FROM seeded))
            INSERT INTO {self.name} AS t OVERRIDING SYSTEM VALUE SELECT * FROM seeded
            ON CONFLICT ({key}) DO UPDATE SET ({", ".join(others)}) = ROW({", ".join("EXCLUDED." + c for c in others)})
            WHERE (t.*) IS DISTINCT FROM (EXCLUDED.*)"""


@dataclass(frozen=True)
class Baseline:
    """The database as the session found it: the tables the seed filled, with their rows, and the rest.

    Read from the catalogue rather than listed by hand, so that a table a new
    migration adds is emptied between tests without anyone remembering to.
    """

    # Every table that was empty: content, accounts, devices, throttling …
    content: tuple[str, ...]
    reference: tuple[Reference, ...]

    @classmethod
    async def read(cls, db: Database) -> Baseline:
        tables = await db.fetch(
            """SELECT c.relname AS name,
                   array(SELECT a.attname FROM pg_attribute a
                         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                         ORDER BY a.attnum) AS columns,
                   array(SELECT a.attname FROM pg_index i
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                         WHERE i.indrelid = c.oid AND i.indisprimary) AS key
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname"""
        )
        content, reference = [], []
        for table in tables:
            rows = await db.fetchval(f"SELECT jsonb_agg(t)::text FROM {table['name']} t")
            if rows is None:
                content.append(table["name"])
            elif table["name"] not in COUNTERS:
                reference.append(Reference(table["name"], rows, tuple(table["key"]), tuple(table["columns"])))
        return cls(tuple(content), tuple(reference))

    async def restore(self, db: Database) -> None:
        """Empty every content table; put back any reference row a test changed, added or removed."""
        await db.execute(f"TRUNCATE {', '.join(self.content)} RESTART IDENTITY CASCADE")
        for table in self.reference:
            await db.execute(table.restore_sql(), table.rows)


@dataclass
class Api:
    app: Starlette
    client: httpx.AsyncClient
    clock: FakeClock
    # Sent when a call names no token (staff-only suites set it; `clean` resets it).
    default_token: str | None = None

    @property
    def state(self) -> AppState:
        state: AppState = self.app.state.qile
        return state

    @property
    def db(self) -> Database:
        return self.state.db

    @property
    def queries(self) -> int:
        return self.state.db.counter.total

    async def gql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        token = token or self.default_token
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body: dict[str, Any] = response.json()
        return body


def settled(app: Starlette) -> ASGIApp:
    """The app, seeing every write committed before each request.

    Tests write to the database and poll at once; a process learns of writes
    from notifications (screens/watch.py), a few milliseconds later. Here each
    request first waits for the process to re-read what changed, as it would
    have by the time a real screen polls; tests/api/screens/test_watch.py
    shows the notifications and re-checks doing it by themselves.
    """

    async def call(scope: Scope, receive: Receive, send: Send) -> None:
        state: AppState = app.state.qile
        with contextlib.suppress(DatabaseError):  # an outage: the request meets it itself
            await state.held(ScreenWatch).recheck(state.db.sibling(counter=QueryCounter()))
        await app(scope, receive, send)

    return call


@pytest.fixture(scope="session")
async def api(seeded_dsn: str) -> AsyncIterator[Api]:
    settings = Settings(
        max_body_bytes=512 * 1024,
        max_upload_bytes=300 * 1024,
        login_delay_ms=1,
        # No background flusher: heartbeat tests flush when they mean to.
        heartbeat_flush_seconds=0,
        # Nor the monthly snapshot job: snapshot tests take them when they mean to.
        snapshot_check_seconds=0,
        _env_file=None,  # type: ignore[call-arg]
    )
    app = create_app(settings, dsn=seeded_dsn)
    clock = FakeClock()
    async with app.router.lifespan_context(app):
        app.state.qile.clock = clock
        transport = httpx.ASGITransport(app=settled(app))
        async with httpx.AsyncClient(transport=transport, base_url="http://qile.test") as client:
            yield Api(app, client, clock)


@pytest.fixture(scope="session")
async def baseline(api: Api) -> Baseline:
    return await Baseline.read(api.db)


@pytest.fixture(autouse=True)
async def clean(api: Api, baseline: Baseline) -> None:
    """Every test starts with the reference data only, nothing in memory, at the same instant."""
    await baseline.restore(api.db)
    api.state.forget()
    api.clock.now = FakeClock().now
    api.default_token = None


@pytest.fixture
async def developers_api(seeded_dsn: str) -> AsyncIterator[httpx.AsyncClient]:
    """The API as `make run` serves it (QILE_INTROSPECTION=true)."""
    app = create_app(Settings(introspection=True, _env_file=None), dsn=seeded_dsn)  # type: ignore[call-arg]
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://dev.test") as client:
            yield client
