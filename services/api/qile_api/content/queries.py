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
    pg: Page,
    key_kinds: tuple[type, ...],
    to_node: Callable[[asyncpg.Record], NodeT],
) -> Connection[NodeT]:
    key = typed_key(pg.cursor, key_kinds)

    async def fetch(limit: int, backward: bool) -> Sequence[asyncpg.Record]:
        return await page(ctx.db, spec, cond, key, limit, backward)

    def sort_key(r: asyncpg.Record) -> list[Any]:
        return plain_key(*(r[k] for k in spec.order_by))

    return await paginate(pg, fetch, lambda: count(ctx.db, spec, cond), to_node, sort_key)
