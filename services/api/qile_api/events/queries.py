"""Read queries for events."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.content.queries import content_connection
from qile_api.content.types import STATUS_DESCRIPTION, ContentStatus, statuses_of
from qile_api.events.sql import EVENTS, EVENTS_LATEST_FIRST, EventFilter, EventRow, event_conditions
from qile_api.events.types import Event, EventCategory
from qile_api.graphql.context import Info
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import node_pk, region_filter_pk
from qile_api.graphql.pagination import AfterArg, BeforeArg, Connection, FirstArg, LastArg, Page
from qile_api.graphql.times import require_offset
from qile_api.themes.types import ThemeKey


@strawberry.input(description="Which events to list; every field given narrows the list.")
class EventFilterInput:
    community: relay.GlobalID | None = strawberry.field(
        default=None, description="Events for this community, its own and those from above."
    )
    within: relay.GlobalID | None = strawberry.field(
        default=None,
        description="Events scoped to this region or to a region under it "
        "(a subdistrict's own and its communities'), not those from above.",
    )
    theme: ThemeKey | None = strawberry.field(default=None, description="Only events of this theme.")
    category: EventCategory | None = strawberry.field(default=None, description="Only events of this category.")
    large_scale: bool | None = strawberry.field(
        default=None, description="True: large-scale events only (较大规模); false: the others."
    )
    status: list[ContentStatus] | None = strawberry.field(default=None, description=STATUS_DESCRIPTION)


@strawberry.type
class EventQueries:
    @strawberry.field(
        description="Published events overlapping [from, to), in order of start (`latestFirst`: "
        "latest start first); at most 100 a page. Staff see other review states inside their scope "
        "with `filter.status`."
    )
    async def events(
        self,
        info: Info,
        from_: Annotated[
            datetime | None,
            strawberry.argument(name="from", description="Events still going on at or after this instant."),
        ] = None,
        to: Annotated[
            datetime | None, strawberry.argument(description="Events starting before this instant (after `from`).")
        ] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
        filter: Annotated[EventFilterInput | None, strawberry.argument(description="Narrows the list.")] = None,
        latest_first: Annotated[
            bool, strawberry.argument(description="Latest start first, instead of the soonest.")
        ] = False,
    ) -> Connection[Event]:
        ctx = info.context
        require_offset(from_, "from")
        require_offset(to, "to")
        if from_ and to and to <= from_:
            raise BadUserInput("`to` must be after `from`", field="to")
        f = filter or EventFilterInput()
        cond = event_conditions(
            EventFilter(
                statuses=statuses_of(f.status),
                community_id=node_pk(f.community, "Community", "filter.community"),
                within_id=region_filter_pk(f.within, "filter.within"),
                theme_key=f.theme.value if f.theme else None,
                category=f.category.value if f.category else None,
                large_scale=f.large_scale,
                start=from_,
                end=to,
            ),
            ctx.visibility,
        )
        return await content_connection(
            ctx,
            EVENTS_LATEST_FIRST if latest_first else EVENTS,
            cond,
            Page.of(ctx.settings, first, after, last, before),
            (datetime, int),
            lambda r: Event.from_row(EventRow.from_record(r)),
        )
