"""GraphQL types for events (活动)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from qile_api.content.image_types import ContentWithImage
from qile_api.events.dataloaders import EventByIdLoader
from qile_api.events.signups import event_fields
from qile_api.events.signups.types import SIGN_UP_STATE_LABELS, EventAttendance, SignUpState
from qile_api.events.sql import EventRow
from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.graphql.ids import node_pks
from qile_api.themes.types import Theme, load_theme

if TYPE_CHECKING:
    from qile_api.events.series.types import EventSeries


@strawberry.enum(description="The kinds of activity the plan names; `categoryLabel` is the Chinese.")
class EventCategory(Enum):
    NEIGHBOUR_FESTIVAL = "NEIGHBOUR_FESTIVAL"
    COMMUNITY_FEAST = "COMMUNITY_FEAST"
    AFTERNOON_TEA = "AFTERNOON_TEA"
    READING = "READING"
    RECITATION = "RECITATION"
    OUR_FESTIVALS = "OUR_FESTIVALS"
    FITNESS = "FITNESS"
    LECTURE = "LECTURE"
    RECRUITMENT = "RECRUITMENT"
    SKILLS_TRAINING = "SKILLS_TRAINING"
    MARKET = "MARKET"
    VOLUNTEER = "VOLUNTEER"
    OTHER = "OTHER"


EVENT_CATEGORY_LABELS: dict[EventCategory, str] = {
    EventCategory.NEIGHBOUR_FESTIVAL: "邻居节",
    EventCategory.COMMUNITY_FEAST: "百家宴",
    EventCategory.AFTERNOON_TEA: "周末下午茶",
    EventCategory.READING: "读书活动",
    EventCategory.RECITATION: "经典诵读",
    EventCategory.OUR_FESTIVALS: "我们的节日",
    EventCategory.FITNESS: "全民健身",
    EventCategory.LECTURE: "主题讲座",
    EventCategory.RECRUITMENT: "社区招聘",
    EventCategory.SKILLS_TRAINING: "技能培训",
    EventCategory.MARKET: "美德健康新市集",
    EventCategory.VOLUNTEER: "志愿服务",
    EventCategory.OTHER: "社区活动",
}


describe_values(EventCategory, EVENT_CATEGORY_LABELS)
LARGE_SCALE_DESCRIPTION = (
    "A large-scale culture, sports or science event (较大规模的文体科普活动): the reference standard "
    "(part 5, 文化供给) asks a community for at least five a year, and its assessment counts them."
)


@strawberry.type(description="An event on a community's schedule.")
class Event(relay.Node, ContentWithImage):
    id: relay.NodeID[int]
    row: strawberry.Private[EventRow]

    @classmethod
    def from_row(cls, row: EventRow) -> Event:
        return cls(id=row.id, row=row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        rows = await info.context.loaders[EventByIdLoader].load_many(node_pks(node_ids))
        return [cls.from_row(r) if r else None for r in rows]

    @strawberry.field(
        description="Staff: for a draft revision, the published event it will replace (to compare); null otherwise."
    )
    async def original(self, info: Info) -> Event | None:
        if self.row.revision_of is None or info.context.staff is None:
            return None
        row = await info.context.loaders[EventByIdLoader].load(self.row.revision_of)
        return Event.from_row(row) if row else None

    @strawberry.field(description="The series (重复活动) it was made in, if any; null for a revision.")
    async def series(
        self, info: Info
    ) -> Annotated[EventSeries, strawberry.lazy("qile_api.events.series.types")] | None:
        if self.row.series_id is None:
            return None
        from qile_api.events.series.dataloaders import EventSeriesByIdLoader
        from qile_api.events.series.types import EventSeries

        row = await info.context.loaders[EventSeriesByIdLoader].load(self.row.series_id)
        return EventSeries.from_row(row) if row else None

    @strawberry.field(description="Its name, as schedules show it.")
    def title(self) -> str:
        return self.row.title

    @strawberry.field(description="活动介绍: what happens, for whom; may be empty.")
    def description(self) -> str:
        return self.row.description

    @strawberry.field(description="What kind of activity it is.")
    def category(self) -> EventCategory:
        return EventCategory(self.row.category)

    @strawberry.field(description="The category's Chinese name, e.g. 邻居节.")
    def category_label(self) -> str:
        return EVENT_CATEGORY_LABELS[EventCategory(self.row.category)]

    @strawberry.field(description="The theme (齐有爱 …) it belongs to, if any.")
    async def theme(self, info: Info) -> Theme | None:
        return await load_theme(info, self.row.theme_key)

    @strawberry.field(description="地点: where; may be empty.")
    def venue(self) -> str:
        return self.row.venue

    @strawberry.field(description="When it starts, in the city's time.")
    def starts_at(self) -> datetime:
        return self.row.starts_at

    @strawberry.field(description="When it ends, in the city's time.")
    def ends_at(self) -> datetime:
        return self.row.ends_at

    @strawberry.field(description="主办单位.")
    def organiser(self) -> str:
        return self.row.organiser

    @strawberry.field(description=LARGE_SCALE_DESCRIPTION)
    def large_scale(self) -> bool:
        return self.row.large_scale

    @strawberry.field(
        description="How many took part, once it has happened: counted at the door (check-ins and walk-ins, "
        "or staff's correction) where check-ins were recorded, else the number recorded through review."
    )
    async def participants(self, info: Info) -> int | None:
        return await event_fields.participants(info, self.row)

    @strawberry.field(description="报名名额: how many people may sign up; null: no limit.")
    def capacity(self) -> int | None:
        return self.row.capacity

    @strawberry.field(description="When residents may start signing up; null: the event takes no sign-ups.")
    def sign_up_opens_at(self) -> datetime | None:
        return self.row.sign_up_opens_at

    @strawberry.field(description="When sign-up closes; null: the event takes no sign-ups.")
    def sign_up_closes_at(self) -> datetime | None:
        return self.row.sign_up_closes_at

    @strawberry.field(description="Whether residents can sign up now.")
    async def sign_up_state(self, info: Info) -> SignUpState:
        return await event_fields.sign_up_state(info, self.row)

    @strawberry.field(description="The sign-up state in Chinese, e.g. 报名中.")
    async def sign_up_state_label(self, info: Info) -> str:
        return SIGN_UP_STATE_LABELS[await event_fields.sign_up_state(info, self.row)]

    @strawberry.field(description="Places not yet taken by sign-ups; null when there is no limit.")
    async def places_left(self, info: Info) -> int | None:
        return await event_fields.places_left(info, self.row)

    @strawberry.field(
        description="The resident page (报名页) residents open from a QR code: no sign-in, Chinese, for phones. "
        "With `screen` (or when a screen reads its feed) the address names that screen, and its openings "
        "are counted for it."
    )
    async def public_url(
        self,
        info: Info,
        screen: Annotated[
            relay.GlobalID | None, strawberry.argument(description="The Screen whose QR code carries the address.")
        ] = None,
    ) -> str:
        return await event_fields.public_url(info, self.row, screen)

    @strawberry.field(description="Who came, as counted at the door (签到); null until anyone is checked in.")
    async def attendance(self, info: Info) -> EventAttendance | None:
        return await event_fields.attendance(info, self.row)
