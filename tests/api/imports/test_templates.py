"""Import templates: Chinese headers, a hint row, drop-down lists for the enumerated columns."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.api import staff
from tests.api.conftest import Api
from tests.api.imports.sheets import template


def choices(content: bytes, header: str) -> list[str]:
    """The values the drop-down of a column offers, as Excel reads them from the hidden sheet."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb.worksheets[0]
    column = next(c.column_letter for c in ws[1] if c.value == header)
    rule = next(dv for dv in ws.data_validations.dataValidation if any(
        str(r).startswith(f"{column}3:") for r in dv.sqref.ranges))
    sheet, cells = rule.formula1.split("!")
    return [c[0].value for c in wb[sheet.strip("'")][cells.replace("$", "")] if c[0].value is not None]


async def test_the_facilities_template_reads_as_the_office_fills_it(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")

    content = await template(api, "facilities", editor)

    wb = load_workbook(io.BytesIO(content))
    ws = wb.worksheets[0]
    assert ws.title == "设施"
    assert [c.value for c in ws[1]] == [
        "区县", "街道/镇", "社区", "设施类型", "设施名称", "室内面积（平方米）", "室外面积（平方米）",
        "每周开放时长（小时）", "免费开放",
    ]
    assert ws["C2"].value == "必填，如：工盛社区"
    assert ws.freeze_panes == "A3"
    # The kinds by their Chinese names, and the communities of the editor's subdistrict
    assert "新时代文明实践站" in choices(content, "设施类型")
    assert len(choices(content, "设施类型")) == 18
    assert choices(content, "免费开放") == ["是", "否"]
    assert choices(content, "社区") == sorted(["工盛社区", "城南社区"])
    assert wb["选项"].sheet_state == "hidden"


@pytest.mark.parametrize(
    ("name", "title", "header", "offered"),
    [
        ("teams", "队伍", "队伍类型", "志愿服务队"),
        ("selections", "评选参与", "推荐活动", "文明家庭"),
        ("attestations", "达标认定", "标准项", "宠物管理规范，无违章饲养家禽、家畜及其它动物现象，无不文明养犬现象"),
        ("communities", "社区名单", "主题", "齐有爱"),
    ],
)
async def test_each_template_offers_its_vocabulary(api: Api, name: str, title: str, header: str, offered: str) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")

    content = await template(api, name, admin)

    assert load_workbook(io.BytesIO(content)).worksheets[0].title == title
    assert offered in choices(content, header)


async def test_only_judged_criteria_are_offered_for_attestation(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    offered = choices(await template(api, "attestations", admin), "标准项")
    assert "新时代文明实践站室内建筑面积不少于300平方米" not in offered


async def test_templates_are_for_staff(api: Api) -> None:
    assert (await api.client.get("/reports/templates/facilities.xlsx")).status_code == 401
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")
    missing = await api.client.get("/reports/templates/events.xlsx", headers={"Authorization": f"Bearer {editor}"})
    assert missing.status_code == 404 and "facilities.xlsx" in missing.text
