"""Relay cursor connections over keyset pagination.

A cursor is the opaque encoding of the sort key of the last row seen, so a
page costs one indexed range scan however deep it is, and rows inserted
meanwhile never shift the pages. Pages go forward (`first`/`after`) or
backward (`last`/`before`) over the same order.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry.relay import PageInfo

from qile_api.graphql.describe import AFTER, BEFORE, FIRST, LAST
from qile_api.graphql.errors import BadUserInput
from qile_api.settings import Settings

T = TypeVar("T")
Row = TypeVar("Row")

_CURSOR_PREFIX = "qile:"


def encode_cursor(key: Sequence[Any]) -> str:
    raw = _CURSOR_PREFIX + json.dumps(list(key), separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str, field: str = "after") -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not raw.startswith(_CURSOR_PREFIX):
            raise ValueError(raw)
        key = json.loads(raw[len(_CURSOR_PREFIX) :])
        if not isinstance(key, list):
            raise ValueError(raw)
        return key
    except ValueError as exc:  # binascii.Error and JSONDecodeError are ValueErrors
        raise BadUserInput(f"`{field}` is not a cursor this API gave out", field=field) from exc


@dataclass(frozen=True)
class Page:
    """Validated `first`/`after` (forward) or `last`/`before` (backward) arguments."""

    limit: int
    cursor: list[Any] | None  # `after` going forward, `before` going backward
    backward: bool = False

    @classmethod
    def from_args(
        cls,
        first: int | None,
        after: str | None,
        *,
        last: int | None = None,
        before: str | None = None,
        default: int,
        maximum: int,
    ) -> Page:
        backward = last is not None or before is not None
        if backward and (first is not None or after is not None):
            raise BadUserInput("page with `first`/`after` or with `last`/`before`, not both", field="last")
        name, asked = ("last", last) if backward else ("first", first)
        limit = default if asked is None else asked
        if not 1 <= limit <= maximum:
            raise BadUserInput(f"`{name}` must be between 1 and {maximum}, got {limit}", field=name)
        cursor = before if backward else after
        return cls(
            limit=limit,
            cursor=decode_cursor(cursor, "before" if backward else "after") if cursor else None,
            backward=backward,
        )

    @classmethod
    def of(
        cls, settings: Settings, first: int | None, after: str | None, last: int | None, before: str | None
    ) -> Page:
        """The page a connection's four arguments ask for, within the configured page sizes."""
        return cls.from_args(
            first, after, last=last, before=before, default=settings.page_size_default, maximum=settings.page_size_max
        )


# The paging arguments every connection takes, described once.
FirstArg = Annotated[int | None, strawberry.argument(description=FIRST)]
AfterArg = Annotated[str | None, strawberry.argument(description=AFTER)]
LastArg = Annotated[int | None, strawberry.argument(description=LAST)]
BeforeArg = Annotated[str | None, strawberry.argument(description=BEFORE)]


@strawberry.type(description="One item of a page, with the cursor to page on from it.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(description="Pass as `after` (or `before`) to page on from this item.")


@strawberry.type(description="A page of a list: its items (`nodes`, or `edges` with cursors) and where it stands.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The page's items, each with its cursor.")
    page_info: PageInfo = strawberry.field(description="Whether pages come before and after, and their cursors.")
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
    fetch: Callable[[int, bool], Awaitable[Sequence[Row]]],
    count: Callable[[], Awaitable[int]],
    to_node: Callable[[Row], T],
    key: Callable[[Row], Sequence[Any]],
) -> Connection[T]:
    """Fetch one row more than asked to learn whether another page exists.

    `fetch(limit, backward)` reads after the page's cursor in the list's
    order, or (backward) before it in the reverse order (`db.query.seek`);
    the caller turns `page.cursor` into its typed sort key (`typed_key`).
    A backward page is turned round here, so pages read the same either way.
    """
    rows = list(await fetch(page.limit + 1, page.backward))
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    if page.backward:
        rows.reverse()
    edges = [Edge(node=to_node(row), cursor=encode_cursor(key(row))) for row in rows]
    beyond_cursor = page.cursor is not None
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=beyond_cursor if page.backward else more,
            has_previous_page=more if page.backward else beyond_cursor,
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
        raise BadUserInput("the cursor is one of another list", field="after")
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
        raise BadUserInput("the cursor is one of another list", field="after") from exc
    return values


def plain_key(*values: Any) -> list[Any]:
    """A sort key as JSON values, for `encode_cursor`."""
    return [v.isoformat() if isinstance(v, datetime) else v for v in values]
