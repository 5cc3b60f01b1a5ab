"""The API under steady polling: no error, memory and file descriptors flat.

A production API process (`qile-api serve`, default settings) answers screens
polling their feeds with `since`, sending heartbeats and plays, while staff
read their lists and content changes now and then, for `QILE_SOAK_SECONDS`
(`make soak`: 600; `make test` runs a short one). Its RSS and open file
descriptors are read from /proc every second.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from qile_api.db.database import Database
from qile_api.screens.admin import add_screen
from qile_kiosk.documents import HEARTBEAT, PLAYS_RECORD, SCREEN_FEED
from tests.api import staff
from tests.servers import ApiProcess
from tests.soak.measure import SECONDS, Samples

pytestmark = pytest.mark.slow

SCREENS = 24
POLL_SECONDS = 1.0  # a compressed 30 s: each screen polls thirty times as often as in the field
WARM_UP = 0.2
RSS_GROWTH_LIMIT_KIB = 12 * 1024
COMMUNITIES = ("工盛社区", "柳毅社区", "山水缘社区")
STAFF_LISTS = """{ notices(first: 20, filter: {status: [DRAFT, IN_REVIEW, PUBLISHED]}) { totalCount nodes { title } }
  screens(first: 50) { totalCount nodes { name online lastSeenAt } } reviewQueue(first: 10) { totalCount } }"""


@dataclass
class Tally:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    poll_ms: list[float] = field(default_factory=list)
    versions: set[str] = field(default_factory=set)


async def call(client: httpx.AsyncClient, tally: Tally, query: str, token: str, **variables: Any) -> dict[str, Any]:
    tally.requests += 1
    try:
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables}, headers={"Authorization": f"Bearer {token}"}
        )
    except httpx.HTTPError as exc:
        tally.errors.append(f"{type(exc).__name__}: {exc}")
        return {}
    body: dict[str, Any] = response.json() if response.status_code < 500 else {}
    if response.status_code != 200 or body.get("errors"):
        tally.errors.append(f"{response.status_code} {response.text[:300]}")
    return body.get("data") or {}


async def screen(url: str, tally: Tally, token: str, until: float, offset: float) -> None:
    """A kiosk's loop, with the kiosk's own documents and one connection: poll, report, upload plays.

    Every screen's first poll comes at once (the API's pool grows to what that
    needs during the warm-up); after it they spread out over the second.
    """
    version: str | None = None
    polls = 0
    async with httpx.AsyncClient(base_url=url, timeout=10.0, limits=httpx.Limits(max_connections=1)) as client:
        while time.monotonic() < until:
            started = time.monotonic()
            feed = (await call(client, tally, SCREEN_FEED, token, since=version)).get("screenFeed") or {}
            tally.poll_ms.append((time.monotonic() - started) * 1000)
            version = feed.get("version", version)
            tally.versions.add(str(version))
            await call(client, tally, HEARTBEAT, token, input={"contentVersion": version, "mode": "showing"})
            polls += 1
            if polls % 10 == 0:
                at = datetime.now(UTC).isoformat()
                plays = [{"id": f"{token[-8:]}-{polls}-{i}", "item": "events", "startedAt": at, "seconds": 12.0}
                         for i in range(10)]  # fmt: skip
                await call(client, tally, PLAYS_RECORD, token, plays=plays)
            await asyncio.sleep(max(0.0, POLL_SECONDS - (time.monotonic() - started)) + (offset if polls == 1 else 0))


async def office(client: httpx.AsyncClient, tally: Tally, token: str, db: Database, until: float) -> None:
    """Staff reading their lists every few seconds; a notice published every tenth of the run."""
    published = 0
    next_change = time.monotonic()
    while time.monotonic() < until:
        await call(client, tally, STAFF_LISTS, token)
        if time.monotonic() >= next_change:
            published += 1
            next_change += SECONDS / 10
            now = datetime.now(UTC)
            await db.execute(
                """INSERT INTO notices (region_id, category, title, body, display_start, status)
                VALUES ((SELECT id FROM regions WHERE name = $1), 'SERVICE', $2, '浸泡测试。', $3, 'PUBLISHED')""",
                COMMUNITIES[published % len(COMMUNITIES)],
                f"浸泡测试通知{published}",
                now - timedelta(minutes=1),
            )
        await asyncio.sleep(2.0)


async def test_the_api_under_steady_polling_stays_flat_and_answers_every_request(
    city: tuple[str, Database], tmp_path: Path
) -> None:
    dsn, db = city
    tokens = [await add_screen(db, COMMUNITIES[i % 3], "BULLETIN", f"浸泡屏{i}") for i in range(SCREENS)]
    editor = await staff.staff(db, "soak.editor", "REVIEWER", "张店区")
    log = tmp_path / "api.log"
    api = ApiProcess(dsn, log=log).start()
    tally = Tally()
    assert api.process is not None
    samples = Samples(api.process.pid)
    started = time.monotonic()
    until = started + SECONDS

    async def sample() -> None:
        while time.monotonic() < until:
            samples.take(time.monotonic() - started)
            await asyncio.sleep(1.0)

    try:
        async with httpx.AsyncClient(base_url=api.url, timeout=10.0) as client:
            await asyncio.gather(
                sample(),
                office(client, tally, editor, db, until),
                *(screen(api.url, tally, t, until, i * POLL_SECONDS / SCREENS) for i, t in enumerate(tokens)),
            )
            samples.take(time.monotonic() - started)
    finally:
        api.stop()

    summary = samples.summary(WARM_UP * SECONDS)
    poll_ms = sorted(tally.poll_ms)
    print(
        f"\nAPI soak: {SECONDS:.0f} s, {SCREENS} screens polling every {POLL_SECONDS:.0f} s, {tally.requests} requests,"
        f" {len(tally.errors)} errors, {len(tally.versions)} feed versions;"
        f" poll median {statistics.median(poll_ms):.1f} ms, p95 {poll_ms[int(len(poll_ms) * 0.95)]:.1f} ms; {summary}"
    )
    assert tally.errors == []
    # the content changes reached the screens: three communities, a change every tenth of the run
    assert len(tally.versions) >= 2 * len(COMMUNITIES)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "ERROR" not in text and "Traceback" not in text, text[-3000:]
    warm, end = samples.after(WARM_UP * SECONDS), samples.points[-1]
    assert end[1] - warm[1] < RSS_GROWTH_LIMIT_KIB, summary
    assert end[2] <= warm[2] + 4, summary
