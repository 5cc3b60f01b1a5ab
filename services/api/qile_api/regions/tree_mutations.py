"""Growing and pruning the region tree: create districts, subdistricts and communities, rename, retire.

The plan starts with 摸清辖区情况: the city's offices keep its tree as it is,
not only the 20 pilots. ADMINs act inside their scope (the parent a region is
created under, or the region changed, must lie in it), never on their own
scope region itself, which is their superior's to change. Every change is
audited under the mutation's name. A region is retired, not deleted: its
content is archived and what was recorded in it stays, but it must first be
emptied of what still stands there (live subregions, screens in service,
accounts scoped to it), so that no screen or account is left dangling.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

import asyncpg
import strawberry
from strawberry import relay

from qile_api.audit.sql import record
from qile_api.content.validation import limited
from qile_api.db.database import Executor
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.ids import REGION_TYPES, pk_of
from qile_api.graphql.payloads import ErrorCode, MutationError, MutationFailed, error
from qile_api.graphql.permissions import ADMINS
from qile_api.limits import REGION_NAME
from qile_api.regions import sql
from qile_api.regions.mutations import CommunityPayload
from qile_api.regions.sql import RegionRow
from qile_api.regions.types import Community, District, Region, Subdistrict, SubdistrictKind, region_from_row
from qile_api.themes.types import ThemeKey

# The GraphQL type each level is known by, in global IDs and the audit log.
_TYPE_OF = {"CITY": "City", "DISTRICT": "District", "SUBDISTRICT": "Subdistrict", "COMMUNITY": "Community"}
_LEVEL_LABEL = {"CITY": "市", "DISTRICT": "区县", "SUBDISTRICT": "街道/镇", "COMMUNITY": "社区"}
_NAME = REGION_NAME.describe(
    "Its name as the city writes it, e.g. 张店区, 车站街道, 工盛社区; unique under its parent."
)


@strawberry.type(description="What `districtCreate` did: the new district, or why not.")
class DistrictPayload:
    district: District | None = strawberry.field(description="The district created.")
    errors: list[MutationError] = errors_field()


@strawberry.type(description="What `subdistrictCreate` did: the new subdistrict or town, or why not.")
class SubdistrictPayload:
    subdistrict: Subdistrict | None = strawberry.field(description="The subdistrict or town created.")
    errors: list[MutationError] = errors_field()


@strawberry.type(description="What `regionUpdate` or `regionRetire` did: the region as it now is, or why not.")
class RegionPayload:
    region: Region | None = strawberry.field(description="The region after the change.")
    errors: list[MutationError] = errors_field()


@strawberry.input(description="A new district or county (区县) of the city.")
class DistrictCreateInput:
    city: relay.GlobalID = strawberry.field(description="The city's global ID (`city { id }`).")
    name: str = strawberry.field(description=_NAME)


@strawberry.input(description="A new subdistrict (街道) or town (镇) of a district.")
class SubdistrictCreateInput:
    district: relay.GlobalID = strawberry.field(description="The district's global ID: one inside your scope.")
    name: str = strawberry.field(description=_NAME)
    kind: SubdistrictKind = strawberry.field(description="街道 or 镇.")


@strawberry.input(description="A new community (社区) of a subdistrict or town.")
class CommunityCreateInput:
    subdistrict: relay.GlobalID = strawberry.field(description="The subdistrict's global ID: one inside your scope.")
    name: str = strawberry.field(description=_NAME)
    theme: ThemeKey | None = strawberry.field(default=None, description="The theme it shows (齐有爱 …), if chosen.")
    pilot: bool = strawberry.field(
        default=False, description="Whether it is a pilot community (试点社区); a new one has no pilot number."
    )


@strawberry.input(description="A region's new name (and, for a subdistrict, whether it is a 街道 or a 镇).")
class RegionUpdateInput:
    id: relay.GlobalID = strawberry.field(description="The district's, subdistrict's or community's global ID.")
    version: int = strawberry.field(description=VERSION_INPUT)
    name: str | None = strawberry.field(default=None, description=_NAME)
    kind: SubdistrictKind | None = strawberry.field(default=None, description="For a subdistrict only: 街道 or 镇.")


@strawberry.input(description="Which region to retire, at which version.")
class RegionRetireInput:
    id: relay.GlobalID = strawberry.field(description="The district's, subdistrict's or community's global ID.")
    version: int = strawberry.field(description=VERSION_INPUT)


def checked_name(value: str | None) -> str:
    """A region's name, trimmed, within its limit (REGION_NAME); refused otherwise."""
    name = (value or "").strip()
    if problems := limited({"name": name}, "name", "name", REGION_NAME):
        raise MutationFailed(*problems)
    return name


