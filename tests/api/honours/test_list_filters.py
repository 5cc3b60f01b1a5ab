"""A staff list of honours narrowed on the server: to a region (what an office manages) and by words.

The console pages through an office's honours; filtering after paging would
give short pages and wrong totals, so both filters are the API's, as for notices.
"""

from __future__ import annotations

from typing import Any

from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.pages import every_page

ALL = ["DRAFT", "IN_REVIEW", "PUBLISHED", "REJECTED", "ARCHIVED"]
LIST = """
query($filter: HonourFilterInput, $after: String) {
  honours(first: 2, after: $after, filter: $filter) {
    totalCount nodes { subjectName } pageInfo { hasNextPage endCursor }
  }
}
"""


async def listed(api: Api, token: str, filter: dict[str, Any]) -> tuple[list[str], int]:
    return await every_page(api, token, LIST, "honours", "subjectName", filter)


async def test_a_region_filter_keeps_the_offices_honours_and_pages_count_them(api: Api) -> None:
    # Given a community's editor, honours of the community in every state, and published ones above and elsewhere
    editor = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    await f.honour(api.db, "工盛社区", "王秀兰", status="DRAFT")
    await f.honour(api.db, "工盛社区", "刘强", status="IN_REVIEW")
    await f.honour(api.db, "工盛社区", "张桂英")
    await f.honour(api.db, "张店区", "区里的好人")
    await f.honour(api.db, "柳毅社区", "别处的好人")
    region = to_base64("Community", await f.region_id(api.db, "工盛社区"))

    # When it lists every state inside its own region, page by page
    names, total = await listed(api, editor, {"status": ALL, "region": region})

    # Then it gets its community's honours only, and the total agrees with the pages
    assert names == sorted(["王秀兰", "刘强", "张桂英"])
    assert total == 3
    # without the filter, published honours from elsewhere are listed too
    assert "别处的好人" in (await listed(api, editor, {"status": ALL}))[0]


async def test_search_matches_title_name_or_citation_in_any_case(api: Api) -> None:
    editor = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    await f.honour(api.db, "工盛社区", "王秀兰", title="好邻居", status="DRAFT")
    await f.honour(api.db, "工盛社区", "3号楼", title="文明楼院")

    async def search(term: str) -> list[str]:
        return (await listed(api, editor, {"status": ALL, "search": term}))[0]

    assert await search("秀兰") == ["王秀兰"]
    assert await search("楼院") == ["3号楼"]
    assert await search("热心") == sorted(["王秀兰", "3号楼"])  # the citation
    assert await search("%") == []  # a percent sign is text, not "anything"
