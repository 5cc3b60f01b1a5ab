"""GraphQL types for screens and their feed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from qile_api.content.image_types import AttachedImage, attached_image
from qile_api.events.sql import EventRow
from qile_api.events.types import Event
from qile_api.graphql.context import Info
from qile_api.graphql.describe import VERSION, describe_values
from qile_api.graphql.ids import node_pks
from qile_api.honours.types import Honour
from qile_api.notices.sql import NoticeRow
from qile_api.notices.types import Notice
from qile_api.regions.dataloaders import RegionByIdLoader
from qile_api.regions.scope import staff_visible
from qile_api.regions.types import Community
from qile_api.screens import health
from qile_api.screens.dataloaders import ScreenByIdLoader, ScreenPrincipalByIdLoader
from qile_api.screens.feed import FeedCache, feed_version
from qile_api.screens.sql import ScreenRow

BRAND = "里仁为美·齐乐融融"


@strawberry.enum(description="BULLETIN: 宣传阅报栏 (notices, events, posters). GALLERY: 好人长廊 (honours, photos).")
class ScreenKind(Enum):
    BULLETIN = "BULLETIN"
    GALLERY = "GALLERY"


describe_values(
    ScreenKind,
    {
        ScreenKind.BULLETIN: "宣传阅报栏: notices and the coming events.",
        ScreenKind.GALLERY: "好人长廊: honours and community activity photos.",
    },
)


@strawberry.enum(description="Whether a screen is in service.")
class ScreenStatus(Enum):
    ACTIVE = "ACTIVE"
    DECOMMISSIONED = "DECOMMISSIONED"


describe_values(
    ScreenStatus,
    {
        ScreenStatus.ACTIVE: "在用: in service; its token works.",
        ScreenStatus.DECOMMISSIONED: "已停用: retired for good; its token no longer works.",
    },
)


@strawberry.type(description="What a screen is given to show now (its feed, as the screen would read it).")
class ScreenShowing:
    version: str = strawberry.field(description="The feed's version now.")
    current: bool | None = strawberry.field(
        description="True when the screen's last heartbeat reported this version (it shows what is listed); "
        "false while it still shows an older one (between polls, or offline); null before any heartbeat."
    )
    notices: list[Notice] = strawberry.field(description="Urgent first, then by priority.")
    honours: list[Honour] = strawberry.field(description="For GALLERY screens.")
    events: list[Event] = strawberry.field(description="Coming events on its schedule; BULLETIN only.")


@strawberry.type(description="A screen standing in a community hall or street.")
class Screen(relay.Node):
    id: relay.NodeID[int]
    row: strawberry.Private[ScreenRow]

    @classmethod
    def from_row(cls, row: ScreenRow) -> Screen:
        return cls(id=row.id, row=row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        # Staff see the screens of their scope; nobody else sees any.
        ids = node_pks(node_ids)
        loaded = await info.context.loaders[ScreenByIdLoader].load_many(ids) if info.context.staff else []
        rows = [r for r in loaded if r is not None]
        visible = await staff_visible(info, ids, rows, lambda s: s.id, lambda s: s.community_id)
        return [cls.from_row(r) if r else None for r in visible]

    @strawberry.field(description="Whether it is in service.")
    def status(self) -> ScreenStatus:
        return ScreenStatus(self.row.status)

    @strawberry.field(description=VERSION)
    def version(self) -> int:
        return self.row.version

    @strawberry.field(description="Its name, e.g. 大厅东屏; unique within the community.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="What it shows: notices and events, or honours.")
    def kind(self) -> ScreenKind:
        return ScreenKind(self.row.kind)

    @strawberry.field(description="Where it stands, e.g. 党群服务中心一楼大厅.")
    def location(self) -> str:
        return self.row.location

    @strawberry.field(description="The community it stands in.")
    async def community(self, info: Info) -> Community:
        row = await info.context.loaders[RegionByIdLoader].load(self.row.community_id)
        assert row is not None
        return Community.from_row(row)

    @strawberry.field(description="When the screen last polled; null if it never has.")
    async def last_seen_at(self, info: Info) -> datetime | None:
        return await health.last_seen_of(info, self.row.id)

    @strawberry.field(description="Seen within about two poll intervals (QILE_SCREEN_ONLINE_SECONDS).")
    async def online(self, info: Info) -> bool:
        return await health.online(info, self.row.id)

    @strawberry.field(description="What the screen reported in its last heartbeat.")
    async def report(self, info: Info) -> health.ScreenReport | None:
        return await health.report_of(info, self.row.id)

    @strawberry.field(
        description="What it is given to show now and whether it shows it; null once decommissioned. "
        "The same feed the screen reads, shared with the screens of its community and kind."
    )
    async def showing(self, info: Info) -> ScreenShowing | None:
        ctx = info.context
        principal = await ctx.loaders[ScreenPrincipalByIdLoader].load(self.row.id)
        if principal is None:
            return None
        content = await ctx.app.held(FeedCache).get(ctx.db, principal, ctx.now())
        version = feed_version(principal, content)
        report = await health.report_of(info, self.row.id)
        return ScreenShowing(
            version=version,
            current=report.content_version == version if report else None,
            notices=[Notice.from_row(r) for r in content.notices],
            honours=[Honour.from_row(r) for r in content.honours],
            events=[Event.from_row(r) for r in content.events],
        )

    @strawberry.field(description="The last screenshot asked for (screenScreenshotRequest) and what came of it.")
    async def screenshot(self, info: Info) -> health.Screenshot | None:
        return await health.screenshot_of(info, self.row.id)


@strawberry.type(
    description="A community activity photo for a gallery screen (好人长廊): a published notice's or "
    "event's photo, with its title as caption."
)
class ActivityPhoto:
    id: relay.GlobalID = strawberry.field(description="The global ID of the notice or event it belongs to.")
    caption: str = strawberry.field(description="The notice's or event's title.")
    happened_at: datetime = strawberry.field(description="When: the event's start, or the notice's display start.")
    row: strawberry.Private[Any]

    @strawberry.field(description="The photo: its url, width and height (kind PHOTO).")
    async def image(self, info: Info) -> AttachedImage:
        found = await attached_image(info, self.row)
        assert found is not None, "the feed lists items whose image is stored"
        return found

    @classmethod
    def of_notice(cls, row: NoticeRow) -> ActivityPhoto:
        return cls(id=relay.GlobalID("Notice", str(row.id)), caption=row.title, happened_at=row.display_start, row=row)

    @classmethod
    def of_event(cls, row: EventRow) -> ActivityPhoto:
        return cls(id=relay.GlobalID("Event", str(row.id)), caption=row.title, happened_at=row.starts_at, row=row)


def activity_photos(notices: Iterable[NoticeRow], events: Iterable[EventRow]) -> list[ActivityPhoto]:
    """A gallery's activity photos, latest first."""
    photos = [*map(ActivityPhoto.of_notice, notices), *map(ActivityPhoto.of_event, events)]
    return sorted(photos, key=lambda p: p.happened_at, reverse=True)


