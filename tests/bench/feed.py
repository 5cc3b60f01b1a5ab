"""What a screen's poll costs the API, with a city's worth of content.

Figures: building a feed (cache miss), an unchanged poll (`since` = version,
the steady state of thousands of screens), and how both depend on the amount
of content. The API runs in-process (no network), over a real PostgreSQL.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from datetime import UTC, datetime, timedelta

import httpx

from qile_api.db.database import Database
from qile_api.root.app import create_app
from qile_api.screens.admin import add_screen
from qile_api.screens.feed import FeedCache
from qile_api.seed.reference import seed_reference
from qile_api.settings import Settings
from tests.bench.database import bench_database

FEED = """query($since: String) { screenFeed(since: $since) {
  version notModified screen { name community { name theme { label } } }
  notices { id title body categoryLabel urgent displayEnd } events { id title venue startsAt endsAt }
  honours { id title subjectName citation year photo { url } } } }"""


async def _content(db: Database, notices: int) -> None:
    now = datetime.now(UTC)
    regions = [r["id"] for r in await db.fetch("SELECT id FROM regions ORDER BY id")]
    await db.executemany(
        """INSERT INTO notices (region_id, category, title, body, display_start, display_end, status)
        VALUES ($1, 'SERVICE', $2, $3, $4, $5, 'PUBLISHED')""",
        [
            (regions[i % len(regions)], f"通知{i}", "正文" * 100, now - timedelta(days=1), now + timedelta(days=30))
            for i in range(notices)
        ],
    )
    await db.executemany(
        """INSERT INTO events (region_id, category, title, starts_at, ends_at, status)
        VALUES ($1, 'READING', $2, $3, $4, 'PUBLISHED')""",
        [
            (regions[i % len(regions)], f"活动{i}", now + timedelta(hours=i), now + timedelta(hours=i + 2))
            for i in range(notices // 2)
        ],
    )


def _ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


async def _measure(notices: int) -> None:
    async with bench_database() as dsn:
        db = await Database.connect(dsn, min_size=1, max_size=2)
        try:
            async with db.transaction() as tx:
                await seed_reference(tx)
            await _content(db, notices)
            tokens = [await add_screen(db, "工盛社区", "BULLETIN", f"屏{i}") for i in range(50)]
        finally:
            await db.close()

        app = create_app(Settings(_env_file=None), dsn=dsn)  # type: ignore[call-arg]
        async with app.router.lifespan_context(app):
            state = app.state.qile
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

                async def poll(token: str, since: str | None = None) -> dict:  # type: ignore[type-arg]
                    response = await client.post(
                        "/graphql",
                        json={"query": FEED, "variables": {"since": since}},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                    return response.json()["data"]["screenFeed"]  # type: ignore[no-any-return]

                builds: list[float] = []
                for _ in range(5):
                    state.held(FeedCache)._entries.clear()
                    start = time.perf_counter()
                    first = await poll(tokens[0])
                    builds.append(time.perf_counter() - start)
                shown = len(first["notices"]) + len(first["events"])
                versions = {t: (await poll(t))["version"] for t in tokens}

                unchanged: list[float] = []
                before = state.db.counter.total
                for _ in range(20):
                    for token in tokens:
                        start = time.perf_counter()
                        assert (await poll(token, versions[token]))["notModified"]
                        unchanged.append(time.perf_counter() - start)
                per_poll = (state.db.counter.total - before) / len(unchanged)

    print(f"  {notices} notices in the city, {shown} items on this screen:")
    print(f"    full feed (cache miss): {_ms(builds)}")
    print(
        f"    unchanged poll: {_ms(unchanged)}, {per_poll:.2f} SQL round trips each, "
        f"{1 / statistics.median(unchanged):.0f} polls/s on one client"
    )


def main() -> None:
    print("Screen feed (python -m tests.bench.feed)")
    for notices in (100, 2000):
        asyncio.run(_measure(notices))


if __name__ == "__main__":
    main()
