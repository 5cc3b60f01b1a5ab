"""A kiosk lives a day in minutes: memory and file descriptors stay flat, frames keep coming, nothing goes blank.

The real kiosk (tests/soak/kiosk_driver.py, its own process, headless) runs
a compressed day against a real API process: slides rotate every 12 screen
seconds, the clock ticks through 24 hours, the content changes every so often
and the API goes away twice and comes back. `QILE_SOAK_SECONDS` sets the real
time (`make soak`: 600; `make test` runs a short one).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from qile_api.db.database import Database
from qile_api.screens.admin import add_screen
from tests.servers import ApiProcess
from tests.soak.measure import SECONDS, Samples

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
WARM_UP = 0.2  # of the run: fonts loaded, the first feeds drawn, the caches filled
OUTAGES = ((0.3, 0.4), (0.55, 0.65))  # the API away for a tenth of the run, twice
CHANGES = (0.1, 0.2, 0.45, 0.5, 0.75)  # content staff publish or edit meanwhile
RSS_GROWTH_LIMIT_KIB = 8 * 1024
FEED = "{ screenFeed { version } }"
Action = tuple[float, str, Callable[[], Awaitable[Any]]]


async def publish(db: Database, title: str) -> None:
    """A notice shown all day long in the screen's community, straight to the database as if approved."""
    now = datetime.now(UTC)
    await db.execute(
        """INSERT INTO notices (region_id, category, title, body, display_start, display_end, status)
        VALUES ((SELECT id FROM regions WHERE name = '工盛社区'), 'SERVICE', $1, '全天有效。', $2, $3, 'PUBLISHED')""",
        title,
        now - timedelta(hours=1),
        now + timedelta(days=3),
    )


async def edit(db: Database, title: str) -> None:
    await db.execute("UPDATE notices SET body = body || '（已更新）' WHERE title = $1", title)


def the_day(db: Database, api: ApiProcess) -> list[Action]:
    """When (real seconds from the start) staff change content, and the API goes away and comes back."""
    changes: list[Action] = [
        (at * SECONDS, "change", lambda i=i: publish(db, f"全天通知{i}") if i % 2 else edit(db, "全天通知0"))  # type: ignore[misc]
        for i, at in enumerate(CHANGES)
    ]
    outages: list[Action] = [(a * SECONDS, "outage", lambda: asyncio.to_thread(api.stop)) for a, _ in OUTAGES]
    returns: list[Action] = [(b * SECONDS, "back", lambda: asyncio.to_thread(api.start)) for _, b in OUTAGES]
    return sorted(changes + outages + returns, key=lambda action: action[0])


async def test_a_kiosk_lives_a_day_without_growing_or_going_blank(
    city: tuple[str, Database], tmp_path: Path
) -> None:
    dsn, db = city
    await publish(db, "全天通知0")
    token = await add_screen(db, "工盛社区", "BULLETIN", "浸泡测试屏")
    api = ApiProcess(dsn).start()
    driver = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.soak.kiosk_driver",
        "--api-url", api.url, "--token", token, "--cache-dir", str(tmp_path / "kiosk"),
        "--seconds", str(SECONDS), "--poll", "0.5", "--report", str(max(1.0, SECONDS / 60)),
        "--log", str(tmp_path / "kiosk.log"),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    reports: list[dict[str, Any]] = []
    started = time.monotonic()

    async def read_reports() -> None:
        assert driver.stdout is not None
        async for line in driver.stdout:
            reports.append({**json.loads(line), "at": time.monotonic() - started})

    reader = asyncio.create_task(read_reports())
    actions, done = the_day(db, api), []
    try:
        for at, what, act in actions:
            await asyncio.sleep(max(0.0, at - (time.monotonic() - started)))
            await act()
            done.append(what)
        assert await asyncio.wait_for(driver.wait(), SECONDS + 30) == 0
        await reader
        async with httpx.AsyncClient(base_url=api.url) as client:
            answer = await client.post("/graphql", json={"query": FEED}, headers={"Authorization": f"Bearer {token}"})
        latest_version = answer.json()["data"]["screenFeed"]["version"]
    finally:
        if driver.returncode is None:
            driver.kill()
        reader.cancel()
        api.stop()

    samples = Samples(driver.pid)
    for report in reports:
        samples.add(report["at"], report["rss_kib"], report["fds"])
    summary = samples.summary(WARM_UP * SECONDS)
    last, warm, end = reports[-1], samples.after(WARM_UP * SECONDS), samples.points[-1]
    print(
        f"\nkiosk soak: {SECONDS:.0f} s real = {last['screen_hours']:.1f} screen hours, {last['frames']} frames,"
        f" {last['feeds']} feed versions, {len(OUTAGES)} outages; {summary}"
    )
    # the day went by, every change and outage happening while the kiosk ran
    assert last["screen_hours"] >= 23 and done.count("change") == len(CHANGES) and done.count("back") == 2
    # frames kept coming, report after report, outages included
    assert all(b["frames"] > a["frames"] for a, b in itertools.pairwise(reports)), reports
    # never a frame without a slide while there was content; offline during the outages, showing again after
    assert last["blank"] == 0
    for start, stop in OUTAGES:
        during = [r["mode"] for r in reports if start * SECONDS + 1 < r["at"] < stop * SECONDS]
        assert "offline" in during and set(during) <= {"offline", "showing"}, during
    assert last["mode"] == "showing" and last["version"] == latest_version, reports[-5:]
    # changes arrived as the day went (two close together may arrive as one), the last one included
    # (above); the plays recorded meanwhile were uploaded, not piled up
    assert last["feeds"] >= 3 and last["plays_pending"] < 500
    # memory and descriptors flat once warmed up
    assert end[1] - warm[1] < RSS_GROWTH_LIMIT_KIB, summary
    assert end[2] <= warm[2] + 2, summary