@strawberry.type(description="What one screen shows now. Poll it with `since` set to the last version.")
class ScreenFeed:
    version: str = strawberry.field(
        description="Changes whenever anything this feed shows would change, windows included."
    )
    not_modified: bool = strawberry.field(
        description="True when `since` equals `version`: the lists are then empty; keep showing what you have."
    )
    generated_at: datetime = strawberry.field(description="When this answer was made.")
    valid_until: datetime | None = strawberry.field(
        description="When the clock next changes the feed (an item's window opens or closes), if known."
    )
    screen: Screen = strawberry.field(description="The screen asking.")
    notices: list[Notice] = strawberry.field(description="Urgent first, then by priority.")
    honours: list[Honour] = strawberry.field(description="For GALLERY screens; empty on a BULLETIN.")
    events: list[Event] = strawberry.field(
        description="Events not yet over that start within the horizon (14 days), soonest first; BULLETIN only."
    )
    photos: list[ActivityPhoto] = strawberry.field(
        description="GALLERY only: activity photos of published notices (while shown) and events (from when they "
        "are on the schedule until 30 days after they end), latest first. Posters are not among them: a notice's "
        "or event's `image` with `poster` true is a bulletin's poster slide."
    )
    brand: str = strawberry.field(default=BRAND, description="The city-wide brand shown on every screen.")
