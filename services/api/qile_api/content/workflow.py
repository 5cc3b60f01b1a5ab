"""The review workflow every kind of content shares.

    DRAFT → IN_REVIEW → PUBLISHED → ARCHIVED
              ↓
           REJECTED (with a reason) → edited back to DRAFT

Editing a PUBLISHED item does not touch it: the change goes into a draft
revision (a row with `revision_of` set) that follows the same workflow; when
the revision is approved its values are copied onto the published row, so
screens show the old text until that moment and the item keeps its id.

Every operation is one transaction holding the row lock, checks the
caller's `version` (optimistic concurrency) and writes the audit entry in
the same transaction. Expected refusals raise `MutationFailed`, which rolls
the transaction back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import asyncpg
from strawberry import relay

from qile_api.audit.sql import record
from qile_api.content.sql import ContentTable
from qile_api.db.database import Database, Executor
from qile_api.graphql.payloads import ErrorCode, MutationError, MutationFailed, error
from qile_api.limits import REJECT_REASON
from qile_api.principals import StaffPrincipal

RowT = TypeVar("RowT")

Validator = Callable[[Executor, Mapping[str, Any]], Awaitable[list[MutationError]]]


@dataclass(frozen=True)
class Workflow(Generic[RowT]):
    spec: ContentTable
    type_name: str  # "Notice"
    action: str  # "notice": actions are noticeCreate, noticeApprove …
    label: str  # "通知", for messages
    editable: tuple[str, ...]  # columns staff may set
    from_record: Callable[[asyncpg.Record], RowT]
    validate: Validator
    # Extra conditions for submitting and publishing (e.g. an honour's consent).
    publishable: Callable[[Mapping[str, Any]], list[MutationError]] = lambda _: []


_META = ", c.status AS _status"


async def _lock(tx: Executor, wf: Workflow[RowT], item_id: int, version: int) -> asyncpg.Record:
    row = await tx.fetchrow(
        f"SELECT {wf.spec.columns}{_META} FROM {wf.spec.table} c WHERE c.id = $1 FOR UPDATE", item_id
    )
    if row is None:
        raise MutationFailed(error(ErrorCode.NOT_FOUND, f"{wf.label}不存在", "id"))
    if row["version"] != version:
        raise MutationFailed(
            error(ErrorCode.CONFLICT, f"{wf.label}已被他人修改（当前版本 {row['version']}），请刷新后重试", "version")
        )
    return row


def _wrong_state(wf: Workflow[RowT], status: str, verb: str) -> MutationFailed:
    names = {"DRAFT": "草稿", "IN_REVIEW": "审核中", "PUBLISHED": "已发布", "REJECTED": "已退回", "ARCHIVED": "已归档"}
    return MutationFailed(error(ErrorCode.INVALID_TRANSITION, f"{names[status]}的{wf.label}不能{verb}", "id"))


async def _write(
    tx: Executor,
    wf: Workflow[RowT],
    item_id: int,
    sets: Mapping[str, Any],
    published: bool = False,
    submitted: bool = False,
) -> asyncpg.Record:
    """Set columns (names come from code, values are bound), bumping the version."""
    assignments = [f"{col} = ${i}" for i, col in enumerate(sets, start=2)]
    assignments += ["version = c.version + 1", "updated_at = now()"]
    if published:
        assignments.append("published_at = now()")
    if submitted:
        assignments.append("submitted_at = now()")
    row = await tx.fetchrow(
        f"UPDATE {wf.spec.table} c SET {', '.join(assignments)} WHERE c.id = $1 RETURNING {wf.spec.columns}",
        item_id,
        *sets.values(),
    )
    assert row is not None
    return row


async def _audit(
    tx: Executor, wf: Workflow[RowT], staff: StaffPrincipal, verb: str, before: Any, after: asyncpg.Record
) -> None:
    await record(
        tx,
        account_id=staff.id,
        action=wf.action + verb,
        object_type=wf.type_name,
        object_id=after["id"],
        region_id=after["region_id"],
        previous_region_id=before["region_id"] if before is not None else None,
        before=wf.from_record(before) if before is not None else None,
        after=wf.from_record(after),
    )


def _values(row: asyncpg.Record, wf: Workflow[RowT]) -> dict[str, Any]:
    return {col: row[col] for col in wf.editable}


async def create(db: Database, wf: Workflow[RowT], staff: StaffPrincipal, values: Mapping[str, Any]) -> RowT:
    async with db.transaction() as tx:
        if problems := await wf.validate(tx, values):
            raise MutationFailed(*problems)
        cols = [*values, "created_by"]
        placeholders = ", ".join(f"${i}" for i in range(1, len(cols) + 1))
        row = await tx.fetchrow(
            f"INSERT INTO {wf.spec.table} AS c ({', '.join(cols)}) VALUES ({placeholders}) RETURNING {wf.spec.columns}",
            *values.values(),
            staff.id,
        )
        assert row is not None
        await _audit(tx, wf, staff, "Create", None, row)
        return wf.from_record(row)


async def update(
    db: Database, wf: Workflow[RowT], staff: StaffPrincipal, item_id: int, version: int, changes: Mapping[str, Any]
) -> RowT:
    """Edit a draft in place, or put the change to a published item into its revision."""
    async with db.transaction() as tx:
        current = await _lock(tx, wf, item_id, version)
        merged = {**_values(current, wf), **changes}
        if problems := await wf.validate(tx, merged):
            raise MutationFailed(*problems)
        status = current["_status"]
        if status in ("DRAFT", "REJECTED"):
            # Editing a rejected item reopens it as a draft.
            row = await _write(tx, wf, item_id, {**changes, "status": "DRAFT", "reject_reason": None})
            await _audit(tx, wf, staff, "Update", current, row)
            return wf.from_record(row)
        if status != "PUBLISHED":
            raise _wrong_state(wf, status, "修改")
        revision = await tx.fetchval(f"SELECT id FROM {wf.spec.table} WHERE revision_of = $1", item_id)
        if revision is not None:
            # One revision at a time, edited under its own id and version, so
            # that two editors cannot overwrite each other's changes unseen.
            raise MutationFailed(
                error(
                    ErrorCode.INVALID_TRANSITION,
                    f"该{wf.label}已有待处理的修订稿（{relay.to_base64(wf.type_name, revision)}），请编辑修订稿",
                    "id",
                )
            )
        cols = [*merged, "revision_of", "created_by"]
        placeholders = ", ".join(f"${i}" for i in range(1, len(cols) + 1))
        revised = await tx.fetchrow(
            f"INSERT INTO {wf.spec.table} AS c ({', '.join(cols)}) VALUES ({placeholders}) RETURNING {wf.spec.columns}",
            *merged.values(),
            item_id,
            staff.id,
        )
        assert revised is not None
        await _audit(tx, wf, staff, "Update", None, revised)
        return wf.from_record(revised)


async def submit(db: Database, wf: Workflow[RowT], staff: StaffPrincipal, item_id: int, version: int) -> RowT:
    async with db.transaction() as tx:
        current = await _lock(tx, wf, item_id, version)
        if current["_status"] not in ("DRAFT", "REJECTED"):
            raise _wrong_state(wf, current["_status"], "提交审核")
        # What approval would refuse (a person's honour without consent) is
        # refused now: the editor can put it right, the reviewer could not.
        if problems := wf.publishable(await _as_published(tx, wf, current)):
            raise MutationFailed(*problems)
        row = await _write(
            tx, wf, item_id, {"status": "IN_REVIEW", "submitted_by": staff.id, "reject_reason": None}, submitted=True
        )
        await _audit(tx, wf, staff, "Submit", current, row)
        return wf.from_record(row)


async def _as_published(tx: Executor, wf: Workflow[RowT], current: asyncpg.Record) -> dict[str, Any]:
    """The values an approval would publish: a revision's edits over its published item."""
    if current["revision_of"] is None:
        return dict(current)
    parent = await tx.fetchrow(
        f"SELECT {wf.spec.columns} FROM {wf.spec.table} c WHERE c.id = $1", current["revision_of"]
    )
    return {**dict(parent), **_values(current, wf)} if parent is not None else dict(current)


