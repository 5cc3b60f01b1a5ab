"""An input object as the plain values it gives, for the field maps (`qile_api.fields`).

Fields left out (strawberry's UNSET) are left out here too; enums become
their values; `parse` turns a field's global ID into its key (`scope=region_pk`).
Null stays null: what null means is the field map's to say.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from typing import Any

import strawberry


def given(input: object, **parse: Callable[[Any], Any]) -> dict[str, Any]:
    assert dataclasses.is_dataclass(input), "strawberry inputs are dataclasses"
    found: dict[str, Any] = {}
    for f in dataclasses.fields(input):
        value = getattr(input, f.name)
        if value is strawberry.UNSET:
            continue
        if value is not None and f.name in parse:
            value = parse[f.name](value)
        elif isinstance(value, Enum):
            value = value.value
        found[f.name] = value
    return found
