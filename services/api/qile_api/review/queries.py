"""Staff's worklists across notices, honours and events."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Annotated, Any

import strawberry

from qile_api.content.types import ContentStatus, statuses_of
from qile_api.events.dataloaders import EventByIdLoader
from qile_api.events.types import Event
from qile_api.graphql.context import Info
from qile_api.graphql.pagination import (
    AfterArg,
    BeforeArg,
    Connection,
    FirstArg,
    LastArg,
    Page,
    paginate,
    plain_key,
    typed_key,
)
from qile_api.graphql.permissions import REVIEWERS, STAFF
from qile_api.honours.dataloaders import HonourByIdLoader
from qile_api.honours.types import Honour
from qile_api.notices.dataloaders import NoticeByIdLoader
from qile_api.notices.types import Notice
from qile_api.review import sql
from qile_api.review.sql import ItemRef
from qile_api.review.types import ReviewItem

_KEY = (datetime, str, int)


async def _load(info: Info, ref: ItemRef) -> tuple[ItemRef, Any]:
    loaders = info.context.loaders
    if ref.kind == "Notice":
        notice = await loaders[NoticeByIdLoader].load(ref.id)
        return ref, Notice.from_row(notice) if notice else None
    if ref.kind == "Honour":
        honour = await loaders[HonourByIdLoader].load(ref.id)
        return ref, Honour.from_row(honour) if honour else None
    event = await loaders[EventByIdLoader].load(ref.id)
    return ref, Event.from_row(event) if event else None


async def _connection(
    info: Info,
    page: Page,
    fetch: Callable[[list[Any] | None, int, bool], Awaitable[list[ItemRef]]],
    count: Callable[[], Awaitable[int]],
) -> Connection[ReviewItem]:
    async def rows(limit: int, backward: bool) -> Sequence[tuple[ItemRef, Any]]:
        refs = await fetch(typed_key(page.cursor, _KEY), limit, backward)
        # Loaded together: one round trip per kind through the request's loaders.
        loaded = await asyncio.gather(*(_load(info, ref) for ref in refs))
        # The loaders apply the same scope as the list: nothing is dropped in practice.
        return [(ref, node) for ref, node in loaded if node is not None]

    return await paginate(page, rows, count, lambda r: r[1], lambda r: plain_key(r[0].at, r[0].kind, r[0].id))


@strawberry.type
class ReviewQueries:
    @strawberry.field(
        permission_classes=REVIEWERS,
        description="Reviewers: everything in review inside your scope that you may approve (not what you "
        "submitted yourself), oldest submission first, across notices, honours and events.",
    )
    async def review_queue(
        self,
        info: Info,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[ReviewItem]:
        ctx = info.context
        staff = ctx.staff
        assert staff is not None  # REVIEWERS

        async def fetch(key: list[Any] | None, limit: int, backward: bool) -> list[ItemRef]:
            return await sql.review_queue(ctx.db, staff.scope_region_id, staff.id, key, limit, backward)

        page = Page.of(ctx.settings, first, after, last, before)
        return await _connection(
            info, page, fetch, lambda: sql.review_queue_count(ctx.db, staff.scope_region_id, staff.id)
        )

    @strawberry.field(
        permission_classes=STAFF,
        description="Items you wrote or submitted, inside your scope, most recently changed first: drafts, "
        "those in review, and rejected ones with their `rejectReason`.",
    )
    async def my_items(
        self,
        info: Info,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
        status: Annotated[
            list[ContentStatus] | None,
            strawberry.argument(description="Only items in these review states; null for every state."),
        ] = None,
    ) -> Connection[ReviewItem]:
        ctx = info.context
        staff = ctx.staff
        assert staff is not None  # STAFF
        statuses = statuses_of(status)

        async def fetch(key: list[Any] | None, limit: int, backward: bool) -> list[ItemRef]:
            return await sql.own_items(ctx.db, staff.scope_region_id, staff.id, statuses, key, limit, backward)

        return await _connection(
            info,
            Page.of(ctx.settings, first, after, last, before),
            fetch,
            lambda: sql.own_items_count(ctx.db, staff.scope_region_id, staff.id, statuses),
        )
