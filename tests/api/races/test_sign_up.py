"""Sign-ups raced for the last places: none is sold twice.

In-process, each request is held just before it locks the event until all
have come, so they certainly meet; through the real server (two worker
processes), many phones press 提交 at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import asyncpg
import httpx
import pytest

from qile_api.db.database import Database
from qile_api.events.signups import sql
from tests.api.conftest import Api
from tests.api.events.signups.residents import SIGN_UP, event_gid, open_event, sign_up
from tests.api.races.together import MAX_IN_TRANSACTION, Rendezvous
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess


async def test_residents_meeting_at_the_lock_cannot_take_more_places_than_there_are(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = await open_event(api.db, api.clock.now, capacity=3)

    meeting = Rendezvous(MAX_IN_TRANSACTION)
    meeting.hold(monkeypatch, sql, "lock_event")
    answers = await meeting.run(*(sign_up(api, event, f"1391234560{i}") for i in range(MAX_IN_TRANSACTION)))

    assert sum(1 for a in answers if a["errors"] == []) == 3
    assert {e["message"] for a in answers for e in a["errors"]} == {"名额已满"}
    assert await api.db.fetchval("SELECT sum(people) FROM event_sign_ups") == 3


async def test_one_number_sent_twice_at_once_makes_one_sign_up(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    event = await open_event(api.db, api.clock.now, capacity=10)

    meeting = Rendezvous(2)
    meeting.hold(monkeypatch, sql, "lock_event")
    first, second = await meeting.run(sign_up(api, event, people=2), sign_up(api, event, people=2))

    assert first["signUp"]["code"] == second["signUp"]["code"]
    assert sorted([first["signUp"]["merged"], second["signUp"]["merged"]]) == [False, True]
    assert await api.db.fetchval("SELECT count(*) FROM event_sign_ups") == 1


@pytest.fixture
async def server_dsn(databases: Databases) -> str:
    return await seeded_database(databases, "qile_signup_race")


@pytest.fixture
def server(server_dsn: str) -> Iterator[ApiProcess]:
    """The API as production runs it: uvicorn with two worker processes."""
    api = ApiProcess(server_dsn, workers=2, env={"QILE_SIGNUP_PER_ADDRESS_PER_HOUR": "1000"}).start()
    try:
        yield api
    finally:
        api.stop()


async def test_forty_phones_at_once_through_the_real_server_fill_exactly_the_places(
    server: ApiProcess, server_dsn: str
) -> None:
    db = await Database.connect(server_dsn, min_size=1, max_size=2)
    try:
        now = await db.fetchval("SELECT now()")
        event = await open_event(db, now, capacity=15)
    finally:
        await db.close()

    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:

        async def phone(i: int) -> dict:  # type: ignore[type-arg]
            variables = {
                "input": {"event": event_gid(event), "name": f"居民{i}", "mobile": f"1371234{i:04d}", "consent": True}
            }
            response = await client.post("/graphql", json={"query": SIGN_UP, "variables": variables})
            return response.json()["data"]["eventSignUp"]  # type: ignore[no-any-return]

        answers = await asyncio.gather(*(phone(i) for i in range(40)))

    accepted = [a for a in answers if a["errors"] == []]
    assert len(accepted) == 15
    assert all(a["errors"][0]["message"] == "名额已满" for a in answers if a["errors"])
    assert len({a["signUp"]["code"] for a in accepted}) == 15
    conn = await asyncpg.connect(server_dsn)
    try:
        assert await conn.fetchval("SELECT sum(people) FROM event_sign_ups WHERE event_id = $1", event) == 15
    finally:
        await conn.close()
