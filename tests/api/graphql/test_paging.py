"""Connections page forward (`first`/`after`) and backward (`last`/`before`) over the same order."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.api import factories as f
from tests.api.conftest import Api
from tests.api.graphql.test_gate import limit_of

COMMUNITIES = """
query($first: Int, $after: String, $last: Int, $before: String) {
  communities(first: $first, after: $after, last: $last, before: $before) {
    nodes { name }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
NOTICES = """
query($last: Int, $before: String) {
  notices(last: $last, before: $before) { nodes { title } pageInfo { hasPreviousPage startCursor } }
}
"""


async def page(api: Api, **args: Any) -> dict[str, Any]:
    body = await api.gql(COMMUNITIES, args)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["communities"]
    return result


async def test_the_last_page_and_the_ones_before_it_read_the_list_backward(api: Api) -> None:
    # Given the 20 pilot communities, read forward in one page
    everything = [n["name"] for n in (await page(api, first=20))["nodes"]]

    # When the last 8, then the 8 before them, then the rest are asked for
    last = await page(api, last=8)
    middle = await page(api, last=8, before=last["pageInfo"]["startCursor"])
    start = await page(api, last=8, before=middle["pageInfo"]["startCursor"])

    # Then each page keeps the list's order, and together they are the list
    names = [[n["name"] for n in p["nodes"]] for p in (start, middle, last)]
    assert names[0] + names[1] + names[2] == everything
    assert last["pageInfo"]["hasNextPage"] is False and last["pageInfo"]["hasPreviousPage"] is True
    assert middle["pageInfo"]["hasNextPage"] is True
    assert len(names[0]) == 4 and start["pageInfo"]["hasPreviousPage"] is False


async def test_a_cursor_from_a_forward_page_pages_backward(api: Api) -> None:
    forward = await page(api, first=5)
    second = await page(api, first=5, after=forward["pageInfo"]["endCursor"])

    back = await page(api, last=5, before=second["pageInfo"]["startCursor"])

    assert back["nodes"] == forward["nodes"]


async def test_newest_first_lists_page_backward_to_the_oldest(api: Api) -> None:
    # Given notices, newest first
    for i in range(5):
        await f.notice(api.db, "工盛社区", f"通知{i}", start=api.clock.now - timedelta(days=1))

    oldest = (await api.gql(NOTICES, {"last": 2}))["data"]["notices"]
    before = (await api.gql(NOTICES, {"last": 2, "before": oldest["pageInfo"]["startCursor"]}))["data"]["notices"]

    assert [n["title"] for n in oldest["nodes"]] == ["通知1", "通知0"]
    assert [n["title"] for n in before["nodes"]] == ["通知3", "通知2"]
    assert before["pageInfo"]["hasPreviousPage"] is True


@pytest.mark.parametrize(
    ("args", "field"),
    [({"first": 2, "last": 2}, "last"), ({"after": "x", "before": "y"}, "last"), ({"last": 0}, "last")],
)
async def test_mixing_directions_or_a_bad_size_is_bad_input(api: Api, args: dict[str, Any], field: str) -> None:
    body = await api.gql(COMMUNITIES, args)

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == field


async def test_last_costs_what_first_costs(api: Api) -> None:
    def walk(size: str, n: int) -> str:
        below = "subdistrict { communities { subdistrict { communities { subdistrict { communities { name } } } } } }"
        return f"{{ communities({size}: {n}) {{ nodes {{ {below} }} }} }}"

    assert limit_of(await api.gql(walk("first", 100))) == "cost"
    assert limit_of(await api.gql(walk("last", 100))) == "cost"
    assert limit_of(await api.gql(walk("last", 1))) is None
