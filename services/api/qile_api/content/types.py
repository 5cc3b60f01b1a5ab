"""GraphQL pieces every kind of content shares."""

from __future__ import annotations

from enum import Enum

import strawberry

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


def int_ids(node_ids: object) -> list[int]:
    """Node ids from global IDs; a non-numeric id simply matches nothing."""
    return [int(i) if isinstance(i, str) and i.isdigit() else 0 for i in node_ids]  # type: ignore[attr-defined]
