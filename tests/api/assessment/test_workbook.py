"""The assessment as a workbook: 汇总 (one row per community, counts per part) and 明细 (the CSV's rows)."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from qile_api.http.csv_cells import BOM
from tests.api import staff
from tests.api.assessment import records as r
from tests.api.conftest import Api

XLSX = "/reports/assessment.xlsx"
HYPERLINK = '=HYPERLINK("http://e.vil/","x")'


@pytest.fixture
async def reports(api: Api) -> AsyncIterator[httpx.AsyncClient]:
    """The app's report endpoints, signed in as the city reviewer of this suite."""
    headers = {"Authorization": f"Bearer {api.default_token}"}
    transport = httpx.ASGITransport(app=api.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://qile.test", headers=headers) as client:
        yield client


def sheet(content: bytes, title: str) -> list[dict[str, Any]]:
    """A sheet's rows as the office reads them: header cell → value."""
    ws = load_workbook(io.BytesIO(content))[title]
    assert isinstance(ws, Worksheet)
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


async def test_the_summary_has_one_row_per_community_counted_as_the_assessment_counts(
    api: Api, reports: httpx.AsyncClient
) -> None:
    # Given a practice station big enough and one too small elsewhere in the district
    await r.facility(api.db, "PRACTICE_STATION", indoor="300")
    await r.facility(api.db, "READING_ROOM")
    await r.attestation(api.db, "civility.environment", True)

    # When the office downloads the district's workbook
    response = await reports.get(XLSX, params={"year": "2026", "district": "张店区"})

    # Then it is a workbook to save, named for the year
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "assessment-2026.xlsx" in response.headers["content-disposition"]
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["汇总", "明细"]
    summary = sheet(response.content, "汇总")
    assert sorted(row["社区"] for row in summary) == sorted(["工盛社区", "齐悦国际社区", "柳毅社区", "城南社区"])

    # And 工盛社区's row reads, part by part, what the GraphQL assessment counts
    gongsheng = next(row for row in summary if row["社区"] == "工盛社区")
    assert (gongsheng["区县"], gongsheng["街道/镇"], gongsheng["试点编号"], gongsheng["年度"]) == (
        "张店区",
        "车站街道",
        1,
        2026,
    )
    assessed = await r.assessment(api)
    for part in assessed["parts"]:
        group = f"{part['number']}.{part['name']}"
        counts = part["counts"]
        assert (gongsheng[f"{group} 达标"], gongsheng[f"{group} 未达标"], gongsheng[f"{group} 数据不足"]) == (
            counts["met"],
            counts["notMet"],
            counts["unknown"],
        ), group
    total = assessed["counts"]
    assert (gongsheng["合计 达标"], gongsheng["合计 未达标"], gongsheng["合计 数据不足"]) == (
        total["met"],
        total["notMet"],
        total["unknown"],
    )
    assert gongsheng["1.功能设施 达标"] >= 1
    assert gongsheng["达标率"] == pytest.approx(total["progress"], abs=0.001)


async def test_the_detailed_sheet_is_the_csv(api: Api, reports: httpx.AsyncClient) -> None:
    await r.facility(api.db, "PRACTICE_STATION", indoor="299.9")
    params = {"year": "2026", "district": "淄川区"}

    workbook = await reports.get(XLSX, params=params)
    text = (await reports.get("/reports/assessment.csv", params=params)).text

    csv_rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    ws = load_workbook(io.BytesIO(workbook.content))["明细"]
    xlsx_rows = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    assert xlsx_rows == csv_rows
    # Numbers stay numbers for the office's sums
    assert xlsx_rows[0][9] == "测量值"


async def test_measured_values_are_numbers(api: Api, reports: httpx.AsyncClient) -> None:
    await r.facility(api.db, "PRACTICE_STATION", indoor="299.9")

    response = await reports.get(XLSX, params={"year": "2026", "district": "张店区"})

    station = next(
        row
        for row in sheet(response.content, "明细")
        if row["社区"] == "工盛社区" and row["标准项"] == "facilities.station_area"
    )
    assert (station["测量值"], station["标准值"], station["结果"]) == (299.9, 300, "未达标")


async def test_a_team_named_like_a_formula_stays_text(api: Api, reports: httpx.AsyncClient) -> None:
    # Given a volunteer team named like a spreadsheet formula
    await r.team(api.db, 12, kind="VOLUNTEER", name=HYPERLINK)

    # When the office opens the workbook
    response = await reports.get(XLSX, params={"year": "2026", "district": "张店区"})

    # Then the cell holds the name as text, not a formula
    ws = load_workbook(io.BytesIO(response.content))["明细"]
    cells = [row[13] for row in ws.iter_rows(min_row=2) if row[7].value == "practice.volunteer_teams"]
    evidence = next(c for c in cells if c.value)
    assert evidence.value == f"{HYPERLINK}（12人）"
    assert evidence.data_type == "s"


async def test_the_same_rules_as_the_csv(api: Api, reports: httpx.AsyncClient) -> None:
    # The plan's spelling of a district
    short = await reports.get(XLSX, params={"year": "2026", "district": "经开区"})
    assert {row["社区"] for row in sheet(short.content, "汇总")} == {"盛世康城社区", "鑫盛嘉园社区"}
    # Without a district: the caller's scope
    city = await reports.get(XLSX, params={"year": "2026"})
    assert len(sheet(city.content, "汇总")) == 20
    # A refusal in Chinese
    bad = await reports.get(XLSX, params={"year": "2026", "district": "东城区"})
    assert bad.status_code == 400 and "没有名为“东城区”的区县" in bad.text
    # Outside the scope
    editor = await staff.staff(api.db, "editor", "EDITOR", "张店区")
    refused = await reports.get(XLSX, params={"district": "淄川区"}, headers={"Authorization": f"Bearer {editor}"})
    assert refused.status_code == 403 and "不在您的管辖范围内" in refused.text
    # Signed out
    anonymous = await reports.get(XLSX, headers={"Authorization": ""})
    assert anonymous.status_code == 401
