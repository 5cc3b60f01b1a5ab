"""GraphQL pieces every kind of content shares."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from qile_api.graphql.context import Info
from qile_api.regions.types import Community, Region, region_from_row


@strawberry.enum(description="Where an item stands in review. Only PUBLISHED items reach the public.")
class ContentStatus(Enum):
    DRAFT = "DRAFT"
    IN_REVIEW = "IN_REVIEW"
    PUBLISHED = "PUBLISHED"
    REJECTED = "REJECTED"
    ARCHIVED = "ARCHIVED"


async def load_region(info: Info, region_id: int) -> Region:
    row = await info.context.loaders.region_by_id.load(region_id)
    assert row is not None, "content always points at an existing region"
    return region_from_row(row)


async def load_community(info: Info, region_id: int) -> Community | None:
    region = await load_region(info, region_id)
    return region if isinstance(region, Community) else None


@strawberry.type
class ContentFields:
    """Fields every content type has: scope, review state, version."""

    row: strawberry.Private[Any]

    @strawberry.field
    def status(self) -> ContentStatus:
        return ContentStatus(self.row.status)

    @strawberry.field
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

    @strawberry.field(description="For a draft revision: the published item it will replace when approved.")
    def revision_of(self) -> relay.GlobalID | None:
        if self.row.revision_of is None:
            return None
        return relay.GlobalID(type(self).__name__, str(self.row.revision_of))
