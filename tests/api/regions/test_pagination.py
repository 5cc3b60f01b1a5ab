"""Cursor pagination of communities: edges, limits and filters."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api

PAGE = """
query($first: Int, $after: String, $filter: CommunityFilterInput) {
  communities(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { name pilotNo } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


async def page(api: Api, **variables: Any) -> dict[str, Any]:
    body = await api.gql(PAGE, variables)
    assert "errors" not in body, body
    return body["data"]["communities"]  # type: ignore[no-any-return]


async def test_walking_the_pages_sees_every_community_once(api: Api) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        p = await page(api, first=7, after=after)
        pages += 1
        seen += [e["node"]["name"] for e in p["edges"]]
        assert p["totalCount"] == 20
        assert p["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not p["pageInfo"]["hasNextPage"]:
            break
        after = p["pageInfo"]["endCursor"]
    assert pages == 3
    assert len(seen) == 20 == len(set(seen))


async def test_a_page_exactly_as_long_as_what_is_left_has_no_next(api: Api) -> None:
    p = await page(api, first=20)
    assert len(p["edges"]) == 20
    assert p["pageInfo"]["hasNextPage"] is False

    last = await page(api, first=1, after=p["pageInfo"]["endCursor"])
    assert last["edges"] == []
    assert last["pageInfo"]["hasNextPage"] is False
    assert last["pageInfo"]["endCursor"] is None


async def test_first_is_limited_to_one_hundred(api: Api) -> None:
    assert len((await page(api, first=100))["edges"]) == 20
    for bad in (0, -1, 101, 10_000):
        body = await api.gql(PAGE, {"first": bad})
        assert body["data"] is None
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "between 1 and 100" in error["message"]


async def test_a_foreign_cursor_is_a_clear_error(api: Api) -> None:
    for bad in ("nonsense", "cWlsZTpbIngiXQ==", "cWlsZTpbMSwyXQ=="):  # junk, qile:["x"], qile:[1,2]
        body = await api.gql(PAGE, {"first": 5, "after": bad})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", bad
        assert body["errors"][0]["extensions"]["field"] == "after"


async def test_filters_by_district_subdistrict_and_pilot(api: Api) -> None:
    tree = await api.gql("{ districts { id name subdistricts { id name } } }")
    zhangdian = next(d for d in tree["data"]["districts"] if d["name"] == "张店区")
    chezhan = next(s for s in zhangdian["subdistricts"] if s["name"] == "车站街道")

    in_district = await page(api, filter={"district": zhangdian["id"]})
    in_sub = await page(api, filter={"subdistrict": chezhan["id"], "pilot": True})

    assert in_district["totalCount"] == 4
    assert sorted(e["node"]["name"] for e in in_sub["edges"]) == ["城南社区", "工盛社区"]


async def test_a_district_id_where_a_subdistrict_is_expected_is_refused(api: Api) -> None:
    tree = await api.gql("{ districts { id } }")
    district_id = tree["data"]["districts"][0]["id"]

    body = await api.gql(PAGE, {"filter": {"subdistrict": district_id}})

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_filter_by_theme(api: Api) -> None:
    await api.db.execute("UPDATE regions SET theme_key = 'health' WHERE name IN ('珑山社区', '淄江社区')")

    p = await page(api, filter={"theme": "HEALTH"})

    assert sorted(e["node"]["name"] for e in p["edges"]) == ["淄江社区", "珑山社区"]
