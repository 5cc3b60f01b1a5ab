"""Staff read an event's sign-ups (numbers masked unless they may contact residents), export them, and see scans."""

from __future__ import annotations

from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.events.signups.residents import cancel, event_gid, open_event, sign_up

LIST = """query($event: ID!, $search: String) {
  eventSignUps(event: $event, search: $search) { totalCount nodes { name mobileMasked mobile people } }
}"""
GRANT = """mutation($id: ID!, $granted: Boolean!) {
  accountResidentMobilesSet(input: {id: $id, granted: $granted}) { seesResidentMobiles errors { code } }
}"""
SCANS = "query($event: ID!) { eventScans(event: $event) { opens signUps people screen { name } } }"
HOLDERS = "{ accountsSeeingResidentMobiles { username } }"


async def two_residents(api: Api) -> int:
    event = await open_event(api.db, api.clock.now)
    await sign_up(api, event, "13812345678", name="王秀兰", people=2)
    await sign_up(api, event, "13987654321", name="李建国")
    return event


async def test_staff_see_the_list_with_numbers_masked_and_search_it_by_name(api: Api) -> None:
    event = await two_residents(api)
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    listed = (await api.gql(LIST, {"event": event_gid(event)}, token=editor))["data"]["eventSignUps"]
    found = (await api.gql(LIST, {"event": event_gid(event), "search": "建国"}, token=editor))["data"]["eventSignUps"]

    assert listed["totalCount"] == 2
    assert listed["nodes"] == [
        {"name": "王秀兰", "mobileMasked": "138****5678", "mobile": None, "people": 2},
        {"name": "李建国", "mobileMasked": "139****4321", "mobile": None, "people": 1},
    ]
    assert [n["name"] for n in found["nodes"]] == ["李建国"]


async def test_the_list_is_refused_outside_the_scope_and_to_the_public(api: Api) -> None:
    event = await two_residents(api)
    elsewhere = await staff.staff(api.db, "elsewhere", "ADMIN", "柳毅社区")

    outside = await api.gql(LIST, {"event": event_gid(event)}, token=elsewhere)
    anonymous = await api.gql(LIST, {"event": event_gid(event)})

    assert outside["errors"][0]["extensions"]["code"] == "FORBIDDEN" and outside["data"] is None
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_an_admin_grants_the_right_to_contact_residents_and_full_numbers_show_audited(api: Api) -> None:
    event = await two_residents(api)
    admin = await staff.staff(api.db, "admin", "ADMIN", "车站街道")
    organiser = await staff.account(api.db, "organiser", "EDITOR", "工盛社区")
    token = await staff.session(api.db, organiser)

    granted = await api.gql(GRANT, {"id": to_base64("Account", organiser), "granted": True}, token=admin)
    full = (await api.gql(LIST, {"event": event_gid(event)}, token=token))["data"]["eventSignUps"]["nodes"]
    await api.gql(GRANT, {"id": to_base64("Account", organiser), "granted": False}, token=admin)
    masked = (await api.gql(LIST, {"event": event_gid(event)}, token=token))["data"]["eventSignUps"]["nodes"]

    assert granted["data"]["accountResidentMobilesSet"] == {"seesResidentMobiles": True, "errors": []}
    assert [n["mobile"] for n in full] == ["13812345678", "13987654321"]
    assert [n["mobile"] for n in masked] == [None, None]
    audited = await api.db.fetch(
        "SELECT after->>'contactResidents' AS granted FROM audit_log"
        " WHERE action = 'accountResidentMobilesSet' ORDER BY id"
    )
    assert [r["granted"] for r in audited] == ["true", "false"]


