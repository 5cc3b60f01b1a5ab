"""GraphQL types for notices."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from qile_api.content.image_types import ContentWithImage
from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.graphql.ids import node_pks
from qile_api.notices.dataloaders import NoticeByIdLoader
from qile_api.notices.sql import NoticeRow


@strawberry.enum(description="What a notice is about; `categoryLabel` gives the Chinese name.")
class NoticeCategory(Enum):
    POLICY = "POLICY"
    ANTI_FRAUD = "ANTI_FRAUD"
    SERVICE = "SERVICE"
    ELDERLY_EDUCATION = "ELDERLY_EDUCATION"
    HEALTH = "HEALTH"
    JOBS = "JOBS"
    VOLUNTEER = "VOLUNTEER"
    OTHER = "OTHER"


NOTICE_CATEGORY_LABELS: dict[NoticeCategory, str] = {
    NoticeCategory.POLICY: "政策宣传",
    NoticeCategory.ANTI_FRAUD: "防诈骗",
    NoticeCategory.SERVICE: "便民服务",
    NoticeCategory.ELDERLY_EDUCATION: "老年教育",
    NoticeCategory.HEALTH: "健康科普",
    NoticeCategory.JOBS: "就业培训",
    NoticeCategory.VOLUNTEER: "志愿服务",
    NoticeCategory.OTHER: "通知公告",
}


describe_values(NoticeCategory, NOTICE_CATEGORY_LABELS)


@strawberry.type(description="A notice for the publicity board (宣传阅报栏).")
class Notice(relay.Node, ContentWithImage):
    id: relay.NodeID[int]
    row: strawberry.Private[NoticeRow]

    @classmethod
    def from_row(cls, row: NoticeRow) -> Notice:
        return cls(id=row.id, row=row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        rows = await info.context.loaders[NoticeByIdLoader].load_many(node_pks(node_ids))
        return [cls.from_row(r) if r else None for r in rows]

    @strawberry.field(
        description="Staff: for a draft revision, the published notice it will replace (to compare); null otherwise."
    )
    async def original(self, info: Info) -> Notice | None:
        if self.row.revision_of is None or info.context.staff is None:
            return None
        row = await info.context.loaders[NoticeByIdLoader].load(self.row.revision_of)
        return Notice.from_row(row) if row else None

    @strawberry.field(description="The headline, one line on a screen.")
    def title(self) -> str:
        return self.row.title

    @strawberry.field(description="The full text; screens paginate it.")
    def body(self) -> str:
        return self.row.body

    @strawberry.field(description="What it is about.")
    def category(self) -> NoticeCategory:
        return NoticeCategory(self.row.category)

    @strawberry.field(description="The category's Chinese name, e.g. 防诈骗.")
    def category_label(self) -> str:
        return NOTICE_CATEGORY_LABELS[NoticeCategory(self.row.category)]

    @strawberry.field(description="0 to 100; higher shows earlier.")
    def priority(self) -> int:
        return self.row.priority

    @strawberry.field(description="An urgent notice (紧急通知) preempts the rotation on screens.")
    def urgent(self) -> bool:
        return self.row.urgent

    @strawberry.field(
        description="Urgent and shown alone: while it runs the rest of a screen's rotation waits (else it keeps a "
        "share of the time). Meaningless for a notice that is not urgent."
    )
    def exclusive(self) -> bool:
        return self.row.exclusive

    @strawberry.field(description="Shown on screens from this instant …")
    def display_start(self) -> datetime:
        return self.row.display_start

    @strawberry.field(description="… until this one (exclusive); null for no end (an urgent notice always has one).")
    def display_end(self) -> datetime | None:
        return self.row.display_end
