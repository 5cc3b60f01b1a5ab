"""Read queries for the region tree."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pk
from qile_api.graphql.pagination import AfterArg, BeforeArg, Connection, FirstArg, LastArg, Page, paginate, typed_key
from qile_api.regions.dataloaders import RegionByIdLoader
from qile_api.regions.sql import (
    CommunityFilter,
    count_communities,
    list_communities,
    regions_at_level,
)
from qile_api.regions.types import City, Community, District
from qile_api.themes.types import ThemeKey


@strawberry.input(description="Narrow the communities listed; filters combine with AND.")
class CommunityFilterInput:
    district: relay.GlobalID | None = strawberry.field(default=None, description="Only this district's.")
    subdistrict: relay.GlobalID | None = strawberry.field(default=None, description="Only this subdistrict's.")
    theme: ThemeKey | None = strawberry.field(default=None, description="Only those showing this theme.")
    pilot: bool | None = strawberry.field(default=None, description="True: pilots only; false: the others.")
    name: str | None = strawberry.field(default=None, description="Exact name, e.g. 工盛社区.")

    def to_filter(self) -> CommunityFilter:
        return CommunityFilter(
            district_id=node_pk(self.district, "District", "filter.district"),
            subdistrict_id=node_pk(self.subdistrict, "Subdistrict", "filter.subdistrict"),
            theme_key=self.theme.value if self.theme else None,
            pilot=self.pilot,
            name=self.name,
        )


@strawberry.type
class RegionQueries:
    @strawberry.field(description="淄博市, the root of the region tree.")
    async def city(self, info: Info) -> City:
        (row,) = await regions_at_level(info.context.db, "CITY")
        return City.from_row(row)

    @strawberry.field(description="The city's districts and counties, with their subdistricts.")
    async def districts(self, info: Info) -> list[District]:
        rows = await regions_at_level(info.context.db, "DISTRICT")
        info.context.loaders[RegionByIdLoader].prime_many({r.id: r for r in rows})
        return [District.from_row(r) for r in rows]

    @strawberry.field(description="Communities, in a stable order; at most 100 a page.")
    async def communities(
        self,
        info: Info,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
        filter: Annotated[CommunityFilterInput | None, strawberry.argument(description="Narrows the list.")] = None,
    ) -> Connection[Community]:
        ctx = info.context
        page = Page.of(ctx.settings, first, after, last, before)
        f = filter.to_filter() if filter else CommunityFilter()
        key = typed_key(page.cursor, (int,))

        async def fetch(limit: int, backward: bool) -> list:  # type: ignore[type-arg]
            rows = await list_communities(ctx.db, f, key[0] if key else None, limit, backward)
            ctx.loaders[RegionByIdLoader].prime_many({r.id: r for r in rows})
            return rows

        return await paginate(
            page,
            fetch,
            lambda: count_communities(ctx.db, f),
            Community.from_row,
            lambda r: [r.id],
        )
