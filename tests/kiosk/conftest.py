"""Kiosk tests: the real kiosk headless (SDL's dummy driver) against the real API."""

from __future__ import annotations

import os

# Before pygame is imported anywhere: draw off screen, quietly.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import time  # noqa: E402
from collections.abc import AsyncIterator, Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from qile_api.db.database import Database  # noqa: E402
from qile_api.db.migrate import migrate  # noqa: E402
from qile_api.screens.admin import add_screen  # noqa: E402
from qile_api.seed.demo import seed_demo  # noqa: E402
from qile_api.seed.reference import seed_reference  # noqa: E402
from qile_kiosk.app import Kiosk  # noqa: E402
from qile_kiosk.config import KioskConfig  # noqa: E402
from qile_kiosk.fonts import Fonts  # noqa: E402
from qile_kiosk.typeset import Typesetter  # noqa: E402
from tests.pg import Databases  # noqa: E402
from tests.servers import ApiProcess  # noqa: E402

SIZES = [(1920, 1080), (1080, 1920), (1280, 720)]


@pytest.fixture(scope="session")
def typesetter() -> Typesetter:
    return Typesetter(Fonts.discover())


@pytest.fixture(scope="module")
async def kiosk_dsn(databases: Databases) -> str:
    """A database of this module's own, with reference and demo content."""
    dsn = await databases.create("qile_kiosk")
    await migrate(dsn)
    db = await Database.connect(dsn, min_size=1, max_size=1)
    try:
        async with db.transaction() as tx:
            await seed_reference(tx)
            await seed_demo(tx)
    finally:
        await db.close()
    return dsn


@pytest.fixture(scope="module")
async def kiosk_db(kiosk_dsn: str) -> AsyncIterator[Database]:
    db = await Database.connect(kiosk_dsn, min_size=1, max_size=2)
    yield db
    await db.close()


@pytest.fixture(scope="module")
def api(kiosk_dsn: str) -> Iterator[ApiProcess]:
    process = ApiProcess(kiosk_dsn).start()
    yield process
    process.stop()


async def new_screen(db: Database, kind: str, name: str) -> str:
    return await add_screen(db, "工盛社区", kind, name)


def kiosk_config(cache_dir: Path, api_url: str, token: str | None, size: tuple[int, int] = (1920, 1080)) -> KioskConfig:
    return KioskConfig(
        api_url=api_url,
        token=token,
        cache_dir=cache_dir,
        width=size[0],
        height=size[1],
        # Fast polling and short backoff keep the suite quick; the logic is the same.
        poll_interval=0.3,
        backoff_cap=0.6,
    )


def run_until(kiosk: Kiosk, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kiosk.step()
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out; kiosk state {kiosk.state.mode}, error {kiosk.state.last_error}")
