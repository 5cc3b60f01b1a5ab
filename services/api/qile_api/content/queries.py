"""The list query shape every content type shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import asyncpg

from qile_api.content.sql import ContentTable, count, page
from qile_api.db.query import Conditions
from qile_api.graphql.context import Context
from qile_api.graphql.pagination import Connection, Page, paginate, plain_key, typed_key

NodeT = TypeVar("NodeT")


async def content_connection(
    ctx: Context,
    spec: ContentTable,
    cond: Conditions,
    first: int | None,
    after: str | None,
    key_kinds: tuple[type, ...],
    to_node: Callable[[asyncpg.Record], NodeT],
) -> Connection[NodeT]:
    pg = Page.from_args(first, after, default=ctx.settings.page_size_default, maximum=ctx.settings.page_size_max)
    key = typed_key(pg.after, key_kinds)

    async def fetch(_: object, limit: int) -> Sequence[asyncpg.Record]:
        return await page(ctx.db, spec, cond, key, limit)

    def sort_key(r: asyncpg.Record) -> list[Any]:
        return plain_key(*(r[k] for k in spec.order_by))

    return await paginate(pg, fetch, lambda: count(ctx.db, spec, cond), to_node, sort_key)
