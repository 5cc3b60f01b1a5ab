"""The API in-process over a real PostgreSQL, with a fake clock tests can move."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from qile_api.db.database import Database
from qile_api.http.app import create_app
from qile_api.settings import Settings
from qile_api.state import AppState

CONTENT_TABLES = (
    "notices, honours, events, screens, facilities, teams, media, accounts, sessions, login_failures, audit_log, "
    "selections, recognitions, attestations, login_address_failures"
)


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)  # 10:00 in Zibo

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Api:
    app: Starlette
    client: httpx.AsyncClient
    clock: FakeClock
    # Sent when a call names no token (staff-only suites set it; `clean` resets it).
    default_token: str | None = None
    # The last region the reference data made: tests may add regions after it (`clean` removes them).
    reference_regions: int = 0

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


@pytest.fixture(scope="session")
async def api(seeded_dsn: str) -> AsyncIterator[Api]:
    settings = Settings(
        max_body_bytes=512 * 1024,
        max_upload_bytes=300 * 1024,
        login_delay_ms=1,
        # No background flusher: heartbeat tests flush when they mean to.
        heartbeat_flush_seconds=0,
        _env_file=None,  # type: ignore[call-arg]
    )
    app = create_app(settings, dsn=seeded_dsn)
    clock = FakeClock()
    async with app.router.lifespan_context(app):
        app.state.qile.clock = clock
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://qile.test") as client:
            reference_regions = int(await app.state.qile.db.fetchval("SELECT max(id) FROM regions"))
            yield Api(app, client, clock, reference_regions=reference_regions)


@pytest.fixture(autouse=True)
async def clean(api: Api) -> None:
    """Every test starts with the reference data only, at the same instant."""
    await api.db.execute(f"TRUNCATE {CONTENT_TABLES} RESTART IDENTITY CASCADE")
    await api.db.execute("UPDATE regions SET theme_key = NULL WHERE theme_key IS NOT NULL")
    # Regions a test created go, and retired ones come back (the tree as the reference data made it).
    await api.db.execute("DELETE FROM regions WHERE id > $1", api.reference_regions)
    await api.db.execute("UPDATE regions SET retired_at = NULL WHERE retired_at IS NOT NULL")
    api.clock.now = FakeClock().now
    api.default_token = None
