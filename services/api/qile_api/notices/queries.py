"""Read queries for notices."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.content.queries import content_connection
from qile_api.content.types import STATUS_DESCRIPTION, ContentStatus, statuses_of
from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pk, region_filter_pk
from qile_api.graphql.pagination import AfterArg, BeforeArg, Connection, FirstArg, LastArg, Page
from qile_api.notices.sql import NOTICES, NoticeFilter, NoticeRow, notice_conditions
from qile_api.notices.types import Notice, NoticeCategory


@strawberry.input(description="Which notices to list; every field given narrows the list.")
class NoticeFilterInput:
    community: relay.GlobalID | None = strawberry.field(
        default=None,
        description="Notices that apply to this community: its own and those of its subdistrict, district and city.",
    )
    category: NoticeCategory | None = strawberry.field(default=None, description="Only notices of this category.")
    urgent: bool | None = strawberry.field(default=None, description="True: urgent notices only; false: the others.")
    current: bool | None = strawberry.field(
        default=None, description="True: only those inside their display window now."
    )
    status: list[ContentStatus] | None = strawberry.field(default=None, description=STATUS_DESCRIPTION)
    region: relay.GlobalID | None = strawberry.field(
        default=None,
        description="Notices scoped to this region or one inside it (e.g. your own scope: what your office manages).",
    )
    search: str | None = strawberry.field(default=None, description="Title or body contains this text (any case).")


@strawberry.type
class NoticeQueries:
    @strawberry.field(
        description="Published notices, newest first; at most 100 a page. "
        "Staff see other review states inside their scope with `filter.status`."
    )
    async def notices(
        self,
        info: Info,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
        filter: Annotated[NoticeFilterInput | None, strawberry.argument(description="Narrows the list.")] = None,
    ) -> Connection[Notice]:
        ctx = info.context
        f = filter or NoticeFilterInput()
        cond = notice_conditions(
            NoticeFilter(
                statuses=statuses_of(f.status),
                community_id=node_pk(f.community, "Community", "filter.community"),
                category=f.category.value if f.category else None,
                urgent=f.urgent,
                current_at=ctx.now() if f.current else None,
                region_id=region_filter_pk(f.region, "filter.region"),
                search=f.search,
            ),
            ctx.visibility,
        )
        return await content_connection(
            ctx,
            NOTICES,
            cond,
            Page.of(ctx.settings, first, after, last, before),
            (int,),
            lambda r: Notice.from_row(NoticeRow.from_record(r)),
        )
