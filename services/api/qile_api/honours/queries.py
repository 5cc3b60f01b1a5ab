"""Read queries for honours."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.content.queries import content_connection
from qile_api.content.types import STATUS_DESCRIPTION, ContentStatus, statuses_of
from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pk, region_filter_pk
from qile_api.graphql.pagination import AfterArg, BeforeArg, Connection, FirstArg, LastArg, Page
from qile_api.honours.sql import HONOURS, HonourFilter, HonourRow, honour_conditions
from qile_api.honours.types import Honour


@strawberry.input(description="Which honours to list; every field given narrows the list.")
class HonourFilterInput:
    community: relay.GlobalID | None = strawberry.field(
        default=None, description="Honours shown in this community, its own and those from above."
    )
    title: str | None = strawberry.field(default=None, description="e.g. 好邻居.")
    year: int | None = strawberry.field(default=None, description="Only honours awarded for this year.")
    status: list[ContentStatus] | None = strawberry.field(default=None, description=STATUS_DESCRIPTION)
    region: relay.GlobalID | None = strawberry.field(
        default=None,
        description="Honours scoped to this region or one inside it (e.g. your own scope: what your office manages).",
    )
    search: str | None = strawberry.field(
        default=None, description="Title, name or citation contains this text (any case)."
    )


@strawberry.type
class HonourQueries:
    @strawberry.field(
        description="Published honours, newest first; at most 100 a page. "
        "Staff see other review states inside their scope with `filter.status`."
    )
    async def honours(
        self,
        info: Info,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
        filter: Annotated[HonourFilterInput | None, strawberry.argument(description="Narrows the list.")] = None,
    ) -> Connection[Honour]:
        ctx = info.context
        f = filter or HonourFilterInput()
        cond = honour_conditions(
            HonourFilter(
                statuses=statuses_of(f.status),
                community_id=node_pk(f.community, "Community", "filter.community"),
                title=f.title,
                year=f.year,
                region_id=region_filter_pk(f.region, "filter.region"),
                search=f.search,
            ),
            ctx.visibility,
        )
        return await content_connection(
            ctx,
            HONOURS,
            cond,
            Page.of(ctx.settings, first, after, last, before),
            (int,),
            lambda r: Honour.from_row(HonourRow.from_record(r)),
        )
