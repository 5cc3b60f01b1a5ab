"""How big a fault run is: small in `make test`, full size in `make faults` (QILE_FAULTS=long)."""

from __future__ import annotations

import os
from typing import TypeVar

import pytest

LONG = os.environ.get("QILE_FAULTS") == "long"

# Cases too long for `make test`: only `make faults` runs them.
long_only = pytest.mark.skipif(not LONG, reason="a long fault run: `make faults` runs it")

T = TypeVar("T")


def sized(short: T, long: T) -> T:
    return long if LONG else short


# What the runs measured (recovery times and the like), name → value, for RELIABILITY.md.
MEASURED: dict[str, object] = {}


def measured(name: str, value: float | int | str) -> None:
    MEASURED[name] = round(value, 2) if isinstance(value, float) else value
