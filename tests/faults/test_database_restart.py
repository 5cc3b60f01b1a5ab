"""PostgreSQL stopped and started again while a screen polls and staff write.

A PostgreSQL of the test's own (tests/faults/postgres.py) is stopped
cleanly and crashed (`pg_ctl stop -m immediate`), under an API with two
worker processes, a headless kiosk and staff writing notices. Meanwhile
every answer is a clear one (503 with Retry-After, or the TIMEOUT code),
none takes longer than the API's bounded waits, and the screen keeps its
content. Once PostgreSQL is back, the same API processes serve again
without a restart, the screen is up to date again, no acknowledged write is
missing, none is half-applied, and every play the screen showed is stored
once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from qile_kiosk.state import Mode
from tests.faults.city import City, prepare
from tests.faults.postgres import PrivatePostgres, private_postgres
from tests.faults.scale import long_only, measured
from tests.faults.screens import Watched, fault_config, stored_plays
from tests.faults.writes import ACKED, NO_ANSWER, OUTAGE, TIMEOUT, Writes, check_survived, write_while
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess, children

# Seconds of PostgreSQL start-up and recovery: `make faults` only (tests/api/http/test_outage.py
# plays the same outages through a proxy in `make test`).
pytestmark = [pytest.mark.slow, long_only]

# Short bounds keep the run short; the behaviour is the same at the defaults.
STATEMENT_TIMEOUT = 1.0
ACQUIRE_TIMEOUT = 1.0
API_SETTINGS = {
    "QILE_STATEMENT_TIMEOUT_MS": str(int(STATEMENT_TIMEOUT * 1000)),
    "QILE_DB_ACQUIRE_TIMEOUT_MS": str(int(ACQUIRE_TIMEOUT * 1000)),
    "QILE_DB_CONNECT_TIMEOUT_MS": "1000",
    "QILE_READYZ_TIMEOUT_MS": "500",
}
# The longest any answer may take: waiting for a connection (connecting included),
# then one statement up to its command timeout (the statement timeout plus a second),
# and a second for a machine shared with other work.
LONGEST_ANSWER = ACQUIRE_TIMEOUT + (STATEMENT_TIMEOUT + 1.0) + 1.0
SCREEN = "故障测试屏"
# Stopped cleanly, and crashed (whose restart replays the WAL), twice each.
MODES = ["fast", "immediate", "fast", "immediate"]
OUTAGE_SECONDS = 15.0
WRITERS = 6
WORKERS = 2


@pytest.fixture(scope="module")
def postgres() -> Iterator[PrivatePostgres]:
    with private_postgres() as server:
        yield server


@pytest.fixture(scope="module")
async def city(postgres: PrivatePostgres) -> City:
    dsn = await seeded_database(Databases(postgres.dsn), "qile_faults", demo=True)
    return await prepare(dsn, {SCREEN: "BULLETIN"})


@pytest.fixture
def api(city: City) -> Iterator[ApiProcess]:
    process = ApiProcess(city.dsn, workers=WORKERS, env=API_SETTINGS).start()
    yield process
    process.stop()


@pytest.fixture
async def screen(api: ApiProcess, city: City, tmp_path: Path) -> AsyncIterator[Watched]:
    watched = Watched.start(fault_config(tmp_path, api.url, city.screens[SCREEN]))
    yield watched
    watched.close()


async def test_postgres_stopped_and_started_loses_no_acknowledged_write_and_recovers_without_a_restart(
    postgres: PrivatePostgres, city: City, api: ApiProcess, screen: Watched
) -> None:
    # given a screen showing the feed, and staff writing
    await screen.until(screen.showing, 30, "the first feed")
    processes = {api.pid, *children(api.pid)}
    stop, writes = asyncio.Event(), Writes()
    writing = asyncio.create_task(write_while(api.url, city.editor, city.scope, WRITERS, stop, writes))
    await screen.run(1.0)

    api_recovery: list[float] = []
    screen_recovery: list[float] = []
    for mode in MODES:
        # when PostgreSQL goes away (cleanly, or crashed) for a while
        await asyncio.to_thread(postgres.stop, mode)
        down = time.monotonic()
        await screen.run(OUTAGE_SECONDS)

        # then the screen keeps its content, marked offline
        assert screen.kiosk.state.mode is Mode.OFFLINE, screen.kiosk.state
        assert screen.kiosk.rotation.current is not None

        # when it is back
        starting = time.monotonic()
        await asyncio.to_thread(postgres.start)
        up = time.monotonic()
        screen_recovery.append(
            await screen.until(
                lambda: screen.kiosk.state.mode is Mode.SHOWING, 15, f"the screen back online after {mode}"
            )
        )
        while not [a for a in writes.answers if a.kind == ACKED and a.started >= up]:
            assert time.monotonic() - up < 15, "no write acknowledged after the database came back"
            await screen.run(0.1)
        api_recovery.append(
            min(a.started + a.seconds for a in writes.answers if a.kind == ACKED and a.started >= up) - up
        )
        # and while it was away, every write was told so
        outage = [a for a in writes.answers if down <= a.started and a.started + a.seconds < starting]
        assert outage and {a.kind for a in outage} <= {OUTAGE, TIMEOUT}, [a for a in outage if a.kind != OUTAGE][:5]
        await screen.run(1.0)

    stop.set()
    await writing

    # every answer was a clear one, in bounded time, from the same processes
    assert not writes.unexpected(), writes.unexpected()[:5]
    assert writes.kinds()[NO_ANSWER] == 0
    slowest = max(a.seconds for a in writes.answers)
    assert slowest < LONGEST_ANSWER, slowest
    assert {api.pid, *children(api.pid)} == processes
    # nothing acknowledged is lost, nothing half-applied
    checked = await check_survived(city.dsn, writes, city.editor_id)
    assert checked >= len(writes.acked) > 0
    # the screen never went blank, and every play it showed is stored once
    assert not screen.blank, screen.blank[:3]
    await screen.drain_plays()
    assert await stored_plays(city.dsn, SCREEN) == screen.plays > 0

    measured("database restart: acknowledged writes", len(writes.acked))
    measured("database restart: outage answers", writes.kinds()[OUTAGE] + writes.kinds()[TIMEOUT])
    measured("database restart: slowest answer during the faults (s)", slowest)
    measured("database restart: API writing again after start (s, worst)", max(api_recovery))
    measured("database restart: screen online again after start (s, worst)", max(screen_recovery))
