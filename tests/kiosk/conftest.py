"""Kiosk tests: the real kiosk headless (SDL's dummy driver) against the real API."""

from __future__ import annotations

import os

# Before pygame is imported anywhere: draw off screen, quietly.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import subprocess
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from qile_api.db.database import Database
from qile_api.screens.admin import add_screen
from qile_kiosk.app import Kiosk
from qile_kiosk.config import KioskConfig
from qile_kiosk.fonts import Fonts
from qile_kiosk.typeset import Typesetter
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess

SIZES = [(1920, 1080), (1080, 1920), (1280, 720)]


@pytest.fixture(scope="module")
def ocr() -> None:
    """Debian's tesseract with chi_sim, installed when missing (tests/kiosk/ocr.py reads with it)."""
    subprocess.run(["bash", str(Path(__file__).resolve().parents[2] / "infra/install-tesseract.sh")], check=True)


@pytest.fixture(scope="session")
def typesetter() -> Typesetter:
    return Typesetter(Fonts.discover())


@pytest.fixture(scope="module")
async def kiosk_dsn(databases: Databases) -> str:
    """A database of this module's own, with reference and demo content."""
    return await seeded_database(databases, "qile_kiosk", demo=True)


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
