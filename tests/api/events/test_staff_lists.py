"""The console's event lists: inside a region (not from above), a week's range, latest first, page by page."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.permissions.builders import gid

LIST = """
query($from: DateTime, $to: DateTime, $filter: EventFilterInput, $first: Int, $after: String, $latest: Boolean!) {
  events(from: $from, to: $to, filter: $filter, first: $first, after: $after, latestFirst: $latest) {
    totalCount pageInfo { hasNextPage endCursor } nodes { title startsAt }
  }
}"""
EVERY_STATUS = ["DRAFT", "IN_REVIEW", "PUBLISHED", "REJECTED", "ARCHIVED"]
# Monday 30 November 2026, 00:00 in Zibo, and the Monday after.
WEEK = ("2026-11-30T00:00:00+08:00", "2026-12-07T00:00:00+08:00")


ZIBO = timezone(timedelta(hours=8))


def zibo(day: int, hour: int, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=ZIBO)


async def titles(api: Api, token: str, **variables: Any) -> list[str]:
    body = await api.gql(LIST, {"latest": False, **variables}, token=token)
    assert "errors" not in body, body
    return [n["title"] for n in body["data"]["events"]["nodes"]]


async def region_gid(api: Api, level: str, name: str) -> str:
    return gid(level, await f.region_id(api.db, name))


async def test_within_a_subdistrict_its_own_and_its_communities_events_not_the_districts(api: Api) -> None:
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    starts = api.clock.now + timedelta(days=1)
    await f.event(api.db, "工盛社区", "社区草稿", starts=starts, status="DRAFT")
    await f.event(api.db, "车站街道", "街道活动", starts=starts)
    await f.event(api.db, "张店区", "区里的活动", starts=starts)
    await f.event(api.db, "柳毅社区", "别的街道的活动", starts=starts)
    subdistrict = await region_gid(api, "Subdistrict", "车站街道")

    everything = await titles(api, reviewer, filter={"status": EVERY_STATUS})
    within = await titles(api, reviewer, filter={"status": EVERY_STATUS, "within": subdistrict})

    assert sorted(everything) == ["别的街道的活动", "区里的活动", "社区草稿", "街道活动"]
    assert sorted(within) == ["社区草稿", "街道活动"]


async def test_within_must_name_a_region(api: Api) -> None:
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")

    body = await api.gql(LIST, {"latest": False, "filter": {"within": gid("Event", 1)}}, token=reviewer)

    assert body["data"] is None and body["errors"][0]["extensions"]["field"] == "filter.within"


async def test_a_calendar_week_holds_what_overlaps_it_in_zibo_time_whatever_its_state(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    # Sunday 22:00 to Monday 01:00: it runs into the week.
    await f.event(api.db, "工盛社区", "跨夜守岁", starts=zibo(29, 22, month=11), hours=3, status="DRAFT")
    # Monday 09:00 in Zibo is Sunday 20:00 in New York: still this week.
    await f.event(api.db, "工盛社区", "周一读书会", starts=zibo(30, 9, month=11), status="IN_REVIEW")
    # Sunday 22:00 to the next Monday 00:00: ends as the next week starts.
    await f.event(api.db, "工盛社区", "周日晚会", starts=zibo(6, 22), status="REJECTED")
    # Sunday 21:00 to 23:00 before the week: ended before it.
    await f.event(api.db, "工盛社区", "上周末", starts=zibo(29, 21, month=11), hours=2)
    await f.event(api.db, "工盛社区", "下周一", starts=zibo(7, 0))
    community = await region_gid(api, "Community", "工盛社区")

    week = await titles(
        api, editor, **{"from": WEEK[0], "to": WEEK[1]}, filter={"status": EVERY_STATUS, "within": community}
    )

    assert week == ["跨夜守岁", "周一读书会", "周日晚会"]


async def test_looking_back_the_latest_first_page_by_page(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    for days_ago in (30, 3, 10):
        await f.event(api.db, "工盛社区", f"{days_ago}天前", starts=api.clock.now - timedelta(days=days_ago))
    await f.event(api.db, "工盛社区", "明天", starts=api.clock.now + timedelta(days=1))
    past = {"to": api.clock.now.isoformat(), "latest": True, "first": 2}

    first = (await api.gql(LIST, past, token=editor))["data"]["events"]
    rest = (await api.gql(LIST, {**past, "after": first["pageInfo"]["endCursor"]}, token=editor))["data"]["events"]

    assert [n["title"] for n in first["nodes"]] == ["3天前", "10天前"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"] is True
    assert [n["title"] for n in rest["nodes"]] == ["30天前"] and rest["pageInfo"]["hasNextPage"] is False