async def add_region(tx: Executor, account_id: int, action: str, parent_id: int, **values: object) -> RegionRow:
    """Insert a region under a live parent and audit it as `action`; UniqueViolation for a taken name."""
    row = await sql.insert_region(tx, parent_id=parent_id, **values)  # type: ignore[arg-type]
    await record(
        tx,
        account_id=account_id,
        action=action,
        object_type=_TYPE_OF[row.level],
        object_id=row.id,
        region_id=row.id,
        after=row,
    )
    return row


async def _create(
    info: Info, action: str, parent_gid: relay.GlobalID, parent_level: str, field: str, **values: object
) -> RegionRow:
    """Insert under the parent `parent_gid` names (which must exist, at `parent_level`), and audit."""
    staff = info.context.staff
    assert staff is not None
    async with info.context.db.transaction() as tx:
        parent_pk = pk_of(parent_gid) if parent_gid.type_name in REGION_TYPES else None
        parent = await sql.live_region(tx, parent_pk, parent_level)
        if parent is None:
            raise MutationFailed(error(ErrorCode.NOT_FOUND, f"上级{_LEVEL_LABEL[parent_level]}不存在或已撤销", field))
        try:
            return await add_region(tx, staff.id, action, parent.id, **values)
        except asyncpg.UniqueViolationError as exc:
            taken = f"{parent.name}下已有名为“{values['name']}”的区域（含已撤销的）"
            raise MutationFailed(error(ErrorCode.DUPLICATE, taken, "name")) from exc


async def _lock_own(info: Info, tx: Executor, gid: relay.GlobalID, version: int) -> RegionRow:
    """The region an update or a retirement names, locked, if the caller may change it."""
    staff = info.context.staff
    assert staff is not None
    before = await sql.lock_region(tx, pk_of(gid)) if gid.type_name in REGION_TYPES else None
    if before is None or before.level == "CITY":
        raise MutationFailed(error(ErrorCode.NOT_FOUND, "区县、街道/镇或社区不存在", "id"))
    if before.id == staff.scope_region_id:
        # One's own scope is one's superior's to change: it would move or end one's own powers.
        raise MutationFailed(
            error(ErrorCode.OUT_OF_SCOPE, "不能修改或撤销自己的管辖范围本身，请由上级管理员操作", "id")
        )
    if before.version != version:
        raise MutationFailed(error(ErrorCode.CONFLICT, "区域信息已被他人修改，请刷新后重试", "version"))
    if before.retired_at is not None:
        raise MutationFailed(error(ErrorCode.INVALID_TRANSITION, f"{before.name}已撤销", "id"))
    return before


def _still_standing(row: RegionRow, standing: sql.Standing) -> list[MutationError]:
    label = {"DISTRICT": "街道/镇", "SUBDISTRICT": "社区"}.get(row.level, "下属区域")
    problems = []
    if standing.regions:
        problems.append(f"还有{standing.regions}个{label}，请先撤销或并入其他区域")
    if standing.screens:
        problems.append(f"还有{standing.screens}块在用的屏幕，请先在屏幕管理中停用")
    if standing.accounts:
        problems.append(f"还有{standing.accounts}个账号以此为管辖范围，请先调整或停用这些账号")
    return [error(ErrorCode.INVALID_TRANSITION, f"{row.name}不能撤销：{p}", "id") for p in problems]


