"""Fault injection: real API processes, a real PostgreSQL, real kiosks (headless), and faults.

`make test` runs every case here at a small size (seconds of outage, a few
kills); `make faults` sets QILE_FAULTS=long and runs them at full size, plus
the cases marked `long_only`. Measured recovery times are collected in
.data/faults/measured.json (and printed at the end of a long run).
"""

from __future__ import annotations

import os

# Before pygame is imported anywhere: draw off screen, quietly.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.city import City, prepare
from tests.faults.scale import LONG, MEASURED
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not MEASURED:
        return
    out = Path(".data/faults")
    out.mkdir(parents=True, exist_ok=True)
    (out / "measured.json").write_text(json.dumps(MEASURED, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if LONG:
        terminalreporter.section("fault injection: measured")
        for name, value in MEASURED.items():
            terminalreporter.write_line(f"{name}: {value}")


@pytest.fixture(scope="session")
async def kiosk_city(databases: Databases) -> City:
    """The demo city, for the kiosk cases; each test adds the screens it needs."""
    dsn = await seeded_database(databases, "qile_faults_kiosk", demo=True)
    return await prepare(dsn, {}, editor="kiosk.editor")


@pytest.fixture(scope="session")
def kiosk_api(kiosk_city: City) -> Iterator[ApiProcess]:
    process = ApiProcess(kiosk_city.dsn).start()
    yield process
    process.stop()
