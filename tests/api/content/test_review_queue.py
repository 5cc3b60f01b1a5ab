"""Reviewers find what waits for them; editors find their own items; lists show published unless asked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.content.desk import REJECT, SUBMIT, UPDATE, Desk
from tests.api.permissions.builders import region

QUEUE = """query($after: String) {
  reviewQueue(first: 2, after: $after) {
    totalCount
    nodes { __typename ... on Notice { title submittedBy createdBy }
            ... on Honour { title } ... on Event { title } }
    pageInfo { hasNextPage endCursor }
  }
}"""
MINE = """query($status: [ContentStatus!]) {
  myItems(first: 20, status: $status) {
    totalCount nodes { __typename ... on Notice { title status rejectReason } }
  }
}"""
NOTICES = "query($s: [ContentStatus!]) { notices(first: 50, filter: {status: $s}) { nodes { title status } } }"
ORIGINAL = "query($id: ID!) { node(id: $id) { ... on Notice { title original { title status } } } }"


async def queue(api: Api, token: str) -> list[str]:
    titles: list[str] = []
    after = None
    while True:
        body = await api.gql(QUEUE, {"after": after}, token=token)
        assert "errors" not in body, body
        page = body["data"]["reviewQueue"]
        titles += [n["title"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return titles
        after = page["pageInfo"]["endCursor"]


async def in_review(db: object, table: str, scope: str, title: str, minutes_ago: int, by: int | None = None) -> None:
    """An item in review, submitted `minutes_ago` (straight in the database, to set the instant)."""
    region_id = await f.region_id(db, scope)  # type: ignore[arg-type]
    at = datetime(2026, 11, 28, 2, 0, tzinfo=UTC) - timedelta(minutes=minutes_ago)
    columns = {
        "notices": "(region_id, category, title, body, display_start, status, submitted_at, submitted_by)"
        " VALUES ($1, 'SERVICE', $2, '正文', $3, 'IN_REVIEW', $3, $4)",
        "events": "(region_id, category, title, starts_at, ends_at, status, submitted_at, submitted_by)"
        " VALUES ($1, 'READING', $2, $3::timestamptz, $3::timestamptz + interval '1 hour', 'IN_REVIEW', $3, $4)",
        "honours": "(region_id, title, subject_kind, subject_name, citation, year, status, submitted_at, submitted_by)"
        " VALUES ($1, $2, 'BUILDING', '3号楼', '整洁', 2026, 'IN_REVIEW', $3, $4)",
    }[table]
    await db.execute(f"INSERT INTO {table} {columns}", region_id, title, at, by)  # type: ignore[attr-defined]


async def test_the_queue_holds_what_the_reviewer_may_approve_oldest_first(api: Api) -> None:
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    me = await api.db.fetchval("SELECT id FROM accounts WHERE username = 'reviewer'")
    await in_review(api.db, "notices", "工盛社区", "第三", 10)
    await in_review(api.db, "events", "工盛社区", "第一", 30)
    await in_review(api.db, "honours", "车站街道", "第二", 20)
    await in_review(api.db, "notices", "柳毅社区", "别处的", 40)  # another subdistrict
    await in_review(api.db, "notices", "张店区", "上级的", 50)  # above the reviewer's scope
    await in_review(api.db, "notices", "工盛社区", "自己提交的", 60, by=me)
    await f.notice(api.db, "工盛社区", "草稿", status="DRAFT", start=api.clock.now)

    titles = await queue(api, reviewer)
    count = (await api.gql(QUEUE, {"after": None}, token=reviewer))["data"]["reviewQueue"]["totalCount"]

    assert titles == ["第一", "第二", "第三"]
    assert count == 3


async def test_an_editor_has_no_queue(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    body = await api.gql(QUEUE, {"after": None}, token=editor)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = await api.gql(QUEUE, {"after": None})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_revision_of_an_item_outside_the_scope_is_not_queued(api: Api, desk: Desk) -> None:
    # A district editor revises a published notice of the district, moving the draft into 工盛社区.
    district_editor = await staff.staff(api.db, "district", "EDITOR", "张店区")
    notice_id = await f.notice(api.db, "张店区", "区通知", start=api.clock.now)
    revision = (
        await desk.call(
            UPDATE,
            district_editor,
            id=to_base64("Notice", notice_id),
            version=1,
            title="区通知（修订）",
            scope=await region(api.db, "工盛社区"),
        )
    )["notice"]
    await desk.step(SUBMIT, district_editor, revision)

    assert await queue(api, desk.reviewer) == []
    city_reviewer = await staff.staff(api.db, "city", "REVIEWER", "淄博市")
    assert await queue(api, city_reviewer) == ["区通知（修订）"]
    original = await api.gql(ORIGINAL, {"id": revision["id"]}, token=city_reviewer)
    assert original["data"]["node"]["original"] == {"title": "区通知", "status": "PUBLISHED"}
    assert (await api.gql(ORIGINAL, {"id": revision["id"]}))["data"]["node"] is None


async def test_submitter_and_author_are_shown_to_staff_only(api: Api, desk: Desk) -> None:
    notice = await desk.draft(title="楼道清理")
    await desk.step(SUBMIT, desk.editor, notice)

    body = await api.gql(QUEUE, {"after": None}, token=desk.reviewer)

    assert body["data"]["reviewQueue"]["nodes"] == [
        {"__typename": "Notice", "title": "楼道清理", "submittedBy": "editor", "createdBy": "editor"}
    ]


async def test_lists_show_published_items_unless_staff_ask_for_more(api: Api, desk: Desk) -> None:
    await desk.published(title="已发布")
    draft = await desk.draft(title="草稿")
    await f.notice(api.db, "柳毅社区", "别处草稿", status="DRAFT", start=api.clock.now)

    def titles(body: dict) -> list[str]:  # type: ignore[type-arg]
        return sorted(n["title"] for n in body["data"]["notices"]["nodes"])

    assert titles(await api.gql(NOTICES, {"s": None}, token=desk.editor)) == ["已发布"]
    assert titles(await api.gql(NOTICES, {"s": ["DRAFT"]}, token=desk.editor)) == ["草稿"]
    assert titles(await api.gql(NOTICES, {"s": ["DRAFT", "PUBLISHED"]}, token=desk.editor)) == ["已发布", "草稿"]
    # The public never sees anything but published items, whatever it asks for.
    assert titles(await api.gql(NOTICES, {"s": ["DRAFT"]})) == []
    assert titles(await api.gql(NOTICES, {"s": ["DRAFT", "PUBLISHED"]})) == ["已发布"]
    assert draft["title"] == "草稿"


async def test_my_items_show_state_and_the_reason_for_a_rejection(api: Api, desk: Desk) -> None:
    rejected = await desk.draft(title="被退回")
    rejected = (await desk.step(SUBMIT, desk.editor, rejected))["notice"]
    await desk.step(REJECT, desk.reviewer, rejected, reason="请补充停水时段")
    await desk.draft(title="写了一半")
    await f.notice(api.db, "工盛社区", "别人写的", status="DRAFT", start=api.clock.now)

    everything = (await api.gql(MINE, {"status": None}, token=desk.editor))["data"]["myItems"]
    only_rejected = (await api.gql(MINE, {"status": ["REJECTED"]}, token=desk.editor))["data"]["myItems"]

    assert [n["title"] for n in everything["nodes"]] == ["写了一半", "被退回"]
    assert everything["totalCount"] == 2
    assert only_rejected["nodes"] == [
        {"__typename": "Notice", "title": "被退回", "status": "REJECTED", "rejectReason": "请补充停水时段"}
    ]
