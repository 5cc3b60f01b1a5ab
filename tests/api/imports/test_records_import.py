"""Importing facilities, teams, selections and attestations: all or nothing, each problem by row and column."""

from __future__ import annotations

import pytest

from tests.api import staff
from tests.api.conftest import Api
from tests.api.imports.sheets import fill, imported, template, upload, workbook

FACILITY_HEADER = ("社区", "设施类型", "设施名称", "室内面积（平方米）", "免费开放")


async def count(api: Api, table: str) -> int:
    return int(await api.db.fetchval(f"SELECT count(*) FROM {table}"))


async def test_a_filled_template_creates_each_facility_and_audits_it(api: Api) -> None:
    # Given the template an editor of 车站街道 downloaded, filled in Excel
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")
    data = fill(
        await template(api, "facilities", editor),
        [
            [None, None, "工盛社区", "新时代文明实践站", "工盛社区新时代文明实践站", 320, None, 56, "是"],
            [None, "车站街道", "城南社区", "图书阅览室", "城南书屋", 80.5, None, None, None],
        ],
    )

    # When they upload it
    payload = await imported(api, "facilitiesImport", data, editor)

    # Then both facilities are recorded, as facilityCreate would record them
    assert (payload["rows"], payload["created"], payload["committed"], payload["problems"]) == (2, 2, True, [])
    rows = await api.db.fetch("SELECT name, kind, indoor_area_m2, free_of_charge FROM facilities ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("工盛社区新时代文明实践站", "PRACTICE_STATION", 320, True),
        ("城南书屋", "READING_ROOM", 80.5, None),
    ]
    actions = [r["action"] for r in await api.db.fetch("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["facilityCreate", "facilityCreate", "facilitiesImport"]


async def test_any_problem_changes_nothing_and_every_problem_is_reported_in_chinese(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")
    data = workbook(
        FACILITY_HEADER,
        [
            ("工盛社区", "新时代文明实践站", "实践站", 300, "是"),  # fine
            ("工盛社区", "游泳馆", "游泳馆", 100, None),  # no such kind
            ("工盛社区", "图书阅览室", "", "三百", "也许"),  # no name, no number, neither yes nor no
            ("山水缘社区", "图书阅览室", "书屋", 50, None),  # another district's
            ("工盛社区", "图书阅览室", "书" * 41, -1, None),  # too long, negative: as facilityCreate says
        ],
    )

    payload = await imported(api, "facilitiesImport", data, editor)

    assert payload["committed"] is False
    assert await count(api, "facilities") == 0
    assert await count(api, "audit_log") == 0
    problems = {(p["row"], p["column"]): p["message"] for p in payload["problems"]}
    assert problems == {
        (3, "设施类型"): "“游泳馆”不在可选项中，请从下拉列表中选择",
        (4, "设施名称"): "请填写设施名称",
        (4, "室内面积（平方米）"): "“三百”不是数字",
        (4, "免费开放"): "“也许”应填“是”或“否”",
        (5, "社区"): "您的管辖范围内没有“山水缘社区”这个社区（或已撤销）",
        (6, "设施名称"): "设施名称不能超过40个字（现有41个）",
        (6, "室内面积（平方米）"): "室内面积须在0到1000000之间",
    }


async def test_a_trial_run_reports_and_saves_nothing(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")
    data = workbook(FACILITY_HEADER, [("工盛社区", "新时代文明实践站", "实践站", 300, "是")])

    payload = await imported(api, "facilitiesImport", data, editor, dry_run=True)

    assert (payload["rows"], payload["created"], payload["committed"], payload["problems"]) == (1, 1, False, [])
    assert await count(api, "facilities") == 0


async def test_teams_and_the_hint_row_left_in_place(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")
    hint = ("必填，如：工盛社区", "必填，从下拉列表选择", "必填，不超过40个字", "必填，整数", "是或否，不填为否")
    data = workbook(
        ("社区", "队伍类型", "队伍名称", "人数", "常年开展活动"),
        [("工盛社区", "志愿服务队", "红马甲志愿队", 35, "是"), (None, None, None, None, None),
         ("工盛社区", "业余文艺团队", "夕阳红合唱团", 20, None)],
        hint=hint,
    )

    payload = await imported(api, "teamsImport", data, editor)

    assert (payload["rows"], payload["created"], payload["problems"]) == (2, 2, [])
    rows = await api.db.fetch("SELECT name, kind, members, active_all_year FROM teams ORDER BY id")
    assert [tuple(r) for r in rows] == [("红马甲志愿队", "VOLUNTEER", 35, True), ("夕阳红合唱团", "CULTURE", 20, False)]


async def test_a_selection_twice_in_the_file_is_refused_where_it_repeats(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")
    header = ("社区", "年度", "推荐活动", "应参与户数", "参与户数")
    data = workbook(header, [("工盛社区", 2026, "文明家庭", 400, 320), ("工盛社区", 2026, "文明家庭", 400, 330),
                             ("城南社区", 2026, "文明楼院", 100, 120)])

    payload = await imported(api, "selectionsImport", data, editor)

    problems = {(p["row"], p["column"]): p["message"] for p in payload["problems"]}
    assert problems == {
        (3, "推荐活动"): "该社区本年度已登记此项推荐活动，请修改原记录",
        (4, "参与户数"): "参与户数不能多于应参与户数",
    }
    assert await count(api, "selections") == 0


async def test_attestations_are_for_reviewers_and_record_who_and_when(api: Api) -> None:
    header = ("社区", "年度", "标准项", "是否达标", "说明")
    row = ("工盛社区", 2026, "宠物管理规范，无违章饲养家禽、家畜及其它动物现象，无不文明养犬现象", "是", "现场查看")
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")
    refused = await upload(api, "attestationsImport", workbook(header, [row]), editor)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    measured = ("工盛社区", 2026, "facilities.station_area", "是", "")
    payload = await imported(api, "attestationsImport", workbook(header, [row, measured]), reviewer)
    # A measured criterion, typed in by its key, is refused as attestationRecord refuses it
    why = "“新时代文明实践站室内建筑面积不少于300平方米”按登记的记录自动评定，不能认定；只有需现场评定的标准项才能认定"
    assert [(p["row"], p["column"], p["message"]) for p in payload["problems"]] == [(3, "标准项", why)]

    payload = await imported(api, "attestationsImport", workbook(header, [row]), reviewer)
    assert payload["committed"] is True
    found = await api.db.fetchrow("SELECT criterion_key, met, attested_by_name, attested_at, note FROM attestations")
    assert found is not None
    assert (found["criterion_key"], found["met"], found["attested_by_name"], found["note"]) == (
        "civility.pets", True, "reviewer", "现场查看",
    )
    assert found["attested_at"] == api.clock.now


@pytest.mark.parametrize("mutation", ["facilitiesImport", "teamsImport", "selectionsImport"])
async def test_imports_need_a_signed_in_editor(api: Api, mutation: str) -> None:
    body = await upload(api, mutation, workbook(("社区",), [("工盛社区",)]), "qu_nobody")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
