"""The review workflow every kind of content shares.

    DRAFT → IN_REVIEW → PUBLISHED → ARCHIVED
              ↓
           REJECTED (with a reason) → edited back to DRAFT

Editing a PUBLISHED item does not touch it: the change goes into a draft
revision (a row with `revision_of` set) that follows the same workflow; when
the revision is approved its values are copied onto the published row, so
screens show the old text until that moment and the item keeps its id.

Every step runs inside the caller's transaction on the versioned-write
primitive (`editing.versioned`): the row locked, the caller's `version`
compared, the audit entry written under the step's constant action name.
One mutation is one transaction; a batch (`eventBatchApprove`) runs its steps
in one transaction, so that it does all of them or none. Expected refusals
raise `Refused`, which rolls the transaction back.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import asyncpg

from qile_api.content import sql
from qile_api.db.database import Executor
from qile_api.editing import versioned
from qile_api.editing.crud import Editable
from qile_api.editing.sql import delete_row, insert_row, lock_row, row_by_id
from qile_api.fields import text_problems
from qile_api.limits import REJECT_REASON
from qile_api.problems import ErrorCode, Problem, Refused, problem
from qile_api.settings import Settings

RowT = TypeVar("RowT")

# What a type fills in from the row a write or a publishing would leave, by the
# deployment's settings (an urgent notice's display end): columns to add. It
# raises `Refused` for what those settings forbid. The last argument says whether
# the row is being published (what is filled in then may count from that moment).
Settle = Callable[[Mapping[str, Any], datetime, Settings, bool], dict[str, Any]]


def no_settling(_row: Mapping[str, Any], _now: datetime, _settings: Settings, _publishing: bool) -> dict[str, Any]:
    return {}


_STATE_NAMES = {
    "DRAFT": "草稿",
    "IN_REVIEW": "审核中",
    "PUBLISHED": "已发布",
    "REJECTED": "已退回",
    "ARCHIVED": "已归档",
}


@dataclass(frozen=True)
class ReviewActions:
    """The audit's names of the review steps: those of the mutations (`noticeSubmit` …)."""

    submit: str
    approve: str
    reject: str
    archive: str
    publish_urgent: str = ""  # notices only


@dataclass(frozen=True)
class Workflow(Generic[RowT]):
    editable: Editable[RowT]
    review: ReviewActions
    # Extra conditions for submitting and publishing (e.g. an honour's consent).
    publishable: Callable[[Mapping[str, Any]], list[Problem]] = lambda _: []
    settle: Settle = no_settling

    def __post_init__(self) -> None:
        assert self.editable.update_action is not None, "content is edited through review"

    @property
    def label(self) -> str:
        return self.editable.table.label

    @property
    def update_action(self) -> str:
        assert self.editable.update_action is not None
        return self.editable.update_action


def _global_id(type_name: str, pk: int) -> str:
    """The revision's global ID (base64 of `Type:id`), as the console shows and finds it."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _wrong_state(wf: Workflow[Any], status: str, verb: str) -> Refused:
    return Refused(problem(ErrorCode.INVALID_TRANSITION, f"{_STATE_NAMES[status]}的{wf.label}不能{verb}", "id"))


async def create(
    tx: Executor,
    wf: Workflow[RowT],
    *,
    actor_id: int,
    values: Mapping[str, Any],
    now: datetime,
    settings: Settings,
) -> RowT:
    kind = wf.editable
    if problems := await kind.problems(tx, values, now):
        raise Refused(*problems)
    values = {**values, **wf.settle(values, now, settings, False), "created_by": actor_id}
    row = await versioned.create(tx, kind.table, actor_id=actor_id, action=kind.create_action, values=values)
    return kind.table.from_record(row)


async def update(
    tx: Executor,
    wf: Workflow[RowT],
    *,
    actor_id: int,
    item_id: int,
    version: int,
    changes: Mapping[str, Any],
    now: datetime,
    settings: Settings,
) -> RowT:
    """Edit a draft in place, or put the change to a published item into its revision."""
    kind, t = wf.editable, wf.editable.table
    current = await versioned.locked(tx, t, item_id, version)
    merged = {**kind.current(current), **changes}
    if problems := await kind.problems(tx, merged, now):
        raise Refused(*problems)
    settled = wf.settle(merged, now, settings, False)
    changes, merged = {**changes, **settled}, {**merged, **settled}
    status = current["status"]
    if status in ("DRAFT", "REJECTED"):
        # Editing a rejected item reopens it as a draft.
        row = await versioned.rewrite(
            tx,
            t,
            current,
            actor_id=actor_id,
            action=wf.update_action,
            change={**changes, "status": "DRAFT", "reject_reason": None},
        )
        return t.from_record(row)
    if status != "PUBLISHED":
        raise _wrong_state(wf, status, "修改")
    revision = await sql.revision_of(tx, t.name, item_id)
    if revision is not None:
        # One revision at a time, edited under its own id and version, so
        # that two editors cannot overwrite each other's changes unseen.
        raise Refused(
            problem(
                ErrorCode.INVALID_TRANSITION,
                f"该{wf.label}已有待处理的修订稿（{_global_id(t.type_name, revision)}），请编辑修订稿",
                "id",
            )
        )
    revised = await insert_row(tx, t, {**merged, "revision_of": item_id, "created_by": actor_id})
    await versioned.audit(tx, t, actor_id=actor_id, action=wf.update_action, before=None, after=revised)
    return t.from_record(revised)


async def submit(tx: Executor, wf: Workflow[RowT], *, actor_id: int, item_id: int, version: int) -> RowT:
    t = wf.editable.table
    current = await versioned.locked(tx, t, item_id, version)
    if current["status"] not in ("DRAFT", "REJECTED"):
        raise _wrong_state(wf, current["status"], "提交审核")
    # What approval would refuse (a person's honour without consent) is
    # refused now: the editor can put it right, the reviewer could not.
    if problems := wf.publishable(await _as_published(tx, wf, current)):
        raise Refused(*problems)
    row = await versioned.rewrite(
        tx,
        t,
        current,
        actor_id=actor_id,
        action=wf.review.submit,
        change={"status": "IN_REVIEW", "submitted_by": actor_id, "reject_reason": None},
        stamped=("submitted_at",),
    )
    return t.from_record(row)


async def _as_published(tx: Executor, wf: Workflow[Any], current: asyncpg.Record) -> dict[str, Any]:
    """The values an approval would publish: a revision's edits over its published item."""
    if current["revision_of"] is None:
        return dict(current)
    parent = await row_by_id(tx, wf.editable.table, current["revision_of"])
    return {**dict(parent), **wf.editable.current(current)} if parent is not None else dict(current)


