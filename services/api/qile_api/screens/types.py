"""GraphQL types for screens and their feed."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from qile_api.events.types import Event
from qile_api.graphql.context import Info
from qile_api.honours.types import Honour
from qile_api.notices.types import Notice
from qile_api.regions.types import Community
from qile_api.screens.sql import ScreenRow

BRAND = "里仁为美·齐乐融融"


@strawberry.enum(description="BULLETIN: 宣传阅报栏 (notices, events). GALLERY: 好人长廊 (honours).")
class ScreenKind(Enum):
    BULLETIN = "BULLETIN"
    GALLERY = "GALLERY"


@strawberry.type(description="A screen standing in a community hall or street.")
class Screen:
    row: strawberry.Private[ScreenRow]

    @strawberry.field
    def name(self) -> str:
        return self.row.name

    @strawberry.field
    def kind(self) -> ScreenKind:
        return ScreenKind(self.row.kind)

    @strawberry.field(description="Where it stands, e.g. 党群服务中心一楼大厅.")
    def location(self) -> str:
        return self.row.location

    @strawberry.field
    async def community(self, info: Info) -> Community:
        row = await info.context.loaders.region_by_id.load(self.row.community_id)
        assert row is not None
        return Community.from_row(row)


@strawberry.type(description="What one screen shows now. Poll it with `since` set to the last version.")
class ScreenFeed:
    version: str = strawberry.field(
        description="Changes whenever anything this feed shows would change, windows included."
    )
    not_modified: bool = strawberry.field(
        description="True when `since` equals `version`: the lists are then empty; keep showing what you have."
    )
    generated_at: datetime
    valid_until: datetime | None = strawberry.field(
        description="When the clock next changes the feed (an item's window opens or closes), if known."
    )
    screen: Screen
    notices: list[Notice] = strawberry.field(description="Urgent first, then by priority.")
    honours: list[Honour] = strawberry.field(description="For GALLERY screens; empty on a BULLETIN.")
    events: list[Event] = strawberry.field(
        description="Events not yet over that start within the horizon (14 days), soonest first; BULLETIN only."
    )
    brand: str = strawberry.field(default=BRAND, description="The city-wide brand shown on every screen.")
