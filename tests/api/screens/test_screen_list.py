"""Staff see the screens of their scope, with their health, in one list."""

from __future__ import annotations

from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api

SCREENS = """query($filter: ScreenFilterInput) {
  screens(first: 50, filter: $filter) {
    totalCount nodes { name status online lastSeenAt report { mode } community { name } }
  }
}"""


async def names(api: Api, token: str, **filter: object) -> list[str]:
    body = await api.gql(SCREENS, {"filter": filter or None}, token=token)
    assert "errors" not in body, body
    return sorted(n["name"] for n in body["data"]["screens"]["nodes"])


async def test_a_subdistrict_sees_its_own_screens_only(api: Api) -> None:
    viewer = await staff.staff(api.db, "viewer", "EDITOR", "车站街道")
    for community, name in (("工盛社区", "工盛大厅"), ("城南社区", "城南门口"), ("柳毅社区", "柳毅大厅")):
        await f.screen(api.db, community, name=name)
    await f.screen(api.db, "工盛社区", name="旧屏")
    await api.db.execute("UPDATE screens SET status = 'DECOMMISSIONED', token_hash = NULL WHERE name = '旧屏'")

    assert await names(api, viewer) == ["城南门口", "工盛大厅"]
    gongsheng = to_base64("Community", await f.region_id(api.db, "工盛社区"))
    assert await names(api, viewer, community=gongsheng) == ["工盛大厅"]
    assert await names(api, viewer, community=gongsheng, status="DECOMMISSIONED") == ["旧屏"]


async def test_the_list_costs_the_same_for_many_screens(api: Api) -> None:
    viewer = await staff.staff(api.db, "viewer", "ADMIN", "淄博市")
    await f.screen(api.db, "工盛社区", name="一号")

    before = api.queries
    await api.gql(SCREENS, token=viewer)
    one = api.queries - before
    for i in range(20):
        await f.screen(api.db, "柳毅社区", name=f"屏{i}")
    before = api.queries
    await api.gql(SCREENS, token=viewer)
    many = api.queries - before

    assert many == one


async def test_anonymous_callers_see_no_screens(api: Api) -> None:
    body = await api.gql(SCREENS)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
