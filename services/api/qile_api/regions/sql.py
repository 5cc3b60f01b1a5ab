"""SQL for the region tree (city → district → subdistrict/town → community)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import seek
from qile_api.editing.sql import Table
from qile_api.problems import ErrorCode, Problem, problem

_COLUMNS = "id, level, parent_id, name, subdistrict_kind, path, theme_key, pilot, pilot_no, version, retired_at"


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
    retired_at: datetime | None = None

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
            retired_at=r["retired_at"],
        )


# The GraphQL type each level is known by, in global IDs and the audit log.
TYPE_OF_LEVEL = {"CITY": "City", "DISTRICT": "District", "SUBDISTRICT": "Subdistrict", "COMMUNITY": "Community"}

# What ADMINs change (regionUpdate, regionRetire, communityUpdate), audited under each region's own type.
REGION_TABLE: Table[RegionRow] = Table(
    name="regions",
    columns=_COLUMNS,
    type_name="Region",
    label="区域",
    from_record=RegionRow.from_record,
    region_column="id",
    alias="r",
    type_of=lambda row: TYPE_OF_LEVEL[row["level"]],
)
COMMUNITY_TABLE = dataclasses.replace(REGION_TABLE, type_name="Community", label="社区")


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
    """The children of each parent that still exist (retired ones are left out of the tree)."""
    rows = await db.fetch(
        f"SELECT {_COLUMNS} FROM regions WHERE parent_id = ANY($1::bigint[]) AND retired_at IS NULL ORDER BY id",
        list(parent_ids),
    )
    return [RegionRow.from_record(r) for r in rows]


async def regions_at_level(db: Executor, level: str) -> list[RegionRow]:
    rows = await db.fetch(f"SELECT {_COLUMNS} FROM regions WHERE level = $1 AND retired_at IS NULL ORDER BY id", level)
    return [RegionRow.from_record(r) for r in rows]


_COMMUNITY_WHERE = """
level = 'COMMUNITY' AND retired_at IS NULL
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


async def regions_named(db: Executor, name: str) -> list[RegionRow]:
    """Regions of any level (retired ones too) by their exact name."""
    rows = await db.fetch(f"SELECT {_COLUMNS} FROM regions WHERE name = $1 ORDER BY id", name)
    return [RegionRow.from_record(r) for r in rows]


async def communities_named(db: Executor, name: str) -> list[RegionRow]:
    return await list_communities(db, CommunityFilter(name=name), None, 10)


async def live_region(db: Executor, region_id: int | None, level: str) -> RegionRow | None:
    """The region at `level`, unless it does not exist or was retired."""
    if region_id is None:
        return None
    row = await db.fetchrow(
        f"SELECT {_COLUMNS} FROM regions WHERE id = $1 AND level = $2 AND retired_at IS NULL", region_id, level
    )
    return RegionRow.from_record(row) if row else None


async def city_id(db: Executor) -> int | None:
    found = await db.fetchval("SELECT id FROM regions WHERE level = 'CITY'")
    return int(found) if found is not None else None


async def region_exists(db: Executor, region_id: int | None, field: str = "scope") -> list[Problem]:
    """Nothing new goes into a region that does not exist or was retired (regionRetire)."""
    if region_id is None or not await db.fetchval(
        "SELECT true FROM regions WHERE id = $1 AND retired_at IS NULL", region_id
    ):
        return [problem(ErrorCode.NOT_FOUND, "范围（市、区县、街道/镇或社区）不存在或已撤销", field)]
    return []


async def community_exists(db: Executor, community_id: int | None, field: str = "community") -> list[Problem]:
    """The same for what only a community holds (facilities, screens …)."""
    if community_id is None or await live_region(db, community_id, "COMMUNITY") is None:
        return [problem(ErrorCode.NOT_FOUND, "社区不存在", field)]
    return []


@dataclass(frozen=True)
class Standing:
    """What still stands in a region, and keeps it from being retired."""

    regions: int  # children not retired
    screens: int  # screens in service
    accounts: int  # accounts (not disabled) scoped to it


async def standing_in(db: Executor, region_id: int) -> Standing:
    row = await db.fetchrow(
        """SELECT
            (SELECT count(*) FROM regions WHERE parent_id = $1 AND retired_at IS NULL) AS regions,
            (SELECT count(*) FROM screens WHERE community_id = $1 AND status = 'ACTIVE') AS screens,
            (SELECT count(*) FROM accounts WHERE scope_region_id = $1 AND NOT disabled) AS accounts""",
        region_id,
    )
    assert row is not None
    return Standing(int(row["regions"]), int(row["screens"]), int(row["accounts"]))


async def archive_content_in(db: Executor, region_id: int) -> dict[str, int]:
    """Archive the notices, honours and events scoped to a region; how many of each."""
    archived: dict[str, int] = {}
    for table in ("notices", "honours", "events"):
        status = await db.execute(
            f"""UPDATE {table} SET status = 'ARCHIVED', version = version + 1, updated_at = now()
            WHERE region_id = $1 AND status <> 'ARCHIVED'""",
            region_id,
        )
        archived[table] = int(status.split()[-1])
    return archived