async def test_the_accounts_page_learns_who_holds_the_right_inside_the_admins_scope(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "车站街道")
    organiser = await staff.account(api.db, "organiser", "EDITOR", "工盛社区")
    await staff.account(api.db, "other", "EDITOR", "工盛社区")
    elsewhere = await staff.account(api.db, "elsewhere", "EDITOR", "柳毅社区")
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    for account in (organiser, elsewhere):
        await api.db.execute("INSERT INTO resident_contact_rights (account_id, granted_at) VALUES ($1, now())", account)

    holders = await api.gql(HOLDERS, token=admin)
    await api.gql(GRANT, {"id": to_base64("Account", organiser), "granted": False}, token=admin)
    after = await api.gql(HOLDERS, token=admin)
    refused = await api.gql(HOLDERS, token=editor)

    assert holders["data"]["accountsSeeingResidentMobiles"] == [{"username": "organiser"}]
    assert after["data"]["accountsSeeingResidentMobiles"] == []
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_organiser_exports_the_list_as_a_spreadsheet_and_the_export_is_audited(api: Api) -> None:
    event = await two_residents(api)
    await api.db.execute("UPDATE event_sign_ups SET name = '=HYPERLINK(1)' WHERE mobile = '13987654321'")
    organiser = await staff.account(api.db, "organiser", "EDITOR", "工盛社区")
    token = await staff.session(api.db, organiser)
    url = f"/reports/event-signups.csv?event={event_gid(event)}"

    masked = await api.client.get(url, headers={"Authorization": f"Bearer {token}"})
    await api.db.execute("INSERT INTO resident_contact_rights (account_id, granted_at) VALUES ($1, now())", organiser)
    full = await api.client.get(url, headers={"Authorization": f"Bearer {token}"})

    assert masked.status_code == 200 and masked.headers["content-type"] == "text/csv; charset=utf-8"
    lines = masked.content.decode("utf-8").splitlines()
    assert lines[0] == "\ufeff姓名,手机号,人数,报名时间,签到时间,签到人数"
    assert lines[1:] == ["王秀兰,138****5678,2,2026-11-28 10:00,,", "'=HYPERLINK(1),139****4321,1,2026-11-28 10:00,,"]
    assert "13812345678" in full.text
    exports = await api.db.fetch("SELECT after FROM audit_log WHERE action = 'eventSignUpsExport' ORDER BY id")
    assert ['"fullNumbers": false' in r["after"] for r in exports] == [True, False]


async def test_the_export_needs_a_staff_token_and_an_event_inside_the_scope(api: Api) -> None:
    event = await two_residents(api)
    elsewhere = await staff.staff(api.db, "elsewhere", "ADMIN", "柳毅社区")
    url = f"/reports/event-signups.csv?event={event_gid(event)}"

    anonymous = await api.client.get(url)
    outside = await api.client.get(url, headers={"Authorization": f"Bearer {elsewhere}"})
    no_event = await api.client.get("/reports/event-signups.csv", headers={"Authorization": f"Bearer {elsewhere}"})

    assert (anonymous.status_code, outside.status_code, no_event.status_code) == (401, 403, 400)
    assert "13812345678" not in outside.text + anonymous.text


async def test_openings_of_the_page_and_sign_ups_are_counted_for_the_screen_whose_code_was_scanned(api: Api) -> None:
    event = await open_event(api.db, api.clock.now)
    await f.screen(api.db, "工盛社区", name="大厅东屏")
    await f.screen(api.db, "工盛社区", name="广场屏")
    await f.screen(api.db, "工盛社区", name="楼道屏")
    east, square, stairs = [r["id"] for r in await api.db.fetch("SELECT id FROM screens ORDER BY id")]
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    for screen in (square, east, square, 999999, "x"):
        assert (await api.client.get(f"/e/{event}?s={screen}")).status_code == 200
    await api.client.get(f"/e/{event}")
    # two families came through the east screen's code, one of them cancelling; one through the stairs' (a page
    # opened before it was counted, say), and one typed the address
    for mobile, people, screen in [("13812345678", 3, east), ("13987654321", 2, east), ("13700001111", 1, stairs)]:
        await sign_up(api, event, mobile, people=people, screen=to_base64("Screen", screen))
    second = await api.db.fetchval("SELECT code FROM event_sign_ups WHERE mobile = '13987654321'")
    assert (await cancel(api, event, second))["errors"] == []
    await sign_up(api, event, "13600002222", people=4)

    scans = (await api.gql(SCANS, {"event": event_gid(event)}, token=editor))["data"]["eventScans"]
    assert scans == [
        {"opens": 2, "signUps": 0, "people": 0, "screen": {"name": "广场屏"}},
        {"opens": 1, "signUps": 1, "people": 3, "screen": {"name": "大厅东屏"}},
        {"opens": 0, "signUps": 1, "people": 1, "screen": {"name": "楼道屏"}},
    ]
