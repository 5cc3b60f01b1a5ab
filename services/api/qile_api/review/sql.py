"""Work across notices, honours and events: the review queue and one's own items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from qile_api.db.database import Executor
from qile_api.db.query import Conditions, seek

# Kind (the GraphQL type) → table. The kind is part of the sort key, so that
# items of different tables at the same instant keep one stable order.
TABLES = (("Event", "events"), ("Honour", "honours"), ("Notice", "notices"))


@dataclass(frozen=True)
class ItemRef:
    kind: str
    id: int
    at: datetime  # the sort instant: submitted (queue) or last changed (own items)


@dataclass(frozen=True)
class _Query:
    """The three tables as one relation `q`, with the conditions on it."""

    union: str
    cond: Conditions

    @classmethod
    def over(cls, statuses: Sequence[str] | None) -> _Query:
        cond = Conditions()
        wanted = cond.param(list(statuses) if statuses else None)
        branches = [
            f"""SELECT '{kind}'::text AS kind, c.id, c.region_id, p.region_id AS original_region_id, c.status,
                       c.created_by, c.submitted_by, coalesce(c.submitted_at, c.updated_at) AS queued_at, c.updated_at
                FROM {table} c LEFT JOIN {table} p ON p.id = c.revision_of
                WHERE {wanted}::text[] IS NULL OR c.status = ANY({wanted}::text[])"""
            for kind, table in TABLES
        ]
        return cls(" UNION ALL ".join(branches), cond)

    def inside(self, column: str, scope: str) -> str:
        return f"EXISTS (SELECT 1 FROM regions r WHERE r.id = q.{column} AND {scope} = ANY(r.path))"

    async def refs(
        self, db: Executor, at: str, descending: bool, after: list[Any] | None, limit: int, backward: bool
    ) -> list[ItemRef]:
        args = list(self.cond.args)
        op, order = seek(descending, backward)

        def param(value: Any) -> str:
            args.append(value)
            return f"${len(args)}"

        keyset = ""
        if after is not None:
            keyset = f" AND (q.{at}, q.kind, q.id) {op} ({', '.join(param(v) for v in after)})"
        rows = await db.fetch(
            f"""SELECT q.kind, q.id, q.{at} AS at FROM ({self.union}) q WHERE {self.cond.sql}{keyset}
            ORDER BY q.{at} {order}, q.kind {order}, q.id {order} LIMIT {param(limit)}""",
            *args,
        )
        return [ItemRef(r["kind"], int(r["id"]), r["at"]) for r in rows]

    async def count(self, db: Executor) -> int:
        sql = f"SELECT count(*) FROM ({self.union}) q WHERE {self.cond.sql}"
        return int(await db.fetchval(sql, *self.cond.args))


def _queue(scope_region_id: int, reviewer_id: int) -> _Query:
    query = _Query.over(["IN_REVIEW"])
    scope = query.cond.param(scope_region_id)
    # The item, and for a revision the item it rewrites, inside the reviewer's
    # scope (what the approve permission checks), and not submitted by them.
    query.cond.add(query.inside("region_id", scope))
    query.cond.add(f"(q.original_region_id IS NULL OR {query.inside('original_region_id', scope)})")
    query.cond.add("q.submitted_by IS DISTINCT FROM {}", reviewer_id)
    return query


async def review_queue(
    db: Executor, scope_region_id: int, reviewer_id: int, after: list[Any] | None, limit: int, backward: bool = False
) -> list[ItemRef]:
    """Items in review that this reviewer may approve, oldest submission first."""
    return await _queue(scope_region_id, reviewer_id).refs(db, "queued_at", False, after, limit, backward)


async def review_queue_count(db: Executor, scope_region_id: int, reviewer_id: int) -> int:
    return await _queue(scope_region_id, reviewer_id).count(db)


def _own(scope_region_id: int, account_id: int, statuses: Sequence[str] | None) -> _Query:
    query = _Query.over(statuses)
    query.cond.add(query.inside("region_id", query.cond.param(scope_region_id)))
    me = query.cond.param(account_id)
    query.cond.add(f"(q.created_by = {me} OR q.submitted_by = {me})")
    return query


async def own_items(
    db: Executor,
    scope_region_id: int,
    account_id: int,
    statuses: Sequence[str] | None,
    after: list[Any] | None,
    limit: int,
    backward: bool = False,
) -> list[ItemRef]:
    """Items this account wrote or submitted, most recently changed first."""
    return await _own(scope_region_id, account_id, statuses).refs(db, "updated_at", True, after, limit, backward)


async def own_items_count(db: Executor, scope_region_id: int, account_id: int, statuses: Sequence[str] | None) -> int:
    return await _own(scope_region_id, account_id, statuses).count(db)
