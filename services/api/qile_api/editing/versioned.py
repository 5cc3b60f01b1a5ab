"""The one way a versioned row is written: lock it, compare the version, change it, audit it.

Every mutation that edits a row with a `version` (content and its review,
community records, screens, accounts, regions, an event's attendance) and
the command line come here, inside their own transaction:

1. the row is locked before its version is compared, so two people saving
   the same version at once cannot both pass the check;
2. a stale version is a CONFLICT, a missing row NOT_FOUND;
3. the change bumps the version and `updated_at`;
4. the audit entry is written in the same transaction, under the action's
   constant name (`noticeApprove`, `accountDisable` …), whoever asked.

Expected refusals raise `Refused`, which rolls the transaction back.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from qile_api.audit.sql import log_entry
from qile_api.db.database import Executor
from qile_api.editing.sql import Table, delete_row, insert_row, lock_row, update_row
from qile_api.problems import ErrorCode, Problem, Refused, problem

# What a write sets: the columns, or a function of the locked row giving them
# (which may refuse, e.g. a transition the row's state does not allow).
Change = (
    Mapping[str, Any]
    | Callable[[asyncpg.Record], Mapping[str, Any]]
    | Callable[[asyncpg.Record], Awaitable[Mapping[str, Any]]]
)


async def locked(
    tx: Executor,
    t: Table[Any],
    row_id: int,
    version: int,
    *,
    exists: Callable[[asyncpg.Record], bool] | None = None,
    missing: Problem | None = None,
) -> asyncpg.Record:
    """The row, locked, if it exists (and `exists` holds) at the version the caller read.

    `missing`: what its absence means, when not NOT_FOUND (an event's count
    before anyone checked in is a step not yet taken).
    """
    row = await lock_row(tx, t, row_id)
    if row is None or (exists is not None and not exists(row)):
        raise Refused(missing or problem(ErrorCode.NOT_FOUND, f"{t.label}不存在", "id"))
    if row["version"] != version:
        raise Refused(
            problem(ErrorCode.CONFLICT, f"{t.label}已被他人修改（当前版本 {row['version']}），请刷新后重试", "version")
        )
    return row


async def audit(
    tx: Executor,
    t: Table[Any],
    *,
    actor_id: int | None,
    action: str,
    before: asyncpg.Record | None,
    after: asyncpg.Record | None,
    noted: Mapping[str, Any] | None = None,
) -> None:
    """The audit entry of a write: the row before and after, as the table keeps it; `noted` joins the after."""
    row = after if after is not None else before
    assert row is not None
    after_snapshot: object = t.snapshot(after) if after is not None else None
    if noted:
        after_snapshot = {**_as_dict(after_snapshot), **noted}
    await log_entry(
        tx,
        account_id=actor_id,
        action=action,
        object_type=t.object_type(row),
        object_id=row[t.key],
        region_id=row[t.region_column],
        previous_region_id=before[t.region_column] if before is not None else None,
        before=t.snapshot(before) if before is not None else None,
        after=after_snapshot,
    )


def _as_dict(value: object) -> dict[str, Any]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return dict(value) if isinstance(value, Mapping) else {}


@asynccontextmanager
async def _duplicates_refused(duplicate: Problem | None) -> AsyncIterator[None]:
    try:
        yield
    except asyncpg.UniqueViolationError as exc:
        if duplicate is None:
            raise
        raise Refused(duplicate) from exc


async def create(
    tx: Executor,
    t: Table[Any],
    *,
    actor_id: int | None,
    action: str,
    values: Mapping[str, Any],
    stamped: Sequence[str] = (),
    duplicate: Problem | None = None,
) -> asyncpg.Record:
    """Insert a row (`stamped` columns set to now()) and audit it."""
    async with _duplicates_refused(duplicate or t.duplicate):
        row = await insert_row(tx, t, values, stamped=stamped)
    await audit(tx, t, actor_id=actor_id, action=action, before=None, after=row)
    return row


async def write(
    tx: Executor,
    t: Table[Any],
    *,
    actor_id: int | None,
    action: str,
    row_id: int,
    version: int,
    change: Change,
    exists: Callable[[asyncpg.Record], bool] | None = None,
    missing: Problem | None = None,
    stamped: Sequence[str] = (),
    duplicate: Problem | None = None,
) -> asyncpg.Record:
    """Lock the row at `version`, apply `change`, audit as `action`; the row after."""
    before = await locked(tx, t, row_id, version, exists=exists, missing=missing)
    return await rewrite(
        tx, t, before, actor_id=actor_id, action=action, change=change, stamped=stamped, duplicate=duplicate
    )


async def rewrite(
    tx: Executor,
    t: Table[Any],
    before: asyncpg.Record,
    *,
    actor_id: int | None,
    action: str,
    change: Change,
    stamped: Sequence[str] = (),
    duplicate: Problem | None = None,
    noted: Mapping[str, Any] | None = None,
) -> asyncpg.Record:
    """`write` for a row the caller has already `locked` (and checked further)."""
    sets: Any = change(before) if callable(change) else change
    if inspect.isawaitable(sets):
        sets = await sets
    async with _duplicates_refused(duplicate or t.duplicate):
        after = await update_row(tx, t, before[t.key], sets, stamped=stamped)
    await audit(tx, t, actor_id=actor_id, action=action, before=before, after=after, noted=noted)
    return after


async def delete(
    tx: Executor, t: Table[Any], *, actor_id: int | None, action: str, row_id: int, version: int
) -> asyncpg.Record:
    """Lock the row at `version`, delete it, audit as `action`; the row as it was."""
    before = await locked(tx, t, row_id, version)
    await delete_row(tx, t, row_id)
    await audit(tx, t, actor_id=actor_id, action=action, before=before, after=None)
    return before
