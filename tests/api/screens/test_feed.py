"""The screen feed: scoping, order, versions, windows and authentication."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from qile_api.screens.admin import find_community_id
from qile_api.screens.feed import FeedCache
from qile_api.screens.tokens import new_screen_token
from tests.api import factories as f
from tests.api.conftest import Api

CITY = ZoneInfo("Asia/Shanghai")

FEED = """
query Feed($since: String) {
  screenFeed(since: $since) {
    version notModified validUntil brand
    screen { name kind community { name theme { label } district { name } } }
    notices { title urgent priority scope { name level } }
    honours { subjectName title }
    events { title startsAt }
  }
}
"""

VERSION_ONLY = "query Feed($since: String) { screenFeed(since: $since) { version notModified notices { title } } }"


async def feed(api: Api, token: str, since: str | None = None) -> dict:  # type: ignore[type-arg]
    body = await api.gql(FEED, {"since": since}, token=token)
    assert "errors" not in body, body
    return body["data"]["screenFeed"]  # type: ignore[no-any-return]


async def test_feed_shows_content_along_the_community_path_only(api: Api) -> None:
    # given content at every level above 工盛社区 and beside it
    now = api.clock.now
    for scope in ("工盛社区", "车站街道", "张店区", "淄博市", "柳毅社区", "马尚街道", "淄川区"):
        await f.notice(api.db, scope, f"{scope}通知", start=now - timedelta(hours=1))
    await f.notice(api.db, "工盛社区", "草稿通知", start=now - timedelta(hours=1), status="DRAFT")
    await f.notice(api.db, "工盛社区", "待审通知", start=now - timedelta(hours=1), status="IN_REVIEW")
    token = await f.screen(api.db, "工盛社区")

    # when the screen polls
    data = await feed(api, token)

    # then it sees its community, subdistrict, district and city, and nothing else
    assert sorted(f.ids(data["notices"])) == sorted(["工盛社区通知", "车站街道通知", "张店区通知", "淄博市通知"])
    assert data["screen"]["community"]["name"] == "工盛社区"
    assert data["screen"]["community"]["district"]["name"] == "张店区"
    assert data["brand"] == "里仁为美·齐乐融融"


async def test_urgent_first_then_priority(api: Api) -> None:
    start = api.clock.now - timedelta(hours=1)
    await f.notice(api.db, "淄博市", "普通", start=start, priority=10)
    await f.notice(api.db, "工盛社区", "重要", start=start, priority=80)
    await f.notice(api.db, "张店区", "紧急", start=start, priority=0, urgent=True)
    token = await f.screen(api.db, "工盛社区")

    data = await feed(api, token)

    assert f.ids(data["notices"]) == ["紧急", "重要", "普通"]


async def test_same_version_means_not_modified_and_empty_lists(api: Api) -> None:
    await f.notice(api.db, "工盛社区", "停水通知", start=api.clock.now - timedelta(hours=1))
    token = await f.screen(api.db, "工盛社区")
    first = await feed(api, token)

    second = await feed(api, token, since=first["version"])

    assert second["notModified"] is True
    assert second["version"] == first["version"]
    assert second["notices"] == [] and second["events"] == [] and second["honours"] == []
    # the header still comes, from the cache
    assert second["screen"]["community"]["name"] == "工盛社区"


async def test_stale_since_gets_the_full_feed(api: Api) -> None:
    await f.notice(api.db, "工盛社区", "停水通知", start=api.clock.now - timedelta(hours=1))
    token = await f.screen(api.db, "工盛社区")

    data = await feed(api, token, since="an-old-version")

    assert data["notModified"] is False
    assert f.ids(data["notices"]) == ["停水通知"]


async def test_version_changes_when_content_above_changes(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区")
    before = (await feed(api, token))["version"]

    # a district-wide notice is published
    await f.notice(api.db, "张店区", "区里的通知", start=api.clock.now - timedelta(minutes=1))
    after = await feed(api, token, since=before)

    assert after["notModified"] is False
    assert after["version"] != before
    assert f.ids(after["notices"]) == ["区里的通知"]


async def test_version_ignores_changes_elsewhere(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区")
    before = (await feed(api, token))["version"]

    await f.notice(api.db, "淄川区", "别区的通知", start=api.clock.now - timedelta(minutes=1))
    await f.notice(api.db, "工盛社区", "还没批的草稿", start=api.clock.now, status="DRAFT")

    assert (await feed(api, token, since=before))["notModified"] is True


async def test_renaming_the_screen_changes_the_version(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区", name="旧名")
    before = (await feed(api, token))["version"]

    await api.db.execute("UPDATE screens SET name = '新名'")
    after = await feed(api, token, since=before)

    assert after["notModified"] is False
    assert after["screen"]["name"] == "新名"


async def test_display_window_boundaries(api: Api) -> None:
    # given a notice shown from 12:00 to 14:00 (start inclusive, end exclusive)
    start = api.clock.now + timedelta(hours=2)
    end = start + timedelta(hours=2)
    await f.notice(api.db, "工盛社区", "午间通知", start=start, end=end)
    token = await f.screen(api.db, "工盛社区")

    before = await feed(api, token)
    assert before["notices"] == []
    # Answered in the city's time zone (the same instant).
    assert before["validUntil"] == start.astimezone(CITY).isoformat()
    assert before["validUntil"].endswith("+08:00")

    # a microsecond before the start nothing changes
    api.clock.now = start - timedelta(microseconds=1)
    assert (await feed(api, token, since=before["version"]))["notModified"] is True

    # at the start it enters, with a new version, though no row changed
    api.clock.now = start
    during = await feed(api, token, since=before["version"])
    assert during["notModified"] is False
    assert f.ids(during["notices"]) == ["午间通知"]
    assert during["validUntil"] == end.astimezone(CITY).isoformat()

    # at the end it leaves
    api.clock.now = end
    after = await feed(api, token, since=during["version"])
    assert after["notModified"] is False
    assert after["notices"] == []


async def test_events_of_the_next_fourteen_days(api: Api) -> None:
    now = api.clock.now
    await f.event(api.db, "工盛社区", "进行中", starts=now - timedelta(hours=1), hours=3)
    await f.event(api.db, "工盛社区", "已结束", starts=now - timedelta(hours=3), hours=2)
    await f.event(api.db, "张店区", "十三天后", starts=now + timedelta(days=13, hours=23))
    await f.event(api.db, "淄博市", "正好十四天", starts=now + timedelta(days=14))
    await f.event(api.db, "工盛社区", "草稿活动", starts=now + timedelta(days=1), status="DRAFT")
    token = await f.screen(api.db, "工盛社区")

    data = await feed(api, token)
    assert f.ids(data["events"]) == ["进行中", "十三天后"]

    # a day later the fourteen-day horizon has moved on
    api.clock.now = now + timedelta(days=1)
    later = await feed(api, token, since=data["version"])
    assert f.ids(later["events"]) == ["十三天后", "正好十四天"]


async def test_gallery_shows_honours_and_only_urgent_notices(api: Api) -> None:
    start = api.clock.now - timedelta(hours=1)
    await f.honour(api.db, "工盛社区", "王秀兰")
    await f.honour(api.db, "工盛社区", "未发布", status="IN_REVIEW")
    await f.honour(api.db, "柳毅社区", "别的社区")
    await f.notice(api.db, "淄博市", "防诈骗紧急提醒", start=start, urgent=True)
    await f.notice(api.db, "淄博市", "普通通知", start=start)
    await f.event(api.db, "工盛社区", "邻居节", starts=api.clock.now + timedelta(days=1))
    gallery = await f.screen(api.db, "工盛社区", "GALLERY", "长廊屏")
    bulletin = await f.screen(api.db, "工盛社区", "BULLETIN", "阅报栏")

    g = await feed(api, gallery)
    b = await feed(api, bulletin)

    assert f.ids(g["honours"], "subjectName") == ["王秀兰"]
    assert f.ids(g["notices"]) == ["防诈骗紧急提醒"]
    assert g["events"] == []
    assert b["honours"] == []
    assert f.ids(b["notices"]) == ["防诈骗紧急提醒", "普通通知"]
    assert f.ids(b["events"]) == ["邻居节"]


async def test_contact_details_never_reach_a_screen(api: Api) -> None:
    await f.honour(api.db, "工盛社区", "王秀兰")  # stored with a phone number
    token = await f.screen(api.db, "工盛社区", "GALLERY")

    response = await api.client.post(
        "/graphql",
        json={"query": "{ screenFeed { honours { subjectName citation title year } } }"},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert "王秀兰" in response.text
    assert "13800000000" not in response.text


async def test_bad_tokens_get_an_authentication_error(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区")
    community = await find_community_id(api.db, "工盛社区")
    rotated_out = token
    new_token, new_hash = new_screen_token()
    screen_id = await api.db.fetchval("SELECT id FROM screens WHERE community_id = $1", community)
    await api.db.execute("UPDATE screens SET token_hash = $2 WHERE id = $1", screen_id, new_hash)

    for bad in (None, "garbage", "qs_not-a-real-token", rotated_out):
        body = await api.gql(VERSION_ONLY, token=bad)
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    # the new token works, and a decommissioned screen is refused
    assert "errors" not in await api.gql(VERSION_ONLY, token=new_token)
    await api.db.execute("UPDATE screens SET status = 'DECOMMISSIONED'")
    body = await api.gql(VERSION_ONLY, token=new_token)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_unchanged_feed_costs_no_query_and_no_rebuild(api: Api) -> None:
    start = api.clock.now - timedelta(hours=1)
    for i in range(30):
        await f.notice(api.db, "工盛社区", f"通知{i}", start=start)
    token = await f.screen(api.db, "工盛社区")
    version = (await feed(api, token))["version"]
    builds = api.state.held(FeedCache).builds

    before = api.queries
    data = await feed(api, token, since=version)

    assert data["notModified"] is True
    # The screen and its feed revisions are in the process's memory (screens/watch.py).
    assert api.queries - before == 0
    assert api.state.held(FeedCache).builds == builds


async def test_changed_feed_costs_the_same_whatever_the_amount(api: Api) -> None:
    start = api.clock.now - timedelta(hours=1)

    async def cost_of_full_feed(token: str) -> int:
        before = api.queries
        await feed(api, token)
        return api.queries - before

    await f.notice(api.db, "工盛社区", "一条", start=start)
    await f.event(api.db, "工盛社区", "一场", starts=api.clock.now + timedelta(days=1))
    small = await cost_of_full_feed(await f.screen(api.db, "工盛社区", name="甲"))

    for i in range(40):
        await f.notice(api.db, "车站街道", f"通知{i}", start=start)
        await f.event(api.db, "张店区", f"活动{i}", starts=api.clock.now + timedelta(days=2))
    large = await cost_of_full_feed(await f.screen(api.db, "城南社区", name="乙"))

    assert small == large
    assert large <= 7


async def test_screens_of_one_community_share_one_build(api: Api) -> None:
    await f.notice(api.db, "工盛社区", "通知", start=api.clock.now - timedelta(hours=1))
    tokens = [await f.screen(api.db, "工盛社区", name=f"屏{i}") for i in range(5)]
    builds = api.state.held(FeedCache).builds

    datas = [await feed(api, t) for t in tokens]

    assert api.state.held(FeedCache).builds - builds == 1
    assert len({d["version"] for d in datas}) == 5  # each screen's own name is in its version
    assert all(f.ids(d["notices"]) == ["通知"] for d in datas)
