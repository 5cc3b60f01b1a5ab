"""Reading a staff list to its end, page after page, as the console's 加载更多 does."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api


async def every_page(
    api: Api, token: str, query: str, connection: str, field: str, filter: dict[str, Any]
) -> tuple[list[str], int]:
    """`field` of every node of `connection` (sorted), and the totalCount the last page gave."""
    values: list[str] = []
    after = None
    while True:
        body = await api.gql(query, {"filter": filter, "after": after}, token=token)
        assert "errors" not in body, body
        page = body["data"][connection]
        values += [n[field] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return sorted(values), page["totalCount"]
        after = page["pageInfo"]["endCursor"]
