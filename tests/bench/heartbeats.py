"""Measure what heartbeats cost: `python -m tests.bench.heartbeats [SCREENS]`.

Works in a throw-away database of its own (tests/bench/database.py):
registers SCREENS screens, then times one batched flush of a heartbeat from
each against writing each heartbeat as its own statement, and the heartbeat
mutation end to end through the app in-process.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime

import httpx

from qile_api.db.database import Database
from qile_api.root.app import create_app
from qile_api.screens.heartbeats import DeviceRuntime
from qile_api.screens.sql import Heartbeat, upsert_heartbeats
from qile_api.seed.reference import seed_reference
from qile_api.settings import Settings
from qile_api.tokens import SCREEN_TOKEN_PREFIX, hash_token
from tests.bench.database import bench_database

BEAT = """mutation {
  screenHeartbeat(input: {contentVersion: "v1", mode: "showing", uptimeSeconds: 5}) { screenshotRequested }
}"""


async def _screens(db: Database, count: int) -> list[tuple[int, str]]:
    community = await db.fetchval("SELECT id FROM regions WHERE level = 'COMMUNITY' ORDER BY id LIMIT 1")
    tokens = [f"{SCREEN_TOKEN_PREFIX}bench{i}" for i in range(count)]
    rows = await db.fetch(
        """INSERT INTO screens (community_id, kind, name, token_hash)
        SELECT $1, 'BULLETIN', 'bench' || n, h FROM unnest($2::text[], $3::bytea[]) WITH ORDINALITY AS t(_, h, n)
        RETURNING id""",
        community,
        tokens,
        [hash_token(t) for t in tokens],
    )
    return list(zip([int(r["id"]) for r in rows], tokens, strict=True))


async def bench(dsn: str, count: int) -> None:
    db = await Database.connect(dsn, min_size=1, max_size=4)
    try:
        async with db.transaction() as tx:
            await seed_reference(tx)
        screens = await _screens(db, count)
        now = datetime.now(UTC)
        beats = [Heartbeat(i, now, "v1", "showing", 5, None) for i, _ in screens]
        batched = []
        for _ in range(5):
            start = time.perf_counter()
            await upsert_heartbeats(db, beats)
            batched.append(time.perf_counter() - start)
        start = time.perf_counter()
        async with db.transaction() as tx:
            for beat in beats:
                await upsert_heartbeats(tx, [beat])
        single = time.perf_counter() - start
        print(f"{count} heartbeats, one batched upsert: median {statistics.median(batched) * 1000:.1f} ms")
        print(f"{count} heartbeats, one statement each (one transaction): {single * 1000:.0f} ms")
    finally:
        await db.close()

    app = create_app(Settings(), dsn=dsn)
    async with app.router.lifespan_context(app):
        state = app.state.qile
        devices = state.held(DeviceRuntime)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            requests = min(count, 2000)
            before = state.db.counter.total
            start = time.perf_counter()
            for _, token in screens[:requests]:
                response = await client.post(
                    "/graphql", json={"query": BEAT}, headers={"Authorization": f"Bearer {token}"}
                )
                assert response.status_code == 200, response.text
            took = time.perf_counter() - start
            queries = state.db.counter.total - before
            print(
                f"{requests} heartbeat mutations in-process: {requests / took:.0f}/s on one client, "
                f"{queries / requests:.2f} queries each, {len(devices.pending)} waiting for the next flush"
            )


def main(count: int = 5000) -> None:
    print("Heartbeats (python -m tests.bench.heartbeats)")

    async def run() -> None:
        async with bench_database() as dsn:
            await bench(dsn, count)

    asyncio.run(run())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
