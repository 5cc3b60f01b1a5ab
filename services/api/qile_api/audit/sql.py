"""The audit log: who did what to which object, before and after."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import Conditions, seek


def snapshot(value: object) -> str | None:
    """A row as JSON for the log; secrets are never passed in."""
    if value is None:
        return None
    data = dataclasses.asdict(value) if dataclasses.is_dataclass(value) and not isinstance(value, type) else value
    return json.dumps(data, default=str, ensure_ascii=False)


async def log_entry(
    db: Executor,
    *,
    account_id: int | None,
    action: str,
    object_type: str,
    object_id: int | None,
    region_id: int | None,
    before: object = None,
    after: object = None,
    previous_region_id: int | None = None,
) -> None:
    """Write one entry; call it inside the mutation's own transaction.

    `previous_region_id`: where the object was, when the mutation moved it.
    """
    moved_from = previous_region_id if previous_region_id != region_id else None
    await db.execute(
        """INSERT INTO audit_log (account_id, action, object_type, object_id, region_id, before, after,
                                  previous_region_id)
        VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)""",
        account_id,
        action,
        object_type,
        object_id,
        region_id,
        snapshot(before),
        snapshot(after),
        moved_from,
    )


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    account_id: int | None
    username: str | None
    action: str
    object_type: str
    object_id: int | None
    # A name a person knows the object by: a username, a screen's name, a title.
    object_label: str | None
    region_id: int | None
    before: Any
    after: Any

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> AuditRow:
        return cls(
            id=r["id"],
            at=r["at"],
            account_id=r["account_id"],
            username=r["username"],
            action=r["action"],
            object_type=r["object_type"],
            object_id=r["object_id"],
            object_label=r["object_label"],
            region_id=r["region_id"],
            before=json.loads(r["before"]) if r["before"] else None,
            after=json.loads(r["after"]) if r["after"] else None,
        )


@dataclass(frozen=True)
class AuditFilter:
    scope_region_id: int
    action: str | None = None
    object_type: str | None = None
    object_id: int | None = None
    account_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


def audit_conditions(f: AuditFilter) -> Conditions:
    cond = Conditions()
    # Entries about regions inside the viewer's scope; account entries carry
    # the account's scope region, so they follow the same rule.
    cond.add(
        "EXISTS (SELECT 1 FROM regions r WHERE r.id IN (l.region_id, l.previous_region_id) AND {} = ANY(r.path))",
        f.scope_region_id,
    )
    if f.action:
        cond.add("l.action = {}", f.action)
    if f.object_type:
        cond.add("l.object_type = {}", f.object_type)
    if f.object_id is not None:
        cond.add("l.object_id = {}", f.object_id)
    if f.account_id is not None:
        cond.add("l.account_id = {}", f.account_id)
    if f.since is not None:
        cond.add("l.at >= {}", f.since)
    if f.until is not None:
        cond.add("l.at < {}", f.until)
    return cond


# The object's name as the entry recorded it (a snapshot's username, title or
# name); for entries without a snapshot (a sign-in, a screenshot request), the
# account's or screen's name now.
_OBJECT_LABEL = """coalesce(l.after ->> 'username', l.before ->> 'username', l.after ->> 'title',
    l.before ->> 'title', l.after ->> 'name', l.before ->> 'name', oa.username, os.name) AS object_label"""


async def audit_page(
    db: Executor, f: AuditFilter, after_id: int | None, limit: int, backward: bool = False
) -> list[AuditRow]:
    cond = audit_conditions(f)
    op, direction = seek(True, backward)
    if after_id is not None:
        cond.add(f"l.id {op} {{}}", after_id)
    limit_param = cond.param(limit)
    rows = await db.fetch(
        f"""SELECT l.id, l.at, l.account_id, a.username, l.action, l.object_type, l.object_id, l.region_id,
               l.before::text AS before, l.after::text AS after, {_OBJECT_LABEL}
        FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
            LEFT JOIN accounts oa ON l.object_type = 'Account' AND oa.id = l.object_id
            LEFT JOIN screens os ON l.object_type = 'Screen' AND os.id = l.object_id
        WHERE {cond.sql} ORDER BY l.id {direction} LIMIT {limit_param}""",
        *cond.args,
    )
    return [AuditRow.from_record(r) for r in rows]


async def audit_count(db: Executor, f: AuditFilter) -> int:
    cond = audit_conditions(f)
    return int(await db.fetchval(f"SELECT count(*) FROM audit_log l WHERE {cond.sql}", *cond.args))
