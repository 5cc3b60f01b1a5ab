"""The CSV export: UTF-8 with BOM, one row per community and criterion."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import quote

import httpx
import pytest

from qile_api.assessment.engine import assess
from qile_api.assessment.export import HEADER, build_csv
from qile_api.assessment.sql import CommunityFacts, ExportCommunity, all_criteria
from qile_api.facilities.sql import FacilityRow
from qile_api.http.csv_cells import BOM
from tests.api import staff
from tests.api.assessment import records as r
from tests.api.conftest import Api

TEAM_CREATE = """
mutation($input: TeamCreateInput!) { teamCreate(input: $input) { team { id } errors { code message } } }
"""
HYPERLINK = '=HYPERLINK("http://e.vil/","x")'


def parse(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:])))


async def test_build_csv_is_pure_and_readable(api: Api) -> None:
    criteria = await all_criteria(api.db)
    now = datetime.now(UTC)
    station = FacilityRow(1, 7, "PRACTICE_STATION", "文明实践站", Decimal("299.9"), None, None, True, 1, now)
    community = ExportCommunity(7, "工盛社区", 1, "张店区", "车站街道", "齐有爱·文明社区")

    rows = parse(build_csv([(community, assess(7, 2026, criteria, CommunityFacts(facilities=[station])))]))

    assert tuple(rows[0]) == HEADER
    assert len(rows) == 1 + len(criteria)
    first = dict(zip(HEADER, rows[1], strict=True))
    assert first == {
        "区县": "张店区",
        "街道/镇": "车站街道",
        "社区": "工盛社区",
        "试点编号": "1",
        "主题": "齐有爱·文明社区",
        "年度": "2026",
        "部分": "1.功能设施",
        "标准项": "facilities.station_area",
        "标准内容": "新时代文明实践站室内建筑面积不少于300平方米",
        "测量值": "299.9",
        "标准值": "300",
        "单位": "平方米",
        "结果": "未达标",
        "依据": "文明实践站（新时代文明实践站）：299.9平方米",
    }
    free = next(row for row in rows[1:] if row[7] == "management.free_of_charge")
    assert (free[9], free[10], free[11], free[12]) == ("100", "100", "%", "达标")


async def test_endpoint_exports_a_district_with_bom(api: Api, reports: httpx.AsyncClient) -> None:
    await r.facility(api.db, "PRACTICE_STATION", indoor="300")
    await r.facility(api.db, "PRACTICE_STATION", indoor="100", community="山水缘社区")  # 淄川区

    response = await reports.get("/reports/assessment.csv", params={"year": "2026", "district": "张店区"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = parse(response.content.decode("utf-8"))
    assert {row[2] for row in rows[1:]} == {"工盛社区", "齐悦国际社区", "柳毅社区", "城南社区"}
    station = next(row for row in rows[1:] if row[2] == "工盛社区" and row[7] == "facilities.station_area")
    assert (station[9], station[12]) == ("300", "达标")


async def test_district_by_global_id_and_whole_city(api: Api, reports: httpx.AsyncClient) -> None:
    districts = (await api.gql("{ districts { id name } }"))["data"]["districts"]
    zichuan = next(d["id"] for d in districts if d["name"] == "淄川区")

    by_id = parse((await reports.get("/reports/assessment.csv", params={"year": "2026", "district": zichuan})).text)
    city = parse((await reports.get("/reports/assessment.csv", params={"year": "2026"})).text)

    assert {row[2] for row in by_id[1:]} == {"山水缘社区", "城里社区", "柳泉社区"}
    assert len({row[2] for row in city[1:]}) == 20


@pytest.mark.parametrize(
    "params",
    [
        {"year": "20x6"},
        {"year": "1999"},
        {"year": "2026", "district": "东城区"},
        {"year": "2026", "district": "Q29tbXVuaXR5OjE="},  # Community:1
    ],
)
async def test_bad_parameters_are_400(reports: httpx.AsyncClient, params: dict[str, str]) -> None:
    assert (await reports.get("/reports/assessment.csv", params=params)).status_code == 400


async def test_export_round_trips_do_not_grow_with_communities(api: Api, reports: httpx.AsyncClient) -> None:
    before = api.queries
    await reports.get("/reports/assessment.csv", params={"year": "2026", "district": "淄川区"})
    district = api.queries - before
    before = api.queries
    await reports.get("/reports/assessment.csv", params={"year": "2026"})
    city = api.queries - before

    assert city == district - 2  # no district to look up, nor to check against the scope


def volunteer_evidence(rows: list[list[str]]) -> str:
    """The evidence cell of 工盛社区's volunteer-team criterion."""
    return next(row[13] for row in rows[1:] if row[2] == "工盛社区" and row[7] == "practice.volunteer_teams")