async def _lock_for_publishing(
    tx: Executor, wf: Workflow[Any], item_id: int, version: int
) -> tuple[asyncpg.Record, asyncpg.Record | None]:
    """The item and, for a revision, its published item: parent first, as every path locks them."""
    t = wf.editable.table
    parent_id = await sql.revised_item_of(tx, t.name, item_id)
    parent = await lock_row(tx, t, parent_id) if parent_id is not None else None
    current = await versioned.locked(tx, t, item_id, version)
    if parent is not None and (current["revision_of"] != parent["id"] or parent["status"] != "PUBLISHED"):
        raise _wrong_state(wf, parent["status"], "用修订稿更新")
    return current, parent


@dataclass(frozen=True)
class Publishing:
    """Who publishes, under which action name, and when, under which settings (for `Workflow.settle`)."""

    actor_id: int
    action: str
    now: datetime
    settings: Settings


async def _publish(
    tx: Executor, wf: Workflow[Any], by: Publishing, current: asyncpg.Record, parent: asyncpg.Record | None
) -> asyncpg.Record:
    t = wf.editable.table
    if parent is None:
        if problems := wf.publishable(dict(current)):
            raise Refused(*problems)
        settled = wf.settle(dict(current), by.now, by.settings, True)
        change = {**settled, "status": "PUBLISHED", "reviewed_by": by.actor_id}
        return await versioned.rewrite(
            tx, t, current, actor_id=by.actor_id, action=by.action, change=change, stamped=("published_at",)
        )
    # An approved revision replaces the published values; the item keeps its id
    # and what is not editable (an honour's recorded consent) stays with it.
    edits = wf.editable.current(current)
    published = {**dict(parent), **edits}
    if problems := wf.publishable(published):
        raise Refused(*problems)
    edits.update(wf.settle(published, by.now, by.settings, True))
    await delete_row(tx, t, current["id"])
    return await versioned.rewrite(
        tx, t, parent, actor_id=by.actor_id, action=by.action, change={**edits, "reviewed_by": by.actor_id}
    )


async def approve(
    tx: Executor, wf: Workflow[RowT], *, item_id: int, version: int, now: datetime, settings: Settings, actor_id: int
) -> RowT:
    current, parent = await _lock_for_publishing(tx, wf, item_id, version)
    if current["status"] != "IN_REVIEW":
        raise _wrong_state(wf, current["status"], "批准")
    if current["submitted_by"] == actor_id:
        raise Refused(problem(ErrorCode.SELF_APPROVAL, "不能批准自己提交的内容，请由其他审核人审核", "id"))
    row = await _publish(tx, wf, Publishing(actor_id, wf.review.approve, now, settings), current, parent)
    return wf.editable.table.from_record(row)


async def publish_directly(
    tx: Executor, wf: Workflow[RowT], *, item_id: int, version: int, now: datetime, settings: Settings, actor_id: int
) -> RowT:
    """For urgent notices: a reviewer publishes without a second pair of eyes."""
    current, parent = await _lock_for_publishing(tx, wf, item_id, version)
    if current["status"] not in ("DRAFT", "REJECTED", "IN_REVIEW"):
        raise _wrong_state(wf, current["status"], "直接发布")
    row = await _publish(tx, wf, Publishing(actor_id, wf.review.publish_urgent, now, settings), current, parent)
    return wf.editable.table.from_record(row)


async def reject(tx: Executor, wf: Workflow[RowT], *, actor_id: int, item_id: int, version: int, reason: str
) -> RowT:
    reason = reason.strip()
    if problems := text_problems(reason, "reason", REJECT_REASON):
        raise Refused(*problems)
    t = wf.editable.table
    current = await versioned.locked(tx, t, item_id, version)
    if current["status"] != "IN_REVIEW":
        raise _wrong_state(wf, current["status"], "退回")
    change = {"status": "REJECTED", "reviewed_by": actor_id, "reject_reason": reason}
    row = await versioned.rewrite(tx, t, current, actor_id=actor_id, action=wf.review.reject, change=change)
    return t.from_record(row)


async def archive(tx: Executor, wf: Workflow[RowT], *, actor_id: int, item_id: int, version: int) -> RowT:
    t = wf.editable.table
    current = await versioned.locked(tx, t, item_id, version)
    if current["status"] != "PUBLISHED":
        raise _wrong_state(wf, current["status"], "归档")
    # A pending revision of an archived item has nothing left to revise.
    await sql.delete_revisions_of(tx, t.name, item_id)
    row = await versioned.rewrite(
        tx, t, current, actor_id=actor_id, action=wf.review.archive, change={"status": "ARCHIVED"}
    )
    return t.from_record(row)
