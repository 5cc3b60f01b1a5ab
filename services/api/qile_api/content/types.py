"""GraphQL pieces every kind of content shares."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from qile_api.accounts.dataloaders import AccountByIdLoader
from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.regions.dataloaders import RegionByIdLoader
from qile_api.regions.types import Community, Region, load_community, load_region


@strawberry.enum(description="Where an item stands in review. Only PUBLISHED items reach the public.")
class ContentStatus(Enum):
    DRAFT = "DRAFT"
    IN_REVIEW = "IN_REVIEW"
    PUBLISHED = "PUBLISHED"
    REJECTED = "REJECTED"
    ARCHIVED = "ARCHIVED"


STATUS_DESCRIPTION = (
    "Staff: items of these review states inside your scope (published ones from anywhere). "
    "Without it, published items only. The public always sees published items only."
)


describe_values(
    ContentStatus,
    {
        ContentStatus.DRAFT: "草稿: being written; only staff see it.",
        ContentStatus.IN_REVIEW: "待审核: submitted, waiting for a reviewer.",
        ContentStatus.PUBLISHED: "已发布: approved, on screens and public lists (within its dates).",
        ContentStatus.REJECTED: "已退回: sent back with a reason; edit it and submit again.",
        ContentStatus.ARCHIVED: "已归档: taken down for good.",
    },
)


def statuses_of(values: list[ContentStatus] | None) -> tuple[str, ...] | None:
    """The SQL statuses a filter asks for; None (published only) when it asks for none."""
    return tuple(v.value for v in values) if values else None


@strawberry.type
class ContentFields:
    """Fields every content type has: scope, review state, version."""

    row: strawberry.Private[Any]

    @strawberry.field(description="Where it stands in review; the public only ever sees PUBLISHED items.")
    def status(self) -> ContentStatus:
        return ContentStatus(self.row.status)

    @strawberry.field(description="When it was (last) approved for the public; null before that.")
    def published_at(self) -> datetime | None:
        return self.row.published_at  # type: ignore[no-any-return]

    @strawberry.field(description="Where it applies: a community, subdistrict, district or the city.")
    async def scope(self, info: Info) -> Region:
        return await load_region(info, self.row.region_id)

    @strawberry.field(description="The community, when scoped to one.")
    async def community(self, info: Info) -> Community | None:
        return await load_community(info, self.row.region_id)

    @strawberry.field(description="Send it back with an update or a review step; a stale one is a CONFLICT.")
    def version(self) -> int:
        return self.row.version  # type: ignore[no-any-return]

    @strawberry.field(description="退回理由 of the last rejection, while the item is REJECTED.")
    def reject_reason(self) -> str | None:
        return self.row.reject_reason  # type: ignore[no-any-return]

    async def _staff_sees(self, info: Info) -> bool:
        """Who wrote and submitted an item is for staff whose scope holds it."""
        staff = info.context.staff
        if staff is None:
            return False
        region = await info.context.loaders[RegionByIdLoader].load(self.row.region_id)
        return region is not None and staff.scope_region_id in region.path

    async def _username(self, info: Info, account_id: int | None) -> str | None:
        if account_id is None or not await self._staff_sees(info):
            return None
        account = await info.context.loaders[AccountByIdLoader].load(account_id)
        return account.username if account else None

    @strawberry.field(description="Staff: the username that wrote it (null for the public).")
    async def created_by(self, info: Info) -> str | None:
        return await self._username(info, self.row.created_by)

    @strawberry.field(description="Staff: the username that last submitted it for review (null for the public).")
    async def submitted_by(self, info: Info) -> str | None:
        return await self._username(info, self.row.submitted_by)

    @strawberry.field(description="Staff: when it was last submitted for review; the review queue is oldest first.")
    async def submitted_at(self, info: Info) -> datetime | None:
        return self.row.submitted_at if await self._staff_sees(info) else None  # type: ignore[no-any-return]

    @strawberry.field(description="When it last changed.")
    def updated_at(self) -> datetime:
        return self.row.updated_at  # type: ignore[no-any-return]

    @strawberry.field(description="For a draft revision: the published item it will replace when approved.")
    def revision_of(self) -> relay.GlobalID | None:
        if self.row.revision_of is None:
            return None
        return relay.GlobalID(type(self).__name__, str(self.row.revision_of))
