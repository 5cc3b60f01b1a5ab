"""Create, update and delete for any type staff edit, on the versioned-write primitive.

A type is its table, its field map and what else its rows must satisfy
(`validate`: the community exists, the dates are in order …). Community
records (facilities, teams, the assessment's records) are edited with these
as they are; content (notices, honours, events) creates with them and adds
its review workflow (`content.workflow`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import asyncpg

from qile_api.db.database import Database, Executor
from qile_api.editing import versioned
from qile_api.editing.sql import Table
from qile_api.fields import FieldMap
from qile_api.problems import Problem, Refused

RowT = TypeVar("RowT")

# What a row must satisfy beyond its fields (the community exists …), checked
# on what the write would leave; `now` is the request's clock.
Validator = Callable[[Executor, Mapping[str, Any], datetime], Awaitable[list[Problem]]]
# How its fields must agree (an end after its start …): asked only of a row
# whose every field passed, so that each problem is said once, where it lies.
Agreement = Callable[[Mapping[str, Any], datetime], list[Problem]]


async def no_checks(_db: Executor, _row: Mapping[str, Any], _now: datetime) -> list[Problem]:
    return []


def no_agreement(_row: Mapping[str, Any], _now: datetime) -> list[Problem]:
    return []


@dataclass(frozen=True)
class Editable(Generic[RowT]):
    table: Table[RowT]
    fields: FieldMap
    # The audit's action names: those of the mutations that do it.
    create_action: str
    update_action: str | None = None  # None: never updated (an attestation is superseded instead)
    delete_action: str | None = None  # None: never deleted
    validate: Validator = no_checks
    agree: Agreement = no_agreement

    async def problems(self, tx: Executor, row: Mapping[str, Any], now: datetime) -> list[Problem]:
        """What is wrong with a row as a write would leave it."""
        found = [*self.fields.problems(row), *await self.validate(tx, row, now)]
        return found or self.agree(row, now)

    def current(self, row: Mapping[str, Any] | asyncpg.Record) -> dict[str, Any]:
        """The editable columns of a row."""
        return {column: row[column] for column in self.fields.columns}


async def create(
    db: Database, kind: Editable[RowT], *, actor_id: int | None, values: Mapping[str, Any], now: datetime
) -> RowT:
    async with db.transaction() as tx:
        if problems := await kind.problems(tx, values, now):
            raise Refused(*problems)
        row = await versioned.create(tx, kind.table, actor_id=actor_id, action=kind.create_action, values=values)
        return kind.table.from_record(row)


async def update(
    db: Database,
    kind: Editable[RowT],
    *,
    actor_id: int | None,
    row_id: int,
    version: int,
    changes: Mapping[str, Any],
    now: datetime,
) -> RowT:
    assert kind.update_action is not None, "a type without an update action is never updated"
    async with db.transaction() as tx:
        before = await versioned.locked(tx, kind.table, row_id, version)
        if problems := await kind.problems(tx, {**dict(before), **changes}, now):
            raise Refused(*problems)
        row = await versioned.rewrite(
            tx, kind.table, before, actor_id=actor_id, action=kind.update_action, change=changes
        )
        return kind.table.from_record(row)


async def delete(db: Database, kind: Editable[RowT], *, actor_id: int | None, row_id: int, version: int) -> RowT:
    assert kind.delete_action is not None, "a type without a delete action is never deleted"
    async with db.transaction() as tx:
        row = await versioned.delete(
            tx, kind.table, actor_id=actor_id, action=kind.delete_action, row_id=row_id, version=version
        )
        return kind.table.from_record(row)