async def _lock_for_publishing(
    tx: Executor, wf: Workflow[RowT], item_id: int, version: int
) -> tuple[asyncpg.Record, asyncpg.Record | None]:
    """The item and, for a revision, its published item: parent first, as every path locks them."""
    parent_id = await tx.fetchval(f"SELECT revision_of FROM {wf.spec.table} WHERE id = $1", item_id)
    parent = None
    if parent_id is not None:
        parent = await tx.fetchrow(
            f"SELECT {wf.spec.columns}{_META} FROM {wf.spec.table} c WHERE c.id = $1 FOR UPDATE", parent_id
        )
    current = await _lock(tx, wf, item_id, version)
    if parent is not None and (current["revision_of"] != parent["id"] or parent["_status"] != "PUBLISHED"):
        raise _wrong_state(wf, parent["_status"], "用修订稿更新")
    return current, parent


async def _publish(
    tx: Executor,
    wf: Workflow[RowT],
    staff: StaffPrincipal,
    current: asyncpg.Record,
    parent: asyncpg.Record | None,
    verb: str,
) -> asyncpg.Record:
    if parent is None:
        if problems := wf.publishable(dict(current)):
            raise MutationFailed(*problems)
        row = await _write(tx, wf, current["id"], {"status": "PUBLISHED", "reviewed_by": staff.id}, published=True)
        await _audit(tx, wf, staff, verb, current, row)
        return row
    # An approved revision replaces the published values; the item keeps its id
    # and what is not editable (an honour's recorded consent) stays with it.
    if problems := wf.publishable({**dict(parent), **_values(current, wf)}):
        raise MutationFailed(*problems)
    await tx.execute(f"DELETE FROM {wf.spec.table} WHERE id = $1", current["id"])
    row = await _write(tx, wf, parent["id"], {**_values(current, wf), "reviewed_by": staff.id})
    await _audit(tx, wf, staff, verb, parent, row)
    return row


