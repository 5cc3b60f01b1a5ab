"""Honours and events filter by review state like notices: staff inside their scope, the public never."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.content.test_review_queue import QUEUE, in_review, queue

HONOURS = "query($s: [ContentStatus!]) { honours(filter: {status: $s}) { nodes { subjectName status } } }"
EVENTS = "query($s: [ContentStatus!]) { events(filter: {status: $s}) { nodes { title status } } }"


def names(body: dict[str, Any], key: str) -> list[str]:
    assert "errors" not in body, body
    field = "subjectName" if key == "honours" else "title"
    return sorted(n[field] for n in body["data"][key]["nodes"])


async def test_honours_by_state(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    await f.honour(api.db, "工盛社区", "已发布")
    await f.honour(api.db, "工盛社区", "草稿", status="DRAFT")
    await f.honour(api.db, "工盛社区", "审核中", status="IN_REVIEW")
    await f.honour(api.db, "柳毅社区", "别处草稿", status="DRAFT")

    assert names(await api.gql(HONOURS, {"s": None}, token=editor), "honours") == ["已发布"]
    assert names(await api.gql(HONOURS, {"s": ["DRAFT", "IN_REVIEW"]}, token=editor), "honours") == ["审核中", "草稿"]
    assert names(await api.gql(HONOURS, {"s": ["IN_REVIEW"]}), "honours") == []
    assert names(await api.gql(HONOURS, {"s": ["PUBLISHED", "DRAFT"]}), "honours") == ["已发布"]


async def test_events_by_state(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    starts = api.clock.now + timedelta(days=1)
    await f.event(api.db, "工盛社区", "已发布", starts=starts)
    await f.event(api.db, "工盛社区", "退回的", starts=starts, status="REJECTED")
    await f.event(api.db, "张店区", "上级退回的", starts=starts, status="REJECTED")

    assert names(await api.gql(EVENTS, {"s": None}, token=editor), "events") == ["已发布"]
    assert names(await api.gql(EVENTS, {"s": ["REJECTED"]}, token=editor), "events") == ["退回的"]
    assert names(await api.gql(EVENTS, {"s": ["REJECTED"]}), "events") == []


async def test_an_admin_reviews_too_and_a_reviewer_elsewhere_sees_none_of_it(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "张店区")
    elsewhere = await staff.staff(api.db, "elsewhere", "REVIEWER", "淄川区")
    await in_review(api.db, "honours", "工盛社区", "社区的", 10)
    await in_review(api.db, "events", "张店区", "区里的", 20)

    assert await queue(api, admin) == ["区里的", "社区的"]
    assert await queue(api, elsewhere) == []
    assert (await api.gql(QUEUE, {"after": None}, token=elsewhere))["data"]["reviewQueue"]["totalCount"] == 0
