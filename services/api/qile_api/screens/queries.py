"""The screen feed (for screens) and the list of screens (for staff)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.events.types import Event
from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pk
from qile_api.graphql.pagination import AfterArg, BeforeArg, Connection, FirstArg, LastArg, Page, paginate, typed_key
from qile_api.graphql.permissions import STAFF
from qile_api.honours.types import Honour
from qile_api.notices.types import Notice
from qile_api.regions.dataloaders import RegionByIdLoader
from qile_api.screens.auth import IsScreen, signed_in_screen
from qile_api.screens.feed import FeedCache, feed_version
from qile_api.screens.sql import count_screens, list_screens
from qile_api.screens.types import Screen, ScreenFeed, ScreenStatus, activity_photos
from qile_api.themes.dataloaders import ThemeByKeyLoader


@strawberry.input(description="Which screens to list.")
class ScreenFilterInput:
    community: relay.GlobalID | None = strawberry.field(default=None, description="Only this community's screens.")
    status: ScreenStatus | None = strawberry.field(default=ScreenStatus.ACTIVE, description="ACTIVE unless asked.")


@strawberry.type
class ScreenQueries:
    @strawberry.field(
        permission_classes=STAFF,
        description="The screens inside your scope, with their health (`online`, `lastSeenAt`, `report`).",
    )
    async def screens(
        self,
        info: Info,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
        filter: Annotated[ScreenFilterInput | None, strawberry.argument(description="Narrows the list.")] = None,
    ) -> Connection[Screen]:
        ctx = info.context
        assert ctx.staff is not None
        scope = ctx.staff.scope_region_id
        f = filter or ScreenFilterInput()
        community = node_pk(f.community, "Community", "filter.community")
        status = f.status.value if f.status else None
        page = Page.of(ctx.settings, first, after, last, before)
        key = typed_key(page.cursor, (int,))
        return await paginate(
            page,
            lambda limit, backward: list_screens(
                ctx.db, scope, community, status, key[0] if key else None, limit, backward
            ),
            lambda: count_screens(ctx.db, scope, community, status),
            Screen.from_row,
            lambda row: [row.id],
        )

    @strawberry.field(
        permission_classes=[IsScreen],
        description="The feed of the screen whose token is sent as `Authorization: Bearer …`.",
    )
    async def screen_feed(
        self,
        info: Info,
        since: Annotated[
            str | None,
            strawberry.argument(description="The `version` of the last feed shown: unchanged, the lists come empty."),
        ] = None,
    ) -> ScreenFeed:
        ctx = info.context
        principal = await signed_in_screen(info)
        now = ctx.now()
        content = await ctx.app.held(FeedCache).get(ctx.db, principal, now)
        # The header fields resolve from the cached rows, not the database.
        ctx.loaders[RegionByIdLoader].prime_many({r.id: r for r in content.regions})
        ctx.loaders[ThemeByKeyLoader].prime_many({t.key: t for t in content.themes})
        version = feed_version(principal, content)
        unchanged = since == version
        return ScreenFeed(
            version=version,
            not_modified=unchanged,
            generated_at=now,
            valid_until=content.valid_until,
            screen=Screen.from_row(principal.screen),
            notices=[] if unchanged else [Notice.from_row(r) for r in content.notices],
            honours=[] if unchanged else [Honour.from_row(r) for r in content.honours],
            events=[] if unchanged else [Event.from_row(r) for r in content.events],
            photos=[] if unchanged else activity_photos(content.photo_notices, content.photo_events),
        )
