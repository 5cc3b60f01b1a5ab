"""What a screen shows now, as staff see it: the feed it is given, and whether it has caught up."""

from __future__ import annotations

from datetime import timedelta

from tests.api import factories as f
from tests.api.conftest import Api
from tests.api.screens.conftest import data, screen_gid, sign_in
from tests.api.screens.test_heartbeat import beat

SHOWING = """
query($id: ID!) {
  node(id: $id) {
    ... on Screen { showing { version current notices { title } honours { subjectName } events { title } } }
  }
}
"""
LIST = "{ screens(first: 50) { nodes { name showing { current notices { title } } } } }"
FEED_VERSION = "{ screenFeed { version } }"


async def showing(api: Api, staff: str, screen: str) -> dict | None:  # type: ignore[type-arg]
    return data(await api.gql(SHOWING, {"id": screen}, token=staff), "node")["showing"]  # type: ignore[no-any-return]


async def test_staff_see_what_the_screen_is_given_and_whether_it_shows_it(api: Api) -> None:
    # given a bulletin screen in 工盛社区 with notices for it and beside it, and an event coming
    editor = await sign_in(api, "EDITOR", "车站街道")
    now = api.clock.now
    await f.notice(api.db, "工盛社区", "周四停水", start=now - timedelta(hours=1), priority=5)
    await f.notice(api.db, "淄博市", "防诈骗提醒", start=now - timedelta(hours=1))
    await f.notice(api.db, "柳毅社区", "别处的通知", start=now - timedelta(hours=1))
    await f.event(api.db, "工盛社区", "重阳节茶话会", starts=now + timedelta(days=2))
    token = await f.screen(api.db, "工盛社区")
    screen = screen_gid(int(await api.db.fetchval("SELECT id FROM screens")))

    before_any_report = await showing(api, editor, screen)
    await beat(api, token, version="an-old-version")
    behind = await showing(api, editor, screen)
    version = data(await api.gql(FEED_VERSION, token=token), "screenFeed")["version"]
    await beat(api, token, version=version)
    caught_up = await showing(api, editor, screen)

    assert before_any_report == {
        "version": version,
        "current": None,
        "notices": [{"title": "周四停水"}, {"title": "防诈骗提醒"}],
        "honours": [],
        "events": [{"title": "重阳节茶话会"}],
    }
    assert behind is not None and behind["current"] is False
    assert caught_up is not None and caught_up["current"] is True


async def test_a_decommissioned_screen_shows_nothing(api: Api) -> None:
    admin = await sign_in(api)
    await f.screen(api.db, "工盛社区")
    screen_id = int(await api.db.fetchval("SELECT id FROM screens"))
    await api.db.execute("UPDATE screens SET status = 'DECOMMISSIONED', token_hash = NULL WHERE id = $1", screen_id)

    assert await showing(api, admin, screen_gid(screen_id)) is None


async def test_the_list_with_what_each_shows_costs_the_same_for_many_screens(api: Api) -> None:
    admin = await sign_in(api)
    await f.notice(api.db, "淄博市", "全市通知", start=api.clock.now - timedelta(hours=1))
    await f.screen(api.db, "工盛社区", name="一号")
    await api.gql(LIST, token=admin)  # the feeds are built once, then shared

    before = api.queries
    one = data(await api.gql(LIST, token=admin), "screens")["nodes"]
    one_cost = api.queries - before
    for i in range(10):
        await f.screen(api.db, "工盛社区", name=f"屏{i}")
    await api.gql(LIST, token=admin)
    before = api.queries
    many = data(await api.gql(LIST, token=admin), "screens")["nodes"]
    many_cost = api.queries - before

    assert one[0]["showing"]["notices"] == [{"title": "全市通知"}]
    assert len(many) == 11 and all(s["showing"]["notices"] == [{"title": "全市通知"}] for s in many)
    assert many_cost == one_cost
