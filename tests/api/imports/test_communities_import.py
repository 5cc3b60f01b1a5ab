"""Importing the city's community list: what is missing is created inside the ADMIN's scope, audited."""

from __future__ import annotations

from tests.api import staff
from tests.api.conftest import Api
from tests.api.factories import region_id
from tests.api.imports.sheets import imported, upload, workbook

HEADER = ("区县", "街道/镇", "类型", "社区", "主题", "试点社区")
COMMUNITIES = "{ communities { totalCount } }"


async def total(api: Api) -> int:
    return int((await api.gql(COMMUNITIES))["data"]["communities"]["totalCount"])


async def test_the_city_lists_its_communities_and_the_missing_ones_appear(api: Api) -> None:
    # Given the city administrator's list: two known communities, and new ones in new places
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    data = workbook(
        HEADER,
        [
            ("张店区", "车站街道", None, "工盛社区", None, None),  # there already
            ("经开区", "傅家镇", None, "新村社区", "齐健康", "是"),  # the plan's spelling of 经济开发区
            ("张店区", "车站街道", None, "站北社区", None, None),  # new, in a known subdistrict
            ("文昌湖区", "萌水镇", None, "萌水社区", None, None),  # a new district, and a town in it
        ],
    )

    payload = await imported(api, "communitiesImport", data, admin)

    assert (payload["rows"], payload["created"], payload["existing"], payload["problems"]) == (4, 3, 1, [])
    assert await total(api) == 23
    # The new community sits where the row says, with its theme and pilot flag
    row = await api.db.fetchrow(
        """SELECT c.theme_key, c.pilot, s.name AS subdistrict, s.subdistrict_kind, d.name AS district
        FROM regions c JOIN regions s ON s.id = c.parent_id JOIN regions d ON d.id = s.parent_id
        WHERE c.name = '新村社区'"""
    )
    assert row is not None
    assert tuple(row) == ("health", True, "傅家镇", "TOWN", "经济开发区")
    assert await api.db.fetchval("SELECT subdistrict_kind FROM regions WHERE name = '萌水镇'") == "TOWN"
    # Each region created is audited as its mutation would be, then the import
    actions = [r["action"] for r in await api.db.fetch("SELECT action FROM audit_log ORDER BY id")]
    assert actions == [
        "communityCreate", "communityCreate", "districtCreate", "subdistrictCreate", "communityCreate",
        "communitiesImport",
    ]


async def test_a_district_admin_grows_only_their_district(api: Api) -> None:
    admin = await staff.staff(api.db, "zhangdian", "ADMIN", "张店区")
    data = workbook(
        HEADER,
        [
            ("张店区", "车站街道", None, "站北社区", None, None),
            ("淄川区", "般阳路街道", None, "新社区", None, None),
            ("文昌湖区", "萌水镇", None, "萌水社区", None, None),
            ("淄川区", "将军路街道", None, "山水缘社区", None, None),
        ],
    )

    payload = await imported(api, "communitiesImport", data, admin)

    problems = {(p["row"], p["column"]): p["message"] for p in payload["problems"]}
    assert problems == {
        (3, "社区"): "“般阳路街道”不在您的管辖范围内，不能在其下新建“新社区”",
        (4, "区县"): "“淄博市”不在您的管辖范围内，不能在其下新建“文昌湖区”",
        (5, "社区"): "“山水缘社区”不在您的管辖范围内",
    }
    assert payload["committed"] is False
    assert await total(api) == 20


async def test_repeats_retired_names_and_unclear_kinds_are_refused(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    await api.db.execute("UPDATE regions SET retired_at = now() WHERE name = '城南社区'")
    data = workbook(
        HEADER,
        [
            ("张店区", "车站街道", None, "站北社区", None, None),
            ("张店区", "车站街道", None, "站北社区", None, None),
            ("张店区", "车站街道", None, "城南社区", None, None),
            ("张店区", "新区片", None, "甲社区", None, None),
            ("张店区", "新区片", "街道", "乙" * 31, None, None),
        ],
    )

    payload = await imported(api, "communitiesImport", data, admin)

    problems = {(p["row"], p["column"]): p["message"] for p in payload["problems"]}
    assert problems == {
        (3, "社区"): "与第2行重复",
        (4, "社区"): "车站街道下的“城南社区”已撤销，不能再用此名称",
        (5, "类型"): "“新区片”看不出是街道还是镇，请填写类型",
        (6, "社区"): "名称不能超过30个字（现有31个）",
    }
    assert await api.db.fetchval("SELECT count(*) FROM regions WHERE name = '站北社区'") == 0


async def test_the_list_is_for_admins(api: Api) -> None:
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "淄博市")
    data = workbook(HEADER, [("张店区", "车站街道", None, "站北社区")])
    body = await upload(api, "communitiesImport", data, reviewer)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await region_id(api.db, "工盛社区")
