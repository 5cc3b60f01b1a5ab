"""What notices, honours and events share in SQL: visibility, scope, paging.

Each content table has a region scope (`region_id`) and a review `status`.
Lists show PUBLISHED rows unless staff ask for other statuses, which they
then see inside their own scope only; a lookup by id shows staff anything
inside their scope.
"Content for a community" is content scoped to any region on the
community's path: itself, its subdistrict, its district or the city.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import Conditions, seek
from qile_api.principals import Visibility

# Who wrote and submitted an item, and when: columns every content table has.
REVIEW_COLUMNS = "c.created_by, c.submitted_by, c.submitted_at"


@dataclass(frozen=True)
class ReviewMeta:
    """The review columns of a row (REVIEW_COLUMNS), shared by every content row type."""

    created_by: int | None
    submitted_by: int | None
    submitted_at: datetime | None


# The image a notice or an event carries (migration 0016, content/images.py).
IMAGE_COLUMNS = (
    "c.image_sha256, c.image_kind, c.image_people, c.image_consent_by, c.image_consent_method, c.image_consent_at"
)


@dataclass(frozen=True)
class ImageMeta:
    """The image columns of a row (IMAGE_COLUMNS): notices and events carry one."""

    image_sha256: str | None
    image_kind: str | None
    image_people: bool
    image_consent_by: str | None
    image_consent_method: str | None
    image_consent_at: datetime | None


@dataclass(frozen=True)
class ContentTable:
    table: str
    columns: str
    # Keyset order: the cursor holds these columns of the last row.
    order_by: tuple[str, ...]
    descending: bool = False
    # What else a row needs before the public may see it (beyond PUBLISHED).
    public_condition: str = "true"


ANY_STATUS = ("DRAFT", "IN_REVIEW", "PUBLISHED", "REJECTED", "ARCHIVED")


def visible(
    cond: Conditions, vis: Visibility, spec: ContentTable, statuses: Sequence[str] | None = None, alias: str = "c"
) -> None:
    """Rows the caller may see: published ones, and for staff rows of `statuses` inside their scope.

    `statuses` None means published only, for everyone: a list promises
    published items unless the caller asks for more.
    """
    public = f"({alias}.status = 'PUBLISHED' AND {spec.public_condition})"
    wanted = [s for s in statuses or () if s != "PUBLISHED"]
    show_public = statuses is None or "PUBLISHED" in statuses
    inside = f"EXISTS (SELECT 1 FROM regions r WHERE r.id = {alias}.region_id AND {{}} = ANY(r.path))"
    if vis.scope_region_id is None:
        cond.add(public if show_public else "false")
    elif statuses is None:
        cond.add(public)
    else:
        # Staff asking for PUBLISHED also see their scope's published items
        # still outside their display window (public_condition).
        own = f"({alias}.status = ANY({{}}::text[]) AND {inside})"
        own_statuses = [*wanted, "PUBLISHED"] if show_public else wanted
        cond.add(f"({public} OR {own})" if show_public else own, own_statuses, vis.scope_region_id)


def for_community(cond: Conditions, community_id: int | None, alias: str = "c") -> None:
    if community_id is not None:
        cond.add(
            f"EXISTS (SELECT 1 FROM regions r WHERE r.id = {{}} AND {alias}.region_id = ANY(r.path))",
            community_id,
        )


def within_region(cond: Conditions, region_id: int | None, alias: str = "c") -> None:
    """Rows scoped to this region or a region inside it: what the office of that region manages."""
    if region_id is not None:
        cond.add(
            f"EXISTS (SELECT 1 FROM regions r WHERE r.id = {alias}.region_id AND {{}} = ANY(r.path))",
            region_id,
        )


def containing(cond: Conditions, term: str | None, *columns: str, alias: str = "c") -> None:
    """Rows where any of `columns` contains `term`, ignoring case (no LIKE: % and _ are plain text)."""
    term = (term or "").strip()
    if term:
        matches = " OR ".join(f"strpos(lower({alias}.{col}), lower({{}})) > 0" for col in columns)
        cond.add(f"({matches})", *[term] * len(columns))


async def by_ids(db: Executor, spec: ContentTable, ids: Sequence[int], vis: Visibility) -> list[asyncpg.Record]:
    cond = Conditions()
    cond.add("c.id = ANY({}::bigint[])", list(ids))
    visible(cond, vis, spec, ANY_STATUS)
    return await db.fetch(f"SELECT {spec.columns} FROM {spec.table} c WHERE {cond.sql}", *cond.args)


async def page(
    db: Executor, spec: ContentTable, cond: Conditions, after: list[Any] | None, limit: int, backward: bool = False
) -> list[asyncpg.Record]:
    """One keyset page of rows matching `cond` (which is left unchanged); backward: before `after`, reversed."""
    args = list(cond.args)

    def param(value: Any) -> str:
        args.append(value)
        return f"${len(args)}"

    keys = ", ".join(f"c.{k}" for k in spec.order_by)
    where = cond.sql
    op, direction = seek(spec.descending, backward)
    if after is not None:
        if len(after) != len(spec.order_by):
            raise ValueError("cursor does not fit this list")
        where += f" AND ({keys}) {op} ({', '.join(param(v) for v in after)})"
    order = ", ".join(f"c.{k} {direction}" for k in spec.order_by)
    return await db.fetch(
        f"SELECT {spec.columns} FROM {spec.table} c WHERE {where} ORDER BY {order} LIMIT {param(limit)}",
        *args,
    )


async def count(db: Executor, spec: ContentTable, cond: Conditions) -> int:
    return int(await db.fetchval(f"SELECT count(*) FROM {spec.table} c WHERE {cond.sql}", *cond.args))


# Revisions: a draft revising a published item, one at a time (content.workflow).


async def revision_of(db: Executor, table: str, item_id: int) -> int | None:
    """The pending revision of a published item, if there is one."""
    found = await db.fetchval(f"SELECT id FROM {table} WHERE revision_of = $1", item_id)
    return int(found) if found is not None else None


async def revised_item_of(db: Executor, table: str, item_id: int) -> int | None:
    """The published item a revision revises; None for an item that is no revision."""
    found = await db.fetchval(f"SELECT revision_of FROM {table} WHERE id = $1", item_id)
    return int(found) if found is not None else None


async def delete_revisions_of(db: Executor, table: str, item_id: int) -> None:
    await db.execute(f"DELETE FROM {table} WHERE revision_of = $1", item_id)
