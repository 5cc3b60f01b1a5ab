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
from pathlib import Path

import pytest

from tests.faults.scale import LONG, MEASURED


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
