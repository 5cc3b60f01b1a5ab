"""The audit log as an administrator searches it: by who, what, which object, and which days in Zibo."""

from __future__ import annotations

from typing import Any

from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api

AUDIT = """
query($filter: AuditFilterInput, $after: String) {
  auditLog(first: 2, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { username action objectType objectLabel }
  }
}
"""
CREATE = """
mutation($input: AccountCreateInput!) { accountCreate(input: $input) { account { id version } errors { code } } }
"""
DISABLE = """
mutation($input: AccountRefInput!) { accountDisable(input: $input) { account { id version } errors { code } } }
"""
REGISTER = """
mutation($input: ScreenRegisterInput!) { screenRegister(input: $input) { screen { id } errors { code } } }
"""
SHOT = """
mutation($id: ID!) { screenScreenshotRequest(input: {id: $id}) { errors { code } } }
"""


async def call(api: Api, query: str, variables: dict[str, Any], token: str, field: str) -> Any:
    body = await api.gql(query, variables, token=token)
    assert "errors" not in body, body
    result = body["data"][field]
    assert result["errors"] == [], result
    return result


async def log(api: Api, token: str, **filter: object) -> list[tuple[str | None, str, str | None]]:
    """Every entry matching the filter, newest first, read page by page."""
    entries: list[tuple[str | None, str, str | None]] = []
    after = None
    while True:
        body = await api.gql(AUDIT, {"filter": filter, "after": after}, token=token)
        assert "errors" not in body, body
        page = body["data"]["auditLog"]
        entries += [(n["username"], n["action"], n["objectLabel"]) for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            assert len(entries) == page["totalCount"]
            return entries
        after = page["pageInfo"]["endCursor"]


async def a_morning_at_the_district(api: Api) -> dict[str, Any]:
    """Given: the 张店区 admin creates and disables an editor, registers a screen and asks it for a screenshot."""
    admin_id = await staff.account(api.db, "zhangdian.admin", "ADMIN", "张店区")
    admin = await staff.session(api.db, admin_id)
    scope = to_base64("Community", await f.region_id(api.db, "工盛社区"))
    editor = (
        await call(
            api,
            CREATE,
            {"input": {"username": "wang.li", "password": "a-long-password", "role": "EDITOR", "scope": scope}},
            admin,
            "accountCreate",
        )
    )["account"]
    await call(api, DISABLE, {"input": {"id": editor["id"], "version": editor["version"]}}, admin, "accountDisable")
    screen = (
        await call(
            api,
            REGISTER,
            {"input": {"community": scope, "kind": "BULLETIN", "name": "大厅东屏"}},
            admin,
            "screenRegister",
        )
    )["screen"]
    await call(api, SHOT, {"id": screen["id"]}, admin, "screenScreenshotRequest")
    return {"admin": admin, "admin_id": admin_id, "editor": editor["id"], "screen": screen["id"]}


async def test_what_was_done_to_one_account_reads_with_its_name(api: Api) -> None:
    given = await a_morning_at_the_district(api)

    entries = await log(api, given["admin"], object=given["editor"])

    assert entries == [
        ("zhangdian.admin", "accountDisable", "wang.li"),
        ("zhangdian.admin", "accountCreate", "wang.li"),
    ]


async def test_entries_about_screens_name_the_screen_even_without_a_snapshot(api: Api) -> None:
    given = await a_morning_at_the_district(api)

    entries = await log(api, given["admin"], objectType="Screen")

    # the screenshot request records no snapshot: the screen's name comes from the screen
    assert entries == [
        ("zhangdian.admin", "screenScreenshotRequest", "大厅东屏"),
        ("zhangdian.admin", "screenRegister", "大厅东屏"),
    ]


async def test_who_and_what_narrow_the_log(api: Api) -> None:
    given = await a_morning_at_the_district(api)
    other = await staff.staff(api.db, "other.admin", "ADMIN", "张店区")
    await call(api, SHOT, {"id": given["screen"]}, other, "screenScreenshotRequest")
    other_id = to_base64("Account", await api.db.fetchval("SELECT id FROM accounts WHERE username = 'other.admin'"))

    by_other = await log(api, given["admin"], account=other_id)
    requests = await log(api, given["admin"], action="screenScreenshotRequest")
    mine = await log(api, given["admin"], account=to_base64("Account", given["admin_id"]))

    assert by_other == [("other.admin", "screenScreenshotRequest", "大厅东屏")]
    assert [e[0] for e in requests] == ["other.admin", "zhangdian.admin"]
    assert len(mine) == 4 and all(e[0] == "zhangdian.admin" for e in mine)


async def test_a_day_is_a_day_in_zibo(api: Api) -> None:
    given = await a_morning_at_the_district(api)
    # the four entries: two late on the 27th and two early on the 28th, Zibo time
    # (all four fall on the 27th in UTC)
    ids = [r["id"] for r in await api.db.fetch("SELECT id FROM audit_log ORDER BY id")]
    for entry_id, at in zip(
        ids,
        ["2026-11-27 23:10+08", "2026-11-27 23:50+08", "2026-11-28 00:05+08", "2026-11-28 07:30+08"],
        strict=True,
    ):
        await api.db.execute("UPDATE audit_log SET at = $2::text::timestamptz WHERE id = $1", entry_id, at)

    the_28th = await log(api, given["admin"], since="2026-11-28T00:00:00+08:00", until="2026-11-29T00:00:00+08:00")
    until_the_28th = await log(api, given["admin"], until="2026-11-28T00:00:00+08:00")

    assert [e[1] for e in the_28th] == ["screenScreenshotRequest", "screenRegister"]
    assert [e[1] for e in until_the_28th] == ["accountDisable", "accountCreate"]


async def test_a_time_without_its_zone_is_refused_not_guessed(api: Api) -> None:
    admin = await staff.staff(api.db, "zhangdian.admin", "ADMIN", "张店区")

    body = await api.gql(AUDIT, {"filter": {"since": "2026-11-28T00:00:00"}}, token=admin)

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "filter.since" in body["errors"][0]["message"]


async def test_a_time_before_year_one_in_utc_is_refused_not_a_fault(api: Api) -> None:
    admin = await staff.staff(api.db, "zhangdian.admin", "ADMIN", "张店区")

    body = await api.gql(AUDIT, {"filter": {"until": "0001-01-01T00:00:00+05:00"}}, token=admin)

    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "filter.until"}


async def test_another_district_sees_none_of_it(api: Api) -> None:
    given = await a_morning_at_the_district(api)
    elsewhere = await staff.staff(api.db, "zichuan.admin", "ADMIN", "淄川区")

    asked_about_the_editor = await api.gql(AUDIT, {"filter": {"object": given["editor"]}}, token=elsewhere)

    assert asked_about_the_editor["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await log(api, elsewhere, objectType="Screen") == []
    assert await log(api, elsewhere) == []
