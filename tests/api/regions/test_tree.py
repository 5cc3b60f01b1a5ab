"""ADMINs keep the region tree as it is: new districts, subdistricts and communities, renames, retirements."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api

DISTRICT = """
mutation($input: DistrictCreateInput!) {
  districtCreate(input: $input) { district { id name } errors { code field message } }
}
"""
SUBDISTRICT = """
mutation($input: SubdistrictCreateInput!) {
  subdistrictCreate(input: $input) { subdistrict { id name kind district { name } } errors { code field message } }
}
"""
COMMUNITY = """
mutation($input: CommunityCreateInput!) {
  communityCreate(input: $input) {
    community { id name version pilot pilotNo theme { name } subdistrict { name } district { name } }
    errors { code field message }
  }
}
"""
UPDATE = """
mutation($input: RegionUpdateInput!) {
  regionUpdate(input: $input) {
    region { name ... on Subdistrict { kind } ... on Community { version } }
    errors { code field message }
  }
}
"""
RETIRE = """
mutation($input: RegionRetireInput!) {
  regionRetire(input: $input) { region { name retiredAt } errors { code field message } }
}
"""
TREE = "{ city { id } districts { name subdistricts { name communities { name } } } }"
NOTICE = """
mutation($input: NoticeCreateInput!) { noticeCreate(input: $input) { notice { id } errors { code field message } } }
"""
SCREEN = """
mutation($input: ScreenRegisterInput!) { screenRegister(input: $input) { screen { id } errors { code field } } }
"""


async def run(api: Api, document: str, token: str, **input: Any) -> dict[str, Any]:
    body = await api.gql(document, {"input": input}, token=token)
    assert "errors" not in body, body
    (payload,) = body["data"].values()
    return payload  # type: ignore[no-any-return]


async def city_admin(api: Api) -> tuple[str, str]:
    token = await staff.staff(api.db, "city.admin", "ADMIN", "淄博市")
    city = (await api.gql(TREE))["data"]["city"]["id"]
    return token, city


async def new_community(api: Api, token: str, name: str = "萌山社区", **extra: Any) -> dict[str, Any]:
    subdistrict = to_base64("Subdistrict", await f.region_id(api.db, "车站街道"))
    made = await run(api, COMMUNITY, token, subdistrict=subdistrict, name=name, **extra)
    assert made["errors"] == [], made
    return made["community"]  # type: ignore[no-any-return]


async def test_a_city_admin_grows_the_tree_and_every_step_is_audited(api: Api) -> None:
    token, city = await city_admin(api)

    # When the city office adds a district, a town in it and a community in the town
    district = await run(api, DISTRICT, token, city=city, name="文昌湖区")
    town = await run(api, SUBDISTRICT, token, district=district["district"]["id"], name="萌山镇", kind="TOWN")
    community = await run(
        api, COMMUNITY, token, subdistrict=town["subdistrict"]["id"], name="萌山社区", theme="HEALTH", pilot=True
    )

    # Then the tree, the lists and the audit log have them
    assert town["subdistrict"] == {"id": town["subdistrict"]["id"], "name": "萌山镇", "kind": "TOWN",
                                   "district": {"name": "文昌湖区"}}  # fmt: skip
    made = community["community"]
    assert (made["name"], made["pilot"], made["pilotNo"], made["theme"]) == ("萌山社区", True, None, {"name": "齐健康"})
    assert (made["subdistrict"], made["district"]) == ({"name": "萌山镇"}, {"name": "文昌湖区"})
    tree = (await api.gql(TREE))["data"]["districts"]
    assert {"name": "文昌湖区", "subdistricts": [{"name": "萌山镇", "communities": [{"name": "萌山社区"}]}]} in tree
    pilots = await api.gql("{ communities(filter: {pilot: true}) { totalCount } }")
    assert pilots["data"]["communities"]["totalCount"] == 21
    audit = await api.db.fetch("SELECT action, object_type FROM audit_log ORDER BY id")
    assert [(a["action"], a["object_type"]) for a in audit] == [
        ("districtCreate", "District"), ("subdistrictCreate", "Subdistrict"), ("communityCreate", "Community"),
    ]  # fmt: skip


async def test_names_are_checked_and_parents_must_be_of_the_right_level(api: Api) -> None:
    token, _ = await city_admin(api)
    zhangdian = to_base64("District", await f.region_id(api.db, "张店区"))

    taken = await run(api, SUBDISTRICT, token, district=zhangdian, name="车站街道", kind="STREET")
    long = await run(api, SUBDISTRICT, token, district=zhangdian, name="街" * 31, kind="STREET")
    wrong_level = await run(api, COMMUNITY, token, subdistrict=zhangdian, name="新社区")

    assert [(e["code"], e["field"]) for e in taken["errors"]] == [("DUPLICATE", "name")]
    assert "车站街道" in taken["errors"][0]["message"]
    assert [(e["code"], e["field"]) for e in long["errors"]] == [("TOO_LONG", "name")]
    assert [(e["code"], e["field"]) for e in wrong_level["errors"]] == [("NOT_FOUND", "subdistrict")]
    assert await api.db.fetchval("SELECT count(*) FROM audit_log") == 0


async def test_renaming_keeps_versions_and_leaves_ones_own_scope_to_superiors(api: Api) -> None:
    token, _ = await city_admin(api)
    made = await new_community(api, token)
    zhangdian = to_base64("District", await f.region_id(api.db, "张店区"))
    street = (await run(api, SUBDISTRICT, token, district=zhangdian, name="新华街道", kind="STREET"))["subdistrict"]
    street_admin = await staff.staff(api.db, "xinhua.admin", "ADMIN", "新华街道")

    renamed = await run(api, UPDATE, token, id=made["id"], version=made["version"], name="萌山新村社区")
    stale = await run(api, UPDATE, token, id=made["id"], version=made["version"], name="又一个名字")
    kind_of_community = await run(api, UPDATE, token, id=made["id"], version=made["version"] + 1, kind="TOWN")
    town = await run(api, UPDATE, token, id=street["id"], version=1, kind="TOWN", name="新华镇")
    own = await run(api, UPDATE, street_admin, id=street["id"], version=2, name="新华街道")

    assert renamed == {"region": {"name": "萌山新村社区", "version": made["version"] + 1}, "errors": []}
    assert [e["code"] for e in stale["errors"]] == ["CONFLICT"]
    assert [(e["code"], e["field"]) for e in kind_of_community["errors"]] == [("INVALID", "kind")]
    assert town == {"region": {"name": "新华镇", "kind": "TOWN"}, "errors": []}
    assert [(e["code"], e["field"]) for e in own["errors"]] == [("OUT_OF_SCOPE", "id")]


async def test_a_region_is_retired_only_once_nothing_stands_in_it(api: Api) -> None:
    # Given a new community with a screen in service, an editor of its own and a published notice
    token, _ = await city_admin(api)
    made = await new_community(api, token)
    await f.screen(api.db, "萌山社区", name="大厅屏")
    await staff.account(api.db, "mengshan.editor", "EDITOR", "萌山社区")
    await f.notice(api.db, "萌山社区", "停水通知", start=api.clock.now - timedelta(days=1))
    chezhan_pk = await f.region_id(api.db, "车站街道")
    chezhan = {"id": to_base64("Subdistrict", chezhan_pk)}
    chezhan["version"] = await api.db.fetchval("SELECT version FROM regions WHERE id = $1", chezhan_pk)

    # When the city office retires it: first while the screen and the editor are still there
    refused = await run(api, RETIRE, token, id=made["id"], version=made["version"])
    parent = await run(api, RETIRE, token, **chezhan)
    await api.db.execute("UPDATE screens SET status = 'DECOMMISSIONED', token_hash = NULL")
    await api.db.execute("UPDATE accounts SET disabled = true WHERE username = 'mengshan.editor'")
    retired = await run(api, RETIRE, token, id=made["id"], version=made["version"])

    # Then it says what still stands, and once emptied it is retired and its content archived
    messages = [e["message"] for e in refused["errors"]]
    assert any("1块在用的屏幕" in m for m in messages) and any("1个账号" in m for m in messages)
    assert any("社区" in e["message"] for e in parent["errors"])  # 车站街道 still has communities
    assert retired["errors"] == [] and retired["region"]["retiredAt"] is not None
    assert await api.db.fetchval("SELECT status FROM notices WHERE title = '停水通知'") == "ARCHIVED"
    listed = await api.gql('{ communities(filter: {name: "萌山社区"}) { totalCount } }')
    assert listed["data"]["communities"]["totalCount"] == 0
    still = await api.gql(
        "query($id: ID!) { node(id: $id) { ... on Community { name retiredAt } } }", {"id": made["id"]}
    )
    assert still["data"]["node"]["name"] == "萌山社区" and still["data"]["node"]["retiredAt"]
    actions = [r["action"] for r in await api.db.fetch("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["communityCreate", "screenRegister", "regionRetire"]


async def test_nothing_new_goes_into_a_retired_region(api: Api) -> None:
    token, _ = await city_admin(api)
    made = await new_community(api, token)
    await run(api, RETIRE, token, id=made["id"], version=made["version"])

    notice = await run(api, NOTICE, token, scope=made["id"], category="SERVICE", title="通知", body="正文")
    screen = await run(api, SCREEN, token, community=made["id"], kind="BULLETIN", name="新屏")
    again = await new_community_errors(api, token, "萌山社区")

    assert [(e["code"], e["field"]) for e in notice["errors"]] == [("NOT_FOUND", "scope")]
    assert "已撤销" in notice["errors"][0]["message"]
    assert [(e["code"], e["field"]) for e in screen["errors"]] == [("NOT_FOUND", "community")]
    assert [(e["code"], e["field"]) for e in again] == [("DUPLICATE", "name")]


async def new_community_errors(api: Api, token: str, name: str) -> list[dict[str, Any]]:
    subdistrict = to_base64("Subdistrict", await f.region_id(api.db, "车站街道"))
    return (await run(api, COMMUNITY, token, subdistrict=subdistrict, name=name))["errors"]  # type: ignore[no-any-return]