@strawberry.type
class RegionTreeMutations:
    @strawberry.mutation(
        permission_classes=ADMINS, description="Add a district or county to the city (ADMIN of the city)."
    )
    async def district_create(self, info: Info, input: Annotated[DistrictCreateInput, INPUT_ARG]) -> DistrictPayload:
        try:
            name = checked_name(input.name)
            row = await _create(info, "districtCreate", input.city, "CITY", "city", level="DISTRICT", name=name)
        except MutationFailed as failed:
            return DistrictPayload(district=None, errors=failed.errors)
        return DistrictPayload(district=District.from_row(row), errors=[])

    @strawberry.mutation(
        permission_classes=ADMINS, description="Add a subdistrict or town to a district inside your scope (ADMIN)."
    )
    async def subdistrict_create(
        self, info: Info, input: Annotated[SubdistrictCreateInput, INPUT_ARG]
    ) -> SubdistrictPayload:
        try:
            row = await _create(
                info,
                "subdistrictCreate",
                input.district,
                "DISTRICT",
                "district",
                level="SUBDISTRICT",
                name=checked_name(input.name),
                subdistrict_kind=input.kind.value,
            )
        except MutationFailed as failed:
            return SubdistrictPayload(subdistrict=None, errors=failed.errors)
        return SubdistrictPayload(subdistrict=Subdistrict.from_row(row), errors=[])

    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Add a community to a subdistrict or town inside your scope, with theme and pilot flag (ADMIN).",
    )
    async def community_create(self, info: Info, input: Annotated[CommunityCreateInput, INPUT_ARG]) -> CommunityPayload:
        try:
            row = await _create(
                info,
                "communityCreate",
                input.subdistrict,
                "SUBDISTRICT",
                "subdistrict",
                level="COMMUNITY",
                name=checked_name(input.name),
                theme_key=input.theme.value if input.theme else None,
                pilot=input.pilot,
            )
        except MutationFailed as failed:
            return CommunityPayload(community=None, errors=failed.errors)
        return CommunityPayload(community=Community.from_row(row), errors=[])

    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Rename a district, subdistrict or community below your scope (ADMIN); "
        "a subdistrict may also become a 街道 or a 镇.",
    )
    async def region_update(self, info: Info, input: Annotated[RegionUpdateInput, INPUT_ARG]) -> RegionPayload:
        staff = info.context.staff
        assert staff is not None
        try:
            async with info.context.db.transaction() as tx:
                before = await _lock_own(info, tx, input.id, input.version)
                if input.kind is not None and before.level != "SUBDISTRICT":
                    raise MutationFailed(error(ErrorCode.INVALID, "只有街道/镇有“街道或镇”之分", "kind"))
                name = before.name if input.name is None else checked_name(input.name)
                kind = input.kind.value if input.kind is not None else before.subdistrict_kind
                try:
                    after = await sql.rename_region(tx, before.id, name, kind)
                except asyncpg.UniqueViolationError as exc:
                    taken = error(ErrorCode.DUPLICATE, f"同一上级下已有名为“{name}”的区域（含已撤销的）", "name")
                    raise MutationFailed(taken) from exc
                await record(
                    tx,
                    account_id=staff.id,
                    action="regionUpdate",
                    object_type=_TYPE_OF[before.level],
                    object_id=before.id,
                    region_id=before.id,
                    before=before,
                    after=after,
                )
        except MutationFailed as failed:
            return RegionPayload(region=None, errors=failed.errors)
        return RegionPayload(region=region_from_row(after), errors=[])

    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Retire (撤销) a district, subdistrict or community below your scope that was merged away or "
        "abolished (ADMIN). Refused while subregions, screens in service or accounts remain in it; its notices, "
        "honours and events are archived; its records and history stay.",
    )
    async def region_retire(self, info: Info, input: Annotated[RegionRetireInput, INPUT_ARG]) -> RegionPayload:
        staff = info.context.staff
        assert staff is not None
        ctx = info.context
        try:
            async with ctx.db.transaction() as tx:
                before = await _lock_own(info, tx, input.id, input.version)
                if problems := _still_standing(before, await sql.standing_in(tx, before.id)):
                    raise MutationFailed(*problems)
                after, archived = await sql.retire_region(tx, before.id, ctx.now())
                await record(
                    tx,
                    account_id=staff.id,
                    action="regionRetire",
                    object_type=_TYPE_OF[before.level],
                    object_id=before.id,
                    region_id=before.id,
                    before=before,
                    # What retiring archived, with the region: worth keeping should it be undone by hand.
                    after={**dataclasses.asdict(after), "archived": archived},
                )
        except MutationFailed as failed:
            return RegionPayload(region=None, errors=failed.errors)
        return RegionPayload(region=region_from_row(after), errors=[])
