"""The SQL every versioned table shares: lock a row, insert, update (bumping its version), delete.

Table and column names come from code (a `Table` and the field maps), never
from a request; every value is bound.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import asyncpg

from qile_api.db.database import Executor
from qile_api.problems import Problem

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Table(Generic[RowT]):
    """A table whose rows staff edit, each with a `version` and an `updated_at`."""

    name: str  # "notices"
    columns: str  # the select list, each column prefixed with `alias.`
    type_name: str  # "Notice": its GraphQL type, and the audit's object type
    label: str  # "通知", for messages
    from_record: Callable[[asyncpg.Record], RowT]
    # Where a row lies in the region tree, for the audit log.
    region_column: str = "region_id"
    alias: str = "c"
    # What a unique constraint's refusal means to staff. Validation checks
    # first, but two requests arriving together both pass that check: the
    # constraint then refuses the second insert or update.
    duplicate: Problem | None = None
    # The audit's object type of a row, when it is not always `type_name` (a region's depends on its level).
    type_of: Callable[[asyncpg.Record], str] | None = None
    # The column a row is found by, and the audit's object id: `id`, unless the
    # row belongs to another's (an event's attendance is keyed by `event_id`).
    key: str = "id"
    # What the audit log keeps of a row, when not its row type (`from_record`).
    audited: Callable[[asyncpg.Record], object] | None = None

    def object_type(self, row: asyncpg.Record) -> str:
        return self.type_of(row) if self.type_of is not None else self.type_name

    def snapshot(self, row: asyncpg.Record) -> object:
        return self.audited(row) if self.audited is not None else self.from_record(row)


async def lock_row(db: Executor, t: Table[Any], row_id: int) -> asyncpg.Record | None:
    """The row, locked until the transaction ends."""
    return await db.fetchrow(
        f"SELECT {t.columns} FROM {t.name} {t.alias} WHERE {t.alias}.{t.key} = $1 FOR UPDATE", row_id
    )


async def row_by_id(db: Executor, t: Table[Any], row_id: int) -> asyncpg.Record | None:
    return await db.fetchrow(f"SELECT {t.columns} FROM {t.name} {t.alias} WHERE {t.alias}.{t.key} = $1", row_id)


async def rows_in_order(db: Executor, t: Table[RowT], ids: Sequence[int]) -> list[RowT | None]:
    """The rows of these ids, in their order; None where there is none."""
    rows = await db.fetch(
        f"SELECT {t.columns} FROM {t.name} {t.alias} WHERE {t.alias}.{t.key} = ANY($1::bigint[])", list(ids)
    )
    found = {r[t.key]: t.from_record(r) for r in rows}
    return [found.get(i) for i in ids]


async def rows_in_regions(db: Executor, t: Table[RowT], region_ids: Sequence[int]) -> list[RowT]:
    """The rows lying in these regions (a community's facilities …), oldest first."""
    rows = await db.fetch(
        f"SELECT {t.columns} FROM {t.name} {t.alias} "
        f"WHERE {t.alias}.{t.region_column} = ANY($1::bigint[]) ORDER BY {t.alias}.id",
        list(region_ids),
    )
    return [t.from_record(r) for r in rows]


async def insert_row(
    db: Executor, t: Table[Any], values: Mapping[str, Any], *, stamped: Sequence[str] = ()
) -> asyncpg.Record:
    """Insert a row of these values; `stamped` columns are set to now()."""
    columns = ", ".join([*values, *stamped])
    placeholders = ", ".join([*(f"${i}" for i in range(1, len(values) + 1)), *("now()" for _ in stamped)])
    row = await db.fetchrow(
        f"INSERT INTO {t.name} AS {t.alias} ({columns}) VALUES ({placeholders}) RETURNING {t.columns}",
        *values.values(),
    )
    assert row is not None
    return row


async def update_row(
    db: Executor, t: Table[Any], row_id: int, sets: Mapping[str, Any], *, stamped: Sequence[str] = ()
) -> asyncpg.Record:
    """Set columns, bump the version and `updated_at`; `stamped` columns are set to now()."""
    assignments = [f"{column} = ${i}" for i, column in enumerate(sets, start=2)]
    assignments += [f"{column} = now()" for column in stamped]
    assignments += [f"version = {t.alias}.version + 1", "updated_at = now()"]
    row = await db.fetchrow(
        f"UPDATE {t.name} {t.alias} SET {', '.join(assignments)} WHERE {t.alias}.{t.key} = $1 RETURNING {t.columns}",
        row_id,
        *sets.values(),
    )
    assert row is not None
    return row


async def delete_row(db: Executor, t: Table[Any], row_id: int) -> None:
    await db.execute(f"DELETE FROM {t.name} WHERE {t.key} = $1", row_id)
