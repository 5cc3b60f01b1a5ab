"""Relay cursor connections over keyset pagination.

A cursor is the opaque encoding of the sort key of the last row seen, so a
page costs one indexed range scan however deep it is, and rows inserted
meanwhile never shift the pages.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.relay import PageInfo

from qile_api.graphql.errors import BadUserInput

T = TypeVar("T")
Row = TypeVar("Row")

_CURSOR_PREFIX = "qile:"


def encode_cursor(key: Sequence[Any]) -> str:
    raw = _CURSOR_PREFIX + json.dumps(list(key), separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not raw.startswith(_CURSOR_PREFIX):
            raise ValueError(raw)
        key = json.loads(raw[len(_CURSOR_PREFIX) :])
        if not isinstance(key, list):
            raise ValueError(raw)
        return key
    except ValueError as exc:  # binascii.Error and JSONDecodeError are ValueErrors
        raise BadUserInput("`after` is not a cursor this API gave out", field="after") from exc


@dataclass(frozen=True)
class Page:
    """Validated `first`/`after` arguments."""

    limit: int
    after: list[Any] | None

    @classmethod
    def from_args(cls, first: int | None, after: str | None, *, default: int, maximum: int) -> Page:
        limit = default if first is None else first
        if not 1 <= limit <= maximum:
            raise BadUserInput(f"`first` must be between 1 and {maximum}, got {limit}", field="first")
        return cls(limit=limit, after=decode_cursor(after) if after else None)


@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="All items matching the filter, across every page.")
    async def total_count(self) -> int:
        # Counted only when asked for: most screens and lists never do.
        return await self.count()

    @strawberry.field(description="The nodes of this page, without their edges.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


async def paginate(
    page: Page,
    fetch: Callable[[list[Any] | None, int], Awaitable[Sequence[Row]]],
    count: Callable[[], Awaitable[int]],
    to_node: Callable[[Row], T],
    key: Callable[[Row], Sequence[Any]],
) -> Connection[T]:
    """Fetch one row more than asked to learn whether a next page exists."""
    rows = list(await fetch(page.after, page.limit + 1))
    has_next = len(rows) > page.limit
    rows = rows[: page.limit]
    edges = [Edge(node=to_node(row), cursor=encode_cursor(key(row))) for row in rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=page.after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count=count,
    )


def _fits(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63
    return kind is str and isinstance(value, str) and len(value) <= 64


def typed_key(after: list[Any] | None, kinds: tuple[type, ...]) -> list[Any] | None:
    """Turn a decoded cursor back into typed sort-key values for SQL."""
    if after is None:
        return None
    if len(after) != len(kinds):
        raise BadUserInput("`after` is a cursor of another list", field="after")
    values: list[Any] = []
    try:
        for value, kind in zip(after, kinds, strict=True):
            if kind is datetime:
                values.append(datetime.fromisoformat(value))
            elif _fits(value, kind):
                values.append(value)
            else:
                raise TypeError(value)
    except (TypeError, ValueError) as exc:
        raise BadUserInput("`after` is a cursor of another list", field="after") from exc
    return values


def plain_key(*values: Any) -> list[Any]:
    """A sort key as JSON values, for `encode_cursor`."""
    return [v.isoformat() if isinstance(v, datetime) else v for v in values]