@pytest.mark.parametrize("name", [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0"])
async def test_a_team_named_like_a_formula_reaches_the_export_as_text(
    api: Api, reports: httpx.AsyncClient, name: str
) -> None:
    # Given an editor who names a volunteer team like a spreadsheet formula
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    team = {"community": await r.community_gid(api), "kind": "VOLUNTEER", "name": name, "members": 12}
    created = await api.gql(TEAM_CREATE, {"input": team}, token=editor)
    assert created["data"]["teamCreate"]["errors"] == []

    # When the office exports the district
    response = await reports.get("/reports/assessment.csv", params={"year": "2026", "district": "张店区"})

    # Then the cell is the name as text, quoted so no spreadsheet evaluates it
    assert volunteer_evidence(parse(response.text)) == f"'{name}（12人）"


@pytest.mark.parametrize("lead", ["\t", "\r"])
async def test_cells_led_by_tab_or_carriage_return_are_defused(api: Api, reports: httpx.AsyncClient, lead: str) -> None:
    # teamCreate trims names; a row written another way (an import, the database) may keep them
    await r.team(api.db, 3, kind="VOLUNTEER", name=f"{lead}=1+1")

    rows = parse((await reports.get("/reports/assessment.csv", params={"year": "2026"})).text)

    assert volunteer_evidence(rows) == f"'{lead}=1+1（3人）"


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"year": "20x6"}, "year 须为2000至2100之间的年份"),
        ({"year": "2026", "district": "东城区"}, "没有名为“东城区”的区县"),
        ({"year": "2026", "district": "Q29tbXVuaXR5OjE="}, "张店区、淄川区"),  # a community's ID: the districts listed
    ],
)
async def test_a_refusal_says_in_chinese_what_to_send(
    reports: httpx.AsyncClient, params: dict[str, str], says: str
) -> None:
    # When the office asks for something the export cannot answer
    response = await reports.get("/reports/assessment.csv", params=params)

    # Then it is a 400 with a sentence in Chinese saying what is wrong
    assert response.status_code == 400
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert says in response.text


async def test_the_plans_short_spelling_names_the_same_district(reports: httpx.AsyncClient) -> None:
    # The plan's pilot list writes 经开区 (item 17) for 经济开发区 (item 19)
    short = await reports.get("/reports/assessment.csv", params={"year": "2026", "district": "经开区"})
    official = await reports.get("/reports/assessment.csv", params={"year": "2026", "district": "经济开发区"})

    assert short.status_code == 200
    assert short.content == official.content
    assert {row[2] for row in parse(short.text)[1:]} == {"盛世康城社区", "鑫盛嘉园社区"}


async def test_a_district_typed_in_a_chinese_windows_console_is_understood(reports: httpx.AsyncClient) -> None:
    # curl in a Chinese Windows console sends what it typed as GBK
    gbk = quote("张店区".encode("gbk"))

    response = await reports.get(f"/reports/assessment.csv?year=2026&district={gbk}")

    assert response.status_code == 200
    assert {row[2] for row in parse(response.text)[1:]} == {"工盛社区", "齐悦国际社区", "柳毅社区", "城南社区"}


async def test_a_district_outside_the_scope_is_refused_in_chinese(api: Api, reports: httpx.AsyncClient) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "张店区")

    response = await reports.get(
        "/reports/assessment.csv",
        params={"year": "2026", "district": "淄川区"},
        headers={"Authorization": f"Bearer {editor}"},
    )

    assert response.status_code == 403
    assert "不在您的管辖范围内" in response.text


async def test_without_a_year_it_is_this_years_in_zibo(api: Api, reports: httpx.AsyncClient) -> None:
    # 31 December 2026 at 17:00 in London is already 2027 in Zibo
    api.clock.now = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)

    response = await reports.get("/reports/assessment.csv", params={"district": "张店区"})

    assert response.status_code == 200
    assert {row[5] for row in parse(response.text)[1:]} == {"2027"}
    assert "2027" in response.headers["content-disposition"]
