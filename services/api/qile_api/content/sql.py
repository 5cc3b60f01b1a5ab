"""What notices, honours and events share in SQL: visibility, scope, paging.

Each content table has a region scope (`region_id`) and a review `status`.
The public sees PUBLISHED rows; staff (later) see their own scope as well.
"Content for a community" is content scoped to any region on the
community's path: itself, its subdistrict, its district or the city.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import Conditions


@dataclass(frozen=True)
class ContentTable:
    table: str
    columns: str
    # Keyset order: the cursor holds these columns of the last row.
    order_by: tuple[str, ...]
    descending: bool = False
    # What else a row needs before the public may see it (beyond PUBLISHED).
    public_condition: str = "true"


@dataclass(frozen=True)
class Visibility:
    """Whose eyes: None sees published content only."""

    scope_region_id: int | None = None


PUBLIC = Visibility()


def visible(cond: Conditions, vis: Visibility, spec: ContentTable, alias: str = "c") -> None:
    public = f"({alias}.status = 'PUBLISHED' AND {spec.public_condition})"
    if vis.scope_region_id is None:
        cond.add(public)
    else:
        cond.add(
            f"({public} OR EXISTS (SELECT 1 FROM regions r WHERE r.id = {alias}.region_id AND {{}} = ANY(r.path)))",
            vis.scope_region_id,
        )


def for_community(cond: Conditions, community_id: int | None, alias: str = "c") -> None:
    if community_id is not None:
        cond.add(
            f"EXISTS (SELECT 1 FROM regions r WHERE r.id = {{}} AND {alias}.region_id = ANY(r.path))",
            community_id,
        )


async def by_ids(db: Executor, spec: ContentTable, ids: Sequence[int], vis: Visibility) -> list[asyncpg.Record]:
    cond = Conditions()
    cond.add("c.id = ANY({}::bigint[])", list(ids))
    visible(cond, vis, spec)
    return await db.fetch(f"SELECT {spec.columns} FROM {spec.table} c WHERE {cond.sql}", *cond.args)


async def page(
    db: Executor, spec: ContentTable, cond: Conditions, after: list[Any] | None, limit: int
) -> list[asyncpg.Record]:
    """One keyset page of rows matching `cond` (which is left unchanged)."""
    args = list(cond.args)

    def param(value: Any) -> str:
        args.append(value)
        return f"${len(args)}"

    keys = ", ".join(f"c.{k}" for k in spec.order_by)
    where = cond.sql
    if after is not None:
        if len(after) != len(spec.order_by):
            raise ValueError("cursor does not fit this list")
        op = "<" if spec.descending else ">"
        where += f" AND ({keys}) {op} ({', '.join(param(v) for v in after)})"
    direction = " DESC" if spec.descending else ""
    order = ", ".join(f"c.{k}{direction}" for k in spec.order_by)
    return await db.fetch(
        f"SELECT {spec.columns} FROM {spec.table} c WHERE {where} ORDER BY {order} LIMIT {param(limit)}",
        *args,
    )


async def count(db: Executor, spec: ContentTable, cond: Conditions) -> int:
    return int(await db.fetchval(f"SELECT count(*) FROM {spec.table} c WHERE {cond.sql}", *cond.args))
