"""Growing and pruning the region tree: create, rename, retire, and set a community's theme and pilot flag.

The plan starts with 摸清辖区情况: the city's offices keep its tree as it is,
not only the 20 pilots. ADMINs act inside their scope (the parent a region is
created under, or the region changed, must lie in it), never on their own
scope region itself, which is their superior's to change. Every change goes
through the versioned-write primitive and is audited under the mutation's
name. A region is retired, not deleted: its content is archived and what was
recorded in it stays, but it must first be emptied of what still stands
there (live subregions, screens in service, accounts scoped to it), so that
no screen or account is left dangling.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import asyncpg

from qile_api.db.database import Database, Executor
from qile_api.editing import versioned
from qile_api.fields import Field, FieldMap
from qile_api.limits import REGION_NAME
from qile_api.problems import ErrorCode, Problem, Refused, problem
from qile_api.regions import sql
from qile_api.regions.sql import COMMUNITY_TABLE, REGION_TABLE, RegionRow

_LEVEL_LABEL = {"CITY": "市", "DISTRICT": "区县", "SUBDISTRICT": "街道/镇", "COMMUNITY": "社区"}

# What a region is named and, for a subdistrict, whether it is a 街道 or a 镇.
REGION_FIELDS = FieldMap(
    Field("name", text=REGION_NAME),
    Field("kind", column="subdistrict_kind"),
)
# What communityUpdate sets; a community stops being a pilot with its number.
COMMUNITY_FIELDS = FieldMap(
    Field("theme", column="theme_key", nullable=True),
    Field("pilot"),
)


async def create_region(
    db: Database,
    *,
    actor_id: int,
    action: str,
    parent_id: int | None,
    parent_level: str,
    parent_field: str,
    values: Mapping[str, Any],
) -> RegionRow:
    """A new region (`values`: level, name …) under a live parent at `parent_level`, audited as `action`."""
    values = {**values, **REGION_FIELDS.values(values)}
    if problems := REGION_FIELDS.problems(values):
        raise Refused(*problems)
    async with db.transaction() as tx:
        parent = await sql.live_region(tx, parent_id, parent_level)
        if parent is None:
            missing = f"上级{_LEVEL_LABEL[parent_level]}不存在或已撤销"
            raise Refused(problem(ErrorCode.NOT_FOUND, missing, parent_field))
        taken = problem(ErrorCode.DUPLICATE, f"{parent.name}下已有名为“{values['name']}”的区域（含已撤销的）", "name")
        values = {**values, "parent_id": parent.id}
        row = await versioned.create(tx, REGION_TABLE, actor_id=actor_id, action=action, values=values, duplicate=taken)
    return RegionRow.from_record(row)


async def _own(tx: Executor, region_id: int | None, version: int, actor_scope_id: int) -> asyncpg.Record:
    """The region an update or a retirement names, locked, if the caller may change it."""
    if region_id is None:
        raise Refused(problem(ErrorCode.NOT_FOUND, "区县、街道/镇或社区不存在", "id"))
    before = await versioned.locked(tx, REGION_TABLE, region_id, version, exists=lambda r: r["level"] != "CITY")
    if before["id"] == actor_scope_id:
        # One's own scope is one's superior's to change: it would move or end one's own powers.
        message = "不能修改或撤销自己的管辖范围本身，请由上级管理员操作"
        raise Refused(problem(ErrorCode.OUT_OF_SCOPE, message, "id"))
    if before["retired_at"] is not None:
        raise Refused(problem(ErrorCode.INVALID_TRANSITION, f"{before['name']}已撤销", "id"))
    return before


async def update_region(
    db: Database,
    *,
    actor_id: int,
    actor_scope_id: int,
    region_id: int | None,
    version: int,
    changes: Mapping[str, Any],
) -> RegionRow:
    """`regionUpdate`: a new name (`REGION_FIELDS` columns), or a subdistrict's kind."""
    async with db.transaction() as tx:
        before = await _own(tx, region_id, version, actor_scope_id)
        if "subdistrict_kind" in changes and before["level"] != "SUBDISTRICT":
            raise Refused(problem(ErrorCode.INVALID, "只有街道/镇有“街道或镇”之分", "kind"))
        if problems := REGION_FIELDS.problems({**dict(before), **changes}):
            raise Refused(*problems)
        name = changes.get("name", before["name"])
        taken = problem(ErrorCode.DUPLICATE, f"同一上级下已有名为“{name}”的区域（含已撤销的）", "name")
        row = await versioned.rewrite(
            tx, REGION_TABLE, before, actor_id=actor_id, action="regionUpdate", change=changes, duplicate=taken
        )
    return RegionRow.from_record(row)


def _still_standing(row: asyncpg.Record, standing: sql.Standing) -> list[Problem]:
    label = {"DISTRICT": "街道/镇", "SUBDISTRICT": "社区"}.get(row["level"], "下属区域")
    found = []
    if standing.regions:
        found.append(f"还有{standing.regions}个{label}，请先撤销或并入其他区域")
    if standing.screens:
        found.append(f"还有{standing.screens}块在用的屏幕，请先在屏幕管理中停用")
    if standing.accounts:
        found.append(f"还有{standing.accounts}个账号以此为管辖范围，请先调整或停用这些账号")
    return [problem(ErrorCode.INVALID_TRANSITION, f"{row['name']}不能撤销：{p}", "id") for p in found]


async def retire_region(
    db: Database, *, actor_id: int, actor_scope_id: int, region_id: int | None, version: int, now: datetime
) -> RegionRow:
    """`regionRetire`: refused while anything stands in it; archives its content."""
    async with db.transaction() as tx:
        before = await _own(tx, region_id, version, actor_scope_id)
        if problems := _still_standing(before, await sql.standing_in(tx, before["id"])):
            raise Refused(*problems)
        archived = await sql.archive_content_in(tx, before["id"])
        row = await versioned.rewrite(
            tx,
            REGION_TABLE,
            before,
            actor_id=actor_id,
            action="regionRetire",
            change={"retired_at": now},
            # What retiring archived, with the region: worth keeping should it be undone by hand.
            noted={"archived": archived},
        )
    return RegionRow.from_record(row)


async def update_community(
    db: Database, *, actor_id: int, community_id: int, version: int, changes: Mapping[str, Any]
) -> RegionRow:
    """`communityUpdate`: its theme (`COMMUNITY_FIELDS` columns) or pilot flag; no longer a pilot, no pilot number."""
    sets = {**changes, "pilot_no": None} if changes.get("pilot") is False else dict(changes)
    async with db.transaction() as tx:
        row = await versioned.write(
            tx,
            COMMUNITY_TABLE,
            actor_id=actor_id,
            action="communityUpdate",
            row_id=community_id,
            version=version,
            change=sets,
            exists=lambda r: r["level"] == "COMMUNITY",
        )
    return RegionRow.from_record(row)
