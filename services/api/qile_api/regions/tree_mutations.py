"""The region tree's mutations: create districts, subdistricts and communities, rename, retire (see `regions.tree`)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry import relay

from qile_api.editing.mutations import outcome, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.ids import REGION_TYPES, pk_of
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import ADMINS
from qile_api.limits import REGION_NAME
from qile_api.regions import tree
from qile_api.regions.mutations import CommunityPayload
from qile_api.regions.sql import RegionRow
from qile_api.regions.types import Community, District, Region, Subdistrict, SubdistrictKind, region_from_row
from qile_api.themes.types import ThemeKey

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


def _region_pk(gid: relay.GlobalID) -> int | None:
    return pk_of(gid) if gid.type_name in REGION_TYPES else None


async def _create(
    info: Info, action: str, parent: relay.GlobalID, parent_level: str, field: str, **values: Any
) -> RegionRow:
    return await tree.create_region(
        info.context.db,
        actor_id=signed_in(info).id,
        action=action,
        parent_id=_region_pk(parent),
        parent_level=parent_level,
        parent_field=field,
        values=values,
    )


@strawberry.type
class RegionTreeMutations:
    @strawberry.mutation(
        permission_classes=ADMINS, description="Add a district or county to the city (ADMIN of the city)."
    )
    async def district_create(self, info: Info, input: Annotated[DistrictCreateInput, INPUT_ARG]) -> DistrictPayload:
        op = _create(info, "districtCreate", input.city, "CITY", "city", level="DISTRICT", name=input.name)
        return await outcome(DistrictPayload, "district", District.from_row, op)

    @strawberry.mutation(
        permission_classes=ADMINS, description="Add a subdistrict or town to a district inside your scope (ADMIN)."
    )
    async def subdistrict_create(
        self, info: Info, input: Annotated[SubdistrictCreateInput, INPUT_ARG]
    ) -> SubdistrictPayload:
        op = _create(
            info,
            "subdistrictCreate",
            input.district,
            "DISTRICT",
            "district",
            level="SUBDISTRICT",
            name=input.name,
            subdistrict_kind=input.kind.value,
        )
        return await outcome(SubdistrictPayload, "subdistrict", Subdistrict.from_row, op)

    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Add a community to a subdistrict or town inside your scope, with theme and pilot flag (ADMIN).",
    )
    async def community_create(self, info: Info, input: Annotated[CommunityCreateInput, INPUT_ARG]) -> CommunityPayload:
        op = _create(
            info,
            "communityCreate",
            input.subdistrict,
            "SUBDISTRICT",
            "subdistrict",
            level="COMMUNITY",
            name=input.name,
            theme_key=input.theme.value if input.theme else None,
            pilot=input.pilot,
        )
        return await outcome(CommunityPayload, "community", Community.from_row, op)

    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Rename a district, subdistrict or community below your scope (ADMIN); "
        "a subdistrict may also become a 街道 or a 镇.",
    )
    async def region_update(self, info: Info, input: Annotated[RegionUpdateInput, INPUT_ARG]) -> RegionPayload:
        staff = signed_in(info)
        op = tree.update_region(
            info.context.db,
            actor_id=staff.id,
            actor_scope_id=staff.scope_region_id,
            region_id=_region_pk(input.id),
            version=input.version,
            changes=tree.REGION_FIELDS.changes(given(input)),
        )
        return await outcome(RegionPayload, "region", region_from_row, op)

    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Retire (撤销) a district, subdistrict or community below your scope that was merged away or "
        "abolished (ADMIN). Refused while subregions, screens in service or accounts remain in it; its notices, "
        "honours and events are archived; its records and history stay.",
    )
    async def region_retire(self, info: Info, input: Annotated[RegionRetireInput, INPUT_ARG]) -> RegionPayload:
        staff = signed_in(info)
        op = tree.retire_region(
            info.context.db,
            actor_id=staff.id,
            actor_scope_id=staff.scope_region_id,
            region_id=_region_pk(input.id),
            version=input.version,
            now=info.context.now(),
        )
        return await outcome(RegionPayload, "region", region_from_row, op)
