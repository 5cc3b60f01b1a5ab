"""The screen feed query."""

from __future__ import annotations

import strawberry

from qile_api.events.types import Event
from qile_api.graphql.context import Info
from qile_api.graphql.errors import Unauthenticated
from qile_api.graphql.permissions import IsScreen
from qile_api.honours.types import Honour
from qile_api.notices.types import Notice
from qile_api.screens.feed import feed_version
from qile_api.screens.types import Screen, ScreenFeed


@strawberry.type
class ScreenQueries:
    @strawberry.field(
        permission_classes=[IsScreen],
        description="The feed of the screen whose token is sent as `Authorization: Bearer …`.",
    )
    async def screen_feed(self, info: Info, since: str | None = None) -> ScreenFeed:
        ctx = info.context
        principal = await ctx.screen()
        if principal is None:  # IsScreen has let it through; a revoke raced us
            raise Unauthenticated("screen token is invalid or revoked")
        now = ctx.now()
        content = await ctx.app.feed_cache.get(ctx.db, principal, now)
        # The header fields resolve from the cached rows, not the database.
        ctx.loaders.region_by_id.prime_many({r.id: r for r in content.regions})
        ctx.loaders.theme_by_key.prime_many({t.key: t for t in content.themes})
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
        )
