"""SQL for honours (荣誉) shown in the good people gallery (好人长廊)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from qile_api.content.sql import (
    REVIEW_COLUMNS,
    ContentTable,
    ReviewMeta,
    containing,
    for_community,
    visible,
    within_region,
)
from qile_api.db.database import Executor
from qile_api.db.query import Conditions, fetch_ids
from qile_api.editing.sql import Table
from qile_api.principals import Visibility

# `contact` is deliberately not selected: it never leaves the database
# through a public query or the feed.
# A person or household is shown in public only with their recorded, not
# withdrawn, consent; buildings and merchants need none.
CONSENTED = (
    "(c.subject_kind IN ('BUILDING', 'MERCHANT') "
    "OR (c.consent_given_at IS NOT NULL AND c.consent_withdrawn_at IS NULL))"
)

# Published and shown: what the public sees and what galleries show.
ON_PUBLIC_VIEW = f"c.status = 'PUBLISHED' AND {CONSENTED}"

HONOURS = ContentTable(
    table="honours",
    columns="c.id, c.region_id, c.title, c.subject_kind, c.subject_name, c.citation, "
    "c.photo_sha256, c.year, c.status, c.published_at, c.version, c.updated_at, c.revision_of, c.reject_reason, "
    "c.consent_given_by, c.consent_given_at, c.consent_method, c.consent_withdrawn_at, c.consent_form_sha256, "
    + REVIEW_COLUMNS,
    order_by=("id",),
    descending=True,
    public_condition=CONSENTED,
)


@dataclass(frozen=True)
class HonourRow(ReviewMeta):
    id: int
    region_id: int
    title: str
    subject_kind: str
    subject_name: str
    citation: str
    photo_sha256: str | None
    year: int
    status: str
    published_at: datetime | None
    version: int
    updated_at: datetime
    revision_of: int | None
    reject_reason: str | None
    consent_given_by: str | None
    consent_given_at: datetime | None
    consent_method: str | None
    consent_withdrawn_at: datetime | None
    consent_form_sha256: str | None

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> HonourRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


# What staff edit (content.workflow, honours.consent): `contact` too, which
# an edit merges and keeps, though no row type ever carries it out.
HONOUR_TABLE: Table[HonourRow] = Table(
    name="honours",
    columns=HONOURS.columns + ", c.contact",
    type_name="Honour",
    label="荣誉",
    from_record=HonourRow.from_record,
)


@dataclass(frozen=True)
class HonourFilter:
    # Review statuses staff asked for; None: published only.
    statuses: tuple[str, ...] | None = None
    community_id: int | None = None
    title: str | None = None
    year: int | None = None
    region_id: int | None = None
    search: str | None = None


def honour_conditions(f: HonourFilter, vis: Visibility) -> Conditions:
    cond = Conditions()
    visible(cond, vis, HONOURS, f.statuses)
    for_community(cond, f.community_id)
    within_region(cond, f.region_id)
    containing(cond, f.search, "title", "subject_name", "citation")
    if f.title is not None:
        cond.add("c.title = {}", f.title)
    if f.year is not None:
        cond.add("c.year = {}", f.year)
    return cond


async def feed_honours(db: Executor, path: Sequence[int]) -> list[HonourRow]:
    """Published honours along a community's path, the newest year first."""
    rows = await db.fetch(
        f"""SELECT {HONOURS.columns} FROM honours c
        WHERE c.region_id = ANY($1::bigint[]) AND {ON_PUBLIC_VIEW}
        ORDER BY c.year DESC, c.published_at DESC NULLS LAST, c.id DESC""",
        list(path),
    )
    return [HonourRow.from_record(r) for r in rows]


async def honour_regions(db: Executor, honour_id: int) -> list[int]:
    """The regions a honour touches: its own and, for a revision, its published item's (approving rewrites it)."""
    return await fetch_ids(
        db,
        "SELECT ARRAY[c.region_id, p.region_id] FROM honours c LEFT JOIN honours p ON p.id = c.revision_of "
        "WHERE c.id = $1",
        honour_id,
    )


async def photo_on_public_view(db: Executor, sha256: str) -> bool:
    """The image is the photo of a published honour that may be shown: anyone may fetch it."""
    return bool(
        await db.fetchval(
            f"SELECT EXISTS (SELECT 1 FROM honours c WHERE c.photo_sha256 = $1 AND {ON_PUBLIC_VIEW})",
            sha256,
        )
    )
