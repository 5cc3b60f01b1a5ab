"""An urgent notice always ends, and may play alone: its default and longest display, and `exclusive`.

Urgent notices take over every screen in scope; one published without an end
ran until someone archived it. Whatever way a notice is urgent (created so,
made so by an edit, published at once or through review), it leaves with a
display end, never more than QILE_URGENT_MAX_DAYS (7) away; published with
none, it ends QILE_URGENT_DEFAULT_HOURS (24) after it starts showing, counted
from its publication when that is later than its start. A draft keeps no end
until it is published, so a late approval never publishes it already over.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from strawberry import relay

from tests.api import factories as f
from tests.api.conftest import Api
from tests.api.content.desk import Desk
from tests.api.permissions.builders import region

NOTICE = "notice { id version status urgent exclusive displayStart displayEnd } errors { code field message }"
CREATE = f"mutation($input: NoticeCreateInput!) {{ noticeCreate(input: $input) {{ {NOTICE} }} }}"
UPDATE = f"mutation($input: NoticeUpdateInput!) {{ noticeUpdate(input: $input) {{ {NOTICE} }} }}"
SUBMIT = f"mutation($input: ReviewInput!) {{ noticeSubmit(input: $input) {{ {NOTICE} }} }}"
APPROVE = f"mutation($input: ReviewInput!) {{ noticeApprove(input: $input) {{ {NOTICE} }} }}"
PUBLISH_URGENT = f"mutation($input: ReviewInput!) {{ noticePublishUrgent(input: $input) {{ {NOTICE} }} }}"
FEED = "{ screenFeed { notices { title urgent exclusive displayEnd } } }"

DAY = timedelta(hours=24)
ZIBO = ZoneInfo("Asia/Shanghai")


@pytest.fixture
async def desk(api: Api) -> Desk:
    return await Desk.signed_in(api)


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def create(desk: Desk, **fields: Any) -> dict[str, Any]:
    values = {
        "scope": await region(desk.api.db, "工盛社区"),
        "category": "SERVICE",
        "title": "燃气抢修",
        "body": "请勿使用明火。",
        **fields,
    }
    return await desk.call(CREATE, desk.editor, **values)


async def stored(api: Api, pk: int) -> dict[str, Any]:
    """A notice written straight to the database (as older rows are), as an input names it."""
    version = await api.db.fetchval("SELECT version FROM notices WHERE id = $1", pk)
    return {"id": relay.to_base64("Notice", pk), "version": version}


def refused_on_end(payload: dict[str, Any]) -> str:
    assert payload["notice"] is None
    (error,) = payload["errors"]
    assert (error["code"], error["field"]) == ("INVALID", "displayEnd")
    return str(error["message"])


async def test_an_urgent_notice_published_without_an_end_gets_a_day_from_publication(api: Api, desk: Desk) -> None:
    now = api.clock.now
    # given urgent drafts without an end: one already showing, one starting in two hours
    showing = await create(desk, urgent=True, displayStart=(now - timedelta(hours=3)).isoformat())
    later = await create(desk, urgent=True, displayStart=(now + timedelta(hours=2)).isoformat())
    plain = await create(desk)
    # a draft keeps no end: the default counts from its publication, not from its writing
    assert showing["errors"] == [] and showing["notice"]["displayEnd"] is None

    # when a reviewer publishes them an hour later
    api.clock.now = now + timedelta(hours=1)
    published = [
        (await desk.call(PUBLISH_URGENT, desk.reviewer, id=n["notice"]["id"], version=n["notice"]["version"]))
        for n in (showing, later)
    ]

    # then each ends a day after it starts showing (its publication, for the first); a plain notice keeps no end
    assert at(published[0]["notice"]["displayEnd"]) == now + timedelta(hours=1) + DAY
    assert at(published[1]["notice"]["displayEnd"]) == now + timedelta(hours=2) + DAY
    assert plain["notice"]["displayEnd"] is None and plain["notice"]["urgent"] is False


async def test_an_urgent_draft_approved_two_days_later_is_published_for_a_day_from_then(api: Api, desk: Desk) -> None:
    # given an urgent notice drafted and sent for review without an end
    now = api.clock.now
    draft = (await create(desk, urgent=True, displayStart=now.isoformat()))["notice"]
    submitted = (await desk.call(SUBMIT, desk.editor, id=draft["id"], version=draft["version"]))["notice"]
    screen = await f.screen(api.db, "工盛社区")

    # when a reviewer approves it two days later (after the day a default end from its writing gave it)
    api.clock.now = now + 2 * DAY
    approved = await desk.call(APPROVE, desk.reviewer, id=submitted["id"], version=submitted["version"])

    # then it is published to show for a day from its approval, and the screens' feed carries it
    assert approved["errors"] == [] and approved["notice"]["status"] == "PUBLISHED"
    assert at(approved["notice"]["displayEnd"]) == now + 3 * DAY
    feed = (await api.gql(FEED, token=screen))["data"]["screenFeed"]["notices"]
    assert [(n["title"], at(n["displayEnd"])) for n in feed] == [("燃气抢修", now + 3 * DAY)]


async def test_publishing_an_urgent_notice_whose_end_has_passed_is_refused_in_chinese(api: Api, desk: Desk) -> None:
    # given an urgent draft whose editor chose an end six hours on, sent for review
    now = api.clock.now
    end = now + timedelta(hours=6)
    draft = (await create(desk, urgent=True, displayStart=now.isoformat(), displayEnd=end.isoformat()))["notice"]
    submitted = (await desk.call(SUBMIT, desk.editor, id=draft["id"], version=draft["version"]))["notice"]

    # when a reviewer comes to it the next day, to approve it or publish it at once
    api.clock.now = now + DAY
    for mutation in (APPROVE, PUBLISH_URGENT):
        refused = await desk.call(mutation, desk.reviewer, id=submitted["id"], version=submitted["version"])

        # then it is refused on its end, saying when that was and what to do
        message = refused_on_end(refused)
        assert "已过" in message and f"{end.astimezone(ZIBO):%Y-%m-%d %H:%M}" in message and "清空" in message
    pk = int(relay.from_base64(submitted["id"])[1])
    assert await api.db.fetchval("SELECT status FROM notices WHERE id = $1", pk) == "IN_REVIEW"


async def test_an_end_beyond_seven_days_is_refused_and_seven_are_accepted(api: Api, desk: Desk) -> None:
    start = api.clock.now + timedelta(hours=1)
    too_far = await create(
        desk,
        urgent=True,
        displayStart=start.isoformat(),
        displayEnd=(start + timedelta(days=7, minutes=1)).isoformat(),
    )
    # the message names the limit and the latest end, in the city's time
    message = refused_on_end(too_far)
    assert "7天" in message and f"{(start + timedelta(days=7)).astimezone(ZIBO):%Y-%m-%d %H:%M}" in message
    week = await create(
        desk, urgent=True, displayStart=start.isoformat(), displayEnd=(start + timedelta(days=7)).isoformat()
    )
    assert week["errors"] == []
    # a notice that is not urgent may show as long as staff like
    assert (await create(desk, displayEnd=(start + timedelta(days=60)).isoformat()))["errors"] == []


async def test_a_notice_made_urgent_by_an_edit_gets_an_end_or_is_refused(api: Api, desk: Desk) -> None:
    # given a plain draft without an end, and one that shows for a month
    draft = (await create(desk))["notice"]
    month = (await create(desk, displayEnd=(api.clock.now + timedelta(days=30)).isoformat()))["notice"]

    # when each is made urgent
    made = await desk.call(UPDATE, desk.editor, id=draft["id"], version=draft["version"], urgent=True)
    too_long = await desk.call(UPDATE, desk.editor, id=month["id"], version=month["version"], urgent=True)

    # then the first keeps no end until it is published (the default then), the second must be shortened first
    assert made["errors"] == [] and made["notice"]["urgent"] and made["notice"]["displayEnd"] is None
    refused_on_end(too_long)
    # and clearing the end of an urgent notice leaves it to the default again
    week = await desk.call(
        UPDATE,
        desk.editor,
        id=made["notice"]["id"],
        version=made["notice"]["version"],
        displayEnd=(api.clock.now + timedelta(days=7)).isoformat(),
    )
    cleared = await desk.call(
        UPDATE, desk.editor, id=week["notice"]["id"], version=week["notice"]["version"], displayEnd=None
    )
    assert cleared["errors"] == [] and cleared["notice"]["displayEnd"] is None
    published = await desk.call(
        PUBLISH_URGENT, desk.reviewer, id=cleared["notice"]["id"], version=cleared["notice"]["version"]
    )
    assert at(published["notice"]["displayEnd"]) == api.clock.now + DAY


async def test_publishing_an_urgent_notice_without_an_end_at_once_gives_it_one(api: Api, desk: Desk) -> None:
    # given an urgent draft written before ends were required (no end), started a week ago
    now = api.clock.now
    pk = await f.notice(api.db, "工盛社区", "旧紧急通知", status="DRAFT", urgent=True, start=now - timedelta(days=7))
    screen = await f.screen(api.db, "工盛社区")

    # when a reviewer publishes it at once
    published = await desk.call(PUBLISH_URGENT, desk.reviewer, **await stored(api, pk))

    # then it shows from now for a day, and screens are told when it ends
    assert published["errors"] == [] and published["notice"]["status"] == "PUBLISHED"
    assert at(published["notice"]["displayEnd"]) == now + DAY
    feed = (await api.gql(FEED, token=screen))["data"]["screenFeed"]["notices"]
    assert [(n["title"], at(n["displayEnd"])) for n in feed] == [("旧紧急通知", now + DAY)]


async def test_publishing_an_urgent_notice_that_would_run_for_a_month_is_refused(api: Api, desk: Desk) -> None:
    now = api.clock.now
    pk = await f.notice(
        api.db, "工盛社区", "长期紧急", status="DRAFT", urgent=True, start=now, end=now + timedelta(days=30)
    )
    refused_on_end(await desk.call(PUBLISH_URGENT, desk.reviewer, **await stored(api, pk)))
    assert await api.db.fetchval("SELECT status FROM notices WHERE id = $1", pk) == "DRAFT"


async def test_approving_an_urgent_notice_without_an_end_gives_it_one(api: Api, desk: Desk) -> None:
    now = api.clock.now
    pk = await f.notice(api.db, "工盛社区", "待审紧急", status="DRAFT", urgent=True, start=now - DAY)
    submitted = await desk.call(SUBMIT, desk.editor, **await stored(api, pk))
    # the review takes three hours
    api.clock.now = now + timedelta(hours=3)
    notice = submitted["notice"]
    approved = await desk.call(APPROVE, desk.reviewer, id=notice["id"], version=notice["version"])
    assert at(approved["notice"]["displayEnd"]) == now + timedelta(hours=3) + DAY


@pytest.fixture
def short_urgent(api: Api) -> Iterator[None]:
    """A deployment whose urgent notices run 2 hours by default and 1 day at most."""
    settings = api.state.settings
    before = settings.urgent_default_hours, settings.urgent_max_days
    settings.urgent_default_hours, settings.urgent_max_days = 2, 1
    yield
    settings.urgent_default_hours, settings.urgent_max_days = before


async def test_the_default_and_the_longest_display_are_settings(api: Api, desk: Desk, short_urgent: None) -> None:
    start = api.clock.now
    default = (await create(desk, urgent=True, displayStart=start.isoformat()))["notice"]
    published = await desk.call(PUBLISH_URGENT, desk.reviewer, id=default["id"], version=default["version"])
    assert at(published["notice"]["displayEnd"]) == start + timedelta(hours=2)
    two_days = await create(
        desk, urgent=True, displayStart=start.isoformat(), displayEnd=(start + timedelta(days=2)).isoformat()
    )
    assert "1天" in refused_on_end(two_days)


async def test_exclusive_is_kept_and_reaches_the_screens_feed(api: Api, desk: Desk) -> None:
    # given two urgent notices published at once, one to be shown alone
    screen = await f.screen(api.db, "工盛社区")
    for title, exclusive in (("停电通知", False), ("撤离通知", True)):
        created = (await create(desk, title=title, urgent=True, exclusive=exclusive))["notice"]
        assert created["exclusive"] is exclusive
        await desk.call(PUBLISH_URGENT, desk.reviewer, id=created["id"], version=created["version"])

    # then the feed says which
    feed = (await api.gql(FEED, token=screen))["data"]["screenFeed"]["notices"]
    assert {n["title"]: n["exclusive"] for n in feed} == {"停电通知": False, "撤离通知": True}
    assert all(n["urgent"] and n["displayEnd"] for n in feed)
