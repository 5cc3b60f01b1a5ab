"""Community records that staff keep directly, without review.

Facilities and teams (and the assessment's data) describe a community
rather than speak to the public, so they have no review workflow; they do
share everything else with content: scope permissions, validation, optimistic
concurrency and the audit entry in the same transaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import asyncpg

from qile_api.audit.sql import record
from qile_api.db.database import Database, Executor
from qile_api.graphql.payloads import ErrorCode, MutationError, MutationFailed, error
from qile_api.principals import StaffPrincipal

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class RecordTable(Generic[RowT]):
    table: str
    columns: str  # select list, aliased c
    type_name: str  # "Facility"
    label: str  # "设施"
    from_record: Callable[[asyncpg.Record], RowT]
    validate: Callable[[Executor, Mapping[str, Any]], Awaitable[list[MutationError]]]
    region_column: str = "community_id"
    # The audit action for a create, when the mutation is not named <type>Create.
    create_action: str | None = None
    # What a unique constraint's refusal means to staff. `validate` checks
    # first, but two requests arriving together both pass that check: the
    # constraint then refuses the second insert or update.
    duplicate: MutationError | None = None


async def by_ids(db: Executor, spec: RecordTable[RowT], ids: Sequence[int]) -> list[RowT]:
    rows = await db.fetch(f"SELECT {spec.columns} FROM {spec.table} c WHERE c.id = ANY($1::bigint[])", list(ids))
    return [spec.from_record(r) for r in rows]


async def in_order(db: Executor, spec: RecordTable[RowT], ids: Sequence[int]) -> list[RowT | None]:
    """Rows for node ids, None where there is none (community records are public)."""
    found = {r.id: r for r in await by_ids(db, spec, ids)}  # type: ignore[attr-defined]
    return [found.get(i) for i in ids]


async def by_communities(db: Executor, spec: RecordTable[RowT], community_ids: Sequence[int]) -> list[RowT]:
    rows = await db.fetch(
        f"SELECT {spec.columns} FROM {spec.table} c WHERE c.{spec.region_column} = ANY($1::bigint[]) ORDER BY c.id",
        list(community_ids),
    )
    return [spec.from_record(r) for r in rows]


async def _audit(
    tx: Executor, spec: RecordTable[RowT], staff: StaffPrincipal, verb: str, before: Any, after: Any
) -> None:
    row = after if after is not None else before
    action = spec.type_name[0].lower() + spec.type_name[1:] + verb
    if verb == "Create" and spec.create_action:
        action = spec.create_action
    await record(
        tx,
        account_id=staff.id,
        action=action,
        object_type=spec.type_name,
        object_id=row["id"],
        region_id=row[spec.region_column],
        previous_region_id=before[spec.region_column] if before is not None else None,
        before=spec.from_record(before) if before is not None else None,
        after=spec.from_record(after) if after is not None else None,
    )


async def _lock(tx: Executor, spec: RecordTable[RowT], item_id: int, version: int) -> asyncpg.Record:
    row = await tx.fetchrow(f"SELECT {spec.columns} FROM {spec.table} c WHERE c.id = $1 FOR UPDATE", item_id)
    if row is None:
        raise MutationFailed(error(ErrorCode.NOT_FOUND, f"{spec.label}不存在", "id"))
    if row["version"] != version:
        raise MutationFailed(error(ErrorCode.CONFLICT, f"{spec.label}已被他人修改，请刷新后重试", "version"))
    return row


@asynccontextmanager
async def _duplicates_refused(spec: RecordTable[Any]) -> AsyncIterator[None]:
    try:
        yield
    except asyncpg.UniqueViolationError as exc:
        if spec.duplicate is None:
            raise
        raise MutationFailed(spec.duplicate) from exc


async def insert(tx: Executor, spec: RecordTable[RowT], staff: StaffPrincipal, values: Mapping[str, Any]) -> RowT:
    """Validate, insert and audit inside the caller's transaction (a create, or one row of an import)."""
    if problems := await spec.validate(tx, values):
        raise MutationFailed(*problems)
    cols = list(values)
    placeholders = ", ".join(f"${i}" for i in range(1, len(cols) + 1))
    row = await tx.fetchrow(
        f"INSERT INTO {spec.table} AS c ({', '.join(cols)}) VALUES ({placeholders}) RETURNING {spec.columns}",
        *values.values(),
    )
    assert row is not None
    await _audit(tx, spec, staff, "Create", None, row)
    return spec.from_record(row)


async def create(db: Database, spec: RecordTable[RowT], staff: StaffPrincipal, values: Mapping[str, Any]) -> RowT:
    async with _duplicates_refused(spec), db.transaction() as tx:
        return await insert(tx, spec, staff, values)


async def update(
    db: Database,
    spec: RecordTable[RowT],
    staff: StaffPrincipal,
    item_id: int,
    version: int,
    changes: Mapping[str, Any],
) -> RowT:
    async with _duplicates_refused(spec), db.transaction() as tx:
        before = await _lock(tx, spec, item_id, version)
        merged = {**dict(before), **changes}
        if problems := await spec.validate(tx, merged):
            raise MutationFailed(*problems)
        sets = [f"{col} = ${i}" for i, col in enumerate(changes, start=2)]
        sets += ["version = c.version + 1", "updated_at = now()"]
        row = await tx.fetchrow(
            f"UPDATE {spec.table} c SET {', '.join(sets)} WHERE c.id = $1 RETURNING {spec.columns}",
            item_id,
            *changes.values(),
        )
        assert row is not None
        await _audit(tx, spec, staff, "Update", before, row)
        return spec.from_record(row)


async def delete(db: Database, spec: RecordTable[RowT], staff: StaffPrincipal, item_id: int, version: int) -> RowT:
    async with db.transaction() as tx:
        before = await _lock(tx, spec, item_id, version)
        await tx.execute(f"DELETE FROM {spec.table} WHERE id = $1", item_id)
        await _audit(tx, spec, staff, "Delete", before, None)
        return spec.from_record(before)
