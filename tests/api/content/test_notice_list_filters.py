"""A staff list of notices narrowed on the server: to a region (what an office manages) and by words.

The console lists an office's notices page by page; filtering after paging
would give short pages and wrong totals, so both filters are the API's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.pages import every_page

ALL = ["DRAFT", "IN_REVIEW", "PUBLISHED", "REJECTED", "ARCHIVED"]
LIST = """
query($filter: NoticeFilterInput, $after: String) {
  notices(first: 2, after: $after, filter: $filter) {
    totalCount nodes { title } pageInfo { hasNextPage endCursor }
  }
}
"""


async def listed(api: Api, token: str, filter: dict[str, Any]) -> tuple[list[str], int]:
    return await every_page(api, token, LIST, "notices", "title", filter)


async def test_a_region_filter_keeps_what_lies_inside_the_region_and_pages_count_it(api: Api) -> None:
    # Given a subdistrict's reviewer, notices in its communities, and published ones above and elsewhere
    reviewer = await staff.staff(api.db, "chezhan", "REVIEWER", "车站街道")
    start = api.clock.now - timedelta(hours=1)
    await f.notice(api.db, "工盛社区", "社区草稿", start=start, status="DRAFT")
    await f.notice(api.db, "工盛社区", "社区已发布", start=start)
    await f.notice(api.db, "车站街道", "街道待审", start=start, status="IN_REVIEW")
    await f.notice(api.db, "张店区", "区里已发布", start=start)
    await f.notice(api.db, "柳毅社区", "别处已发布", start=start)
    region = to_base64("Subdistrict", await f.region_id(api.db, "车站街道"))

    # When it lists every state inside its own region, page by page
    titles, total = await listed(api, reviewer, {"status": ALL, "region": region})

    # Then it gets its office's notices only, and the total agrees with the pages
    assert titles == ["社区已发布", "社区草稿", "街道待审"]
    assert total == 3
    # without the filter, published notices from anywhere are listed too (a city-wide one applies everywhere)
    assert "别处已发布" in (await listed(api, reviewer, {"status": ALL}))[0]


async def test_search_matches_title_or_body_in_any_case_with_no_wildcards(api: Api) -> None:
    editor = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    start = api.clock.now - timedelta(hours=1)
    await f.notice(api.db, "工盛社区", "3号楼周四停水", start=start, status="DRAFT")
    await f.notice(api.db, "工盛社区", "义诊通知", body="带好医保卡，扫码APP预约", start=start)
    await f.notice(api.db, "工盛社区", "100%中奖是诈骗", start=start, status="REJECTED")

    async def search(term: str) -> list[str]:
        return (await listed(api, editor, {"status": ALL, "search": term}))[0]

    assert await search("停水") == ["3号楼周四停水"]
    assert await search("app") == ["义诊通知"]  # in the body, any case
    assert await search("100%") == ["100%中奖是诈骗"]
    assert await search("%") == ["100%中奖是诈骗"]  # a percent sign is text, not "anything"
    assert await search("  ") == sorted(["3号楼周四停水", "义诊通知", "100%中奖是诈骗"])


async def test_a_region_filter_naming_something_else_is_refused(api: Api) -> None:
    editor = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    body = await api.gql(LIST, {"filter": {"region": to_base64("Notice", 1)}}, token=editor)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
