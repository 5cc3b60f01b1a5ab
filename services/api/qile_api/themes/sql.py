"""SQL for the five themes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

from qile_api.db.database import Executor

_COLUMNS = "key, position, name, kind, lines_of_work, lead_units, responsible_units"


@dataclass(frozen=True)
class ThemeRow:
    key: str
    position: int
    name: str
    kind: str
    lines_of_work: tuple[str, ...]
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> ThemeRow:
        return cls(
            key=r["key"],
            position=r["position"],
            name=r["name"],
            kind=r["kind"],
            lines_of_work=tuple(r["lines_of_work"]),
            lead_units=tuple(r["lead_units"]),
            responsible_units=tuple(r["responsible_units"]),
        )


async def all_themes(db: Executor) -> list[ThemeRow]:
    rows = await db.fetch(f"SELECT {_COLUMNS} FROM themes ORDER BY position")
    return [ThemeRow.from_record(r) for r in rows]


async def themes_by_keys(db: Executor, keys: Sequence[str]) -> list[ThemeRow]:
    rows = await db.fetch(f"SELECT {_COLUMNS} FROM themes WHERE key = ANY($1::text[])", list(keys))
    return [ThemeRow.from_record(r) for r in rows]