async def approve(db: Database, wf: Workflow[RowT], staff: StaffPrincipal, item_id: int, version: int) -> RowT:
    async with db.transaction() as tx:
        current, parent = await _lock_for_publishing(tx, wf, item_id, version)
        if current["_status"] != "IN_REVIEW":
            raise _wrong_state(wf, current["_status"], "批准")
        if current["submitted_by"] == staff.id:
            raise MutationFailed(error(ErrorCode.SELF_APPROVAL, "不能批准自己提交的内容，请由其他审核人审核", "id"))
        return wf.from_record(await _publish(tx, wf, staff, current, parent, "Approve"))


async def publish_directly(db: Database, wf: Workflow[RowT], staff: StaffPrincipal, item_id: int, version: int) -> RowT:
    """For urgent notices: a reviewer publishes without a second pair of eyes."""
    async with db.transaction() as tx:
        current, parent = await _lock_for_publishing(tx, wf, item_id, version)
        if current["_status"] not in ("DRAFT", "REJECTED", "IN_REVIEW"):
            raise _wrong_state(wf, current["_status"], "直接发布")
        return wf.from_record(await _publish(tx, wf, staff, current, parent, "PublishUrgent"))


async def reject(
    db: Database, wf: Workflow[RowT], staff: StaffPrincipal, item_id: int, version: int, reason: str
) -> RowT:
    reason = reason.strip()
    if not reason:
        raise MutationFailed(error(ErrorCode.REQUIRED, "请填写退回理由", "reason"))
    if len(reason) > REJECT_REASON.max:
        too_long = f"{REJECT_REASON.label}不能超过{REJECT_REASON.max}个字符"
        raise MutationFailed(error(ErrorCode.TOO_LONG, too_long, "reason"))
    async with db.transaction() as tx:
        current = await _lock(tx, wf, item_id, version)
        if current["_status"] != "IN_REVIEW":
            raise _wrong_state(wf, current["_status"], "退回")
        row = await _write(tx, wf, item_id, {"status": "REJECTED", "reviewed_by": staff.id, "reject_reason": reason})
        await _audit(tx, wf, staff, "Reject", current, row)
        return wf.from_record(row)


async def archive(db: Database, wf: Workflow[RowT], staff: StaffPrincipal, item_id: int, version: int) -> RowT:
    async with db.transaction() as tx:
        current = await _lock(tx, wf, item_id, version)
        if current["_status"] != "PUBLISHED":
            raise _wrong_state(wf, current["_status"], "归档")
        row = await _write(tx, wf, item_id, {"status": "ARCHIVED"})
        # A pending revision of an archived item has nothing left to revise.
        await tx.execute(f"DELETE FROM {wf.spec.table} WHERE revision_of = $1", item_id)
        await _audit(tx, wf, staff, "Archive", current, row)
        return wf.from_record(row)
