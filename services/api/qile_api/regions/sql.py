"""SQL for the region tree (city → district → subdistrict/town → community)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import seek

_COLUMNS = "id, level, parent_id, name, subdistrict_kind, path, theme_key, pilot, pilot_no, version"


@dataclass(frozen=True)
class RegionRow:
    id: int
    level: str
    parent_id: int | None
    name: str
    subdistrict_kind: str | None
    path: tuple[int, ...]
    theme_key: str | None
    pilot: bool
    pilot_no: int | None
    version: int

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> RegionRow:
        return cls(
            id=r["id"],
            level=r["level"],
            parent_id=r["parent_id"],
            name=r["name"],
            subdistrict_kind=r["subdistrict_kind"],
            path=tuple(r["path"]),
            theme_key=r["theme_key"],
            pilot=r["pilot"],
            pilot_no=r["pilot_no"],
            version=r["version"],
        )


@dataclass(frozen=True)
class CommunityFilter:
    district_id: int | None = None
    subdistrict_id: int | None = None
    theme_key: str | None = None
    pilot: bool | None = None
    name: str | None = None


async def regions_by_ids(db: Executor, ids: Sequence[int]) -> list[RegionRow]:
    rows = await db.fetch(f"SELECT {_COLUMNS} FROM regions WHERE id = ANY($1::bigint[])", list(ids))
    return [RegionRow.from_record(r) for r in rows]


async def regions_by_parents(db: Executor, parent_ids: Sequence[int]) -> list[RegionRow]:
    rows = await db.fetch(
        f"SELECT {_COLUMNS} FROM regions WHERE parent_id = ANY($1::bigint[]) ORDER BY id",
        list(parent_ids),
    )
    return [RegionRow.from_record(r) for r in rows]


async def regions_at_level(db: Executor, level: str) -> list[RegionRow]:
    rows = await db.fetch(f"SELECT {_COLUMNS} FROM regions WHERE level = $1 ORDER BY id", level)
    return [RegionRow.from_record(r) for r in rows]


_COMMUNITY_WHERE = """
level = 'COMMUNITY'
AND ($1::bigint IS NULL OR $1 = ANY(path))
AND ($2::bigint IS NULL OR $2 = ANY(path))
AND ($3::text IS NULL OR theme_key = $3)
AND ($4::boolean IS NULL OR pilot = $4)
AND ($5::text IS NULL OR name = $5)
"""


def _filter_args(f: CommunityFilter) -> tuple[object, ...]:
    return (f.district_id, f.subdistrict_id, f.theme_key, f.pilot, f.name)


async def list_communities(
    db: Executor, f: CommunityFilter, after_id: int | None, limit: int, backward: bool = False
) -> list[RegionRow]:
    op, direction = seek(False, backward)
    rows = await db.fetch(
        f"""SELECT {_COLUMNS} FROM regions
        WHERE {_COMMUNITY_WHERE} AND ($6::bigint IS NULL OR id {op} $6)
        ORDER BY id {direction} LIMIT $7""",
        *_filter_args(f),
        after_id,
        limit,
    )
    return [RegionRow.from_record(r) for r in rows]


async def count_communities(db: Executor, f: CommunityFilter) -> int:
    return int(await db.fetchval(f"SELECT count(*) FROM regions WHERE {_COMMUNITY_WHERE}", *_filter_args(f)))


async def communities_named(db: Executor, name: str) -> list[RegionRow]:
    return await list_communities(db, CommunityFilter(name=name), None, 10)


async def lock_region(db: Executor, region_id: int) -> RegionRow | None:
    row = await db.fetchrow(f"SELECT {_COLUMNS} FROM regions WHERE id = $1 FOR UPDATE", region_id)
    return RegionRow.from_record(row) if row else None


async def update_community(db: Executor, community_id: int, theme_key: str | None, pilot: bool) -> RegionRow:
    row = await db.fetchrow(
        f"""UPDATE regions SET theme_key = $2, pilot = $3, pilot_no = CASE WHEN $3 THEN pilot_no END,
               version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING {_COLUMNS}""",
        community_id,
        theme_key,
        pilot,
    )
    assert row is not None
    return RegionRow.from_record(row)
