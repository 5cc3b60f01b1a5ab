"""The API killed with SIGKILL under a burst of writes, and API processes starting together.

SIGKILL is what the OOM killer or a power cut does: no shutdown code runs.
Every write the API acknowledged before it died is in the database
afterwards (and whole: with its audit entry), staff notices and screens'
plays alike. Several processes starting at once against a database that
was never migrated (a deploy of a fresh city, `serve --workers N`) migrate
it exactly once, and all of them serve.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
import pytest

from qile_api.db.migrate import load_migrations
from tests.faults.city import City, prepare
from tests.faults.scale import measured, sized
from tests.faults.writes import NO_ANSWER, Writes, check_survived, write_while
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

SCREEN = "断电测试屏"
PLAYS_RECORD = """mutation($plays: [PlayInput!]!) { screenPlaysRecord(plays: $plays) { accepted discarded } }"""
ROUNDS = sized(1, 5)
WRITERS = sized(6, 12)
WORKERS = 2
# Processes starting together, and the workers of each: every one of them migrates at start.
STARTING_TOGETHER = sized((2, 1), (3, 2))


@pytest.fixture(scope="module")
async def city(databases: Databases) -> City:
    dsn = await seeded_database(databases, "qile_kill")
    return await prepare(dsn, {SCREEN: "BULLETIN"}, editor="kill.editor")


async def upload_plays(url: str, token: str, stop: asyncio.Event, acked: set[str]) -> None:
    """A screen uploading its plays in batches, as fast as it is answered."""
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        while not stop.is_set():
            batch = [
                {"id": uuid.uuid4().hex, "item": "events", "startedAt": datetime.now(UTC).isoformat(), "seconds": 12.0}
                for _ in range(20)
            ]
            try:
                response = await client.post(
                    "/graphql", json={"query": PLAYS_RECORD, "variables": {"plays": batch}}, headers=headers
                )
            except httpx.TransportError:
                await asyncio.sleep(0.05)
                continue
            if response.status_code == 200 and not response.json().get("errors"):
                acked.update(response.json()["data"]["screenPlaysRecord"]["accepted"])
            await asyncio.sleep(0.01)


async def stored_play_ids(dsn: str) -> set[str]:
    conn = await asyncpg.connect(dsn)
    try:
        return {r["client_id"] for r in await conn.fetch("SELECT client_id FROM plays")}
    finally:
        await conn.close()


@pytest.fixture
async def api(city: City) -> AsyncIterator[ApiProcess]:
    process = ApiProcess(city.dsn, workers=WORKERS)
    yield process
    process.stop()


async def test_every_write_acknowledged_before_a_sigkill_is_there_afterwards(city: City, api: ApiProcess) -> None:
    writes, plays = Writes(), set[str]()
    restarts: list[float] = []
    killed: float | None = None
    for _ in range(ROUNDS):
        # given an API (started again after the last kill) busy with staff writes and a screen's plays
        await asyncio.to_thread(api.start)
        if killed is not None:
            restarts.append(time.monotonic() - killed)
        stop = asyncio.Event()
        burst = [
            asyncio.create_task(write_while(api.url, city.editor, city.scope, WRITERS, stop, writes)),
            asyncio.create_task(upload_plays(api.url, city.screens[SCREEN], stop, plays)),
        ]
        acked_before = len(writes.acked)
        for _ in range(600):
            if len(writes.acked) >= acked_before + 20:
                break
            await asyncio.sleep(0.05)

        # when it is killed outright, requests in flight
        api.kill()
        killed = time.monotonic()
        await asyncio.sleep(0.3)
        stop.set()
        await asyncio.gather(*burst)

    # then every write it acknowledged is there, whole
    assert writes.kinds()[NO_ANSWER] > 0  # the kill did cut requests off
    assert not writes.unexpected(), writes.unexpected()[:5]
    await check_survived(city.dsn, writes, city.editor_id)
    assert plays and plays <= await stored_play_ids(city.dsn)

    measured("API SIGKILL: acknowledged writes checked", len(writes.acked) + len(plays))
    if restarts:
        measured(f"API SIGKILL: serving again after a restart, {WORKERS} workers (s, worst)", max(restarts))


async def test_processes_starting_together_on_an_unmigrated_database_migrate_it_once(
    databases: Databases, tmp_path: Path
) -> None:
    # given a database nobody has migrated
    dsn = await databases.create("qile_fresh")

    # when several API processes, each with its workers, start at the same moment
    count, workers = STARTING_TOGETHER
    processes = [ApiProcess(dsn, workers=workers, log=tmp_path / f"api-{i}.log") for i in range(count)]
    try:
        for process in processes:
            process.launch()
        # then every one of them comes up and serves (a second run of any migration would fail its start)
        for process in processes:
            await asyncio.to_thread(process.wait_ready, 60)
        conn = await asyncpg.connect(dsn)
        try:
            versions = [r["version"] for r in await conn.fetch("SELECT version FROM schema_migrations")]
        finally:
            await conn.close()
        assert sorted(versions) == [m.version for m in load_migrations()]
        for process in processes:
            log = process.log.read_text(encoding="utf-8") if process.log else ""
            assert "Traceback" not in log and "ERROR" not in log, log[-2000:]
    finally:
        for process in processes:
            process.kill()
