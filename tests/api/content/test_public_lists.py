"""Public lists of notices, honours and events: published only, filters, paging."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from graphql import GraphQLInterfaceType, GraphQLObjectType, build_schema
from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api.conftest import Api

NOTICES = """
query($filter: NoticeFilterInput, $first: Int, $after: String) {
  notices(filter: $filter, first: $first, after: $after) {
    totalCount nodes { id title status } pageInfo { hasNextPage endCursor }
  }
}
"""
HONOURS = "query($filter: HonourFilterInput) { honours(filter: $filter) { totalCount nodes { subjectName status } } }"
EVENTS = """
query($from: DateTime, $to: DateTime, $filter: EventFilterInput) {
  events(from: $from, to: $to, filter: $filter) { totalCount nodes { title } }
}
"""
NODE = "query($id: ID!) { node(id: $id) { id ... on Notice { title } ... on Honour { subjectName } } }"


async def test_drafts_never_leak_into_public_lists(api: Api) -> None:
    start = api.clock.now - timedelta(hours=1)
    for status in ("DRAFT", "IN_REVIEW", "REJECTED", "ARCHIVED", "PUBLISHED"):
        await f.notice(api.db, "工盛社区", f"通知-{status}", start=start, status=status)
        await f.honour(api.db, "工盛社区", f"人-{status}", status=status)
        await f.event(api.db, "工盛社区", f"活动-{status}", starts=start, status=status)

    notices = (await api.gql(NOTICES))["data"]["notices"]
    honours = (await api.gql(HONOURS))["data"]["honours"]
    events = (await api.gql(EVENTS))["data"]["events"]

    assert f.ids(notices["nodes"]) == ["通知-PUBLISHED"] and notices["totalCount"] == 1
    assert f.ids(honours["nodes"], "subjectName") == ["人-PUBLISHED"] and honours["totalCount"] == 1
    assert f.ids(events["nodes"]) == ["活动-PUBLISHED"] and events["totalCount"] == 1


async def test_a_draft_is_not_reachable_by_its_id_either(api: Api) -> None:
    start = api.clock.now
    draft = await f.notice(api.db, "工盛社区", "草稿", start=start, status="DRAFT")
    published = await f.notice(api.db, "工盛社区", "已发布", start=start)
    draft_honour = await f.honour(api.db, "工盛社区", "未审", status="IN_REVIEW")

    assert (await api.gql(NODE, {"id": to_base64("Notice", draft)}))["data"]["node"] is None
    assert (await api.gql(NODE, {"id": to_base64("Honour", draft_honour)}))["data"]["node"] is None
    found = (await api.gql(NODE, {"id": to_base64("Notice", published)}))["data"]["node"]
    assert found["title"] == "已发布"


async def test_community_filter_includes_what_applies_from_above(api: Api) -> None:
    start = api.clock.now
    for scope in ("工盛社区", "车站街道", "张店区", "淄博市", "柳毅社区"):
        await f.notice(api.db, scope, scope, start=start)
    page = await api.gql('{ communities(filter: {name: "工盛社区"}) { nodes { id } } }')
    community = page["data"]["communities"]["nodes"][0]["id"]

    nodes = (await api.gql(NOTICES, {"filter": {"community": community}}))["data"]["notices"]["nodes"]

    assert sorted(f.ids(nodes)) == sorted(["工盛社区", "车站街道", "张店区", "淄博市"])


async def test_notices_page_newest_first(api: Api) -> None:
    for i in range(5):
        await f.notice(api.db, "淄博市", f"第{i}条", start=api.clock.now)

    first = (await api.gql(NOTICES, {"first": 3}))["data"]["notices"]
    rest = (await api.gql(NOTICES, {"first": 3, "after": first["pageInfo"]["endCursor"]}))["data"]["notices"]

    assert f.ids(first["nodes"]) == ["第4条", "第3条", "第2条"]
    assert f.ids(rest["nodes"]) == ["第1条", "第0条"]
    assert first["pageInfo"]["hasNextPage"] and not rest["pageInfo"]["hasNextPage"]


async def test_events_between_from_and_to(api: Api) -> None:
    now = api.clock.now
    await f.event(api.db, "工盛社区", "今天", starts=now)
    await f.event(api.db, "工盛社区", "下周", starts=now + timedelta(days=7))
    await f.event(api.db, "工盛社区", "下个月", starts=now + timedelta(days=30))

    body = await api.gql(
        EVENTS, {"from": (now + timedelta(days=1)).isoformat(), "to": (now + timedelta(days=20)).isoformat()}
    )

    assert f.ids(body["data"]["events"]["nodes"]) == ["下周"]


async def test_events_range_must_make_sense(api: Api) -> None:
    now = api.clock.now
    backwards = await api.gql(EVENTS, {"from": now.isoformat(), "to": (now - timedelta(days=1)).isoformat()})
    naive = await api.gql(EVENTS, {"from": "2026-12-01T09:00:00"})

    assert backwards["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "to"}
    assert naive["errors"][0]["extensions"]["field"] == "from"


def test_no_output_type_can_return_contact_details() -> None:
    # Staff may write an honour's contact (an input field); nothing reads it back.
    sdl = (Path(__file__).parents[3] / "schema" / "schema.graphql").read_text(encoding="utf-8")
    schema = build_schema(sdl)
    readable = [
        f"{name}.{field}"
        for name, t in schema.type_map.items()
        if isinstance(t, GraphQLObjectType | GraphQLInterfaceType)
        for field in t.fields
        if "contact" in field.lower()
    ]
    assert readable == []
