"""Participants are recorded once an event is over, and the count goes through review like any edit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.api import staff
from tests.api.conftest import Api
from tests.api.content.test_times import create as call
from tests.api.permissions.builders import region

EVENT = "event { id status version participants revisionOf } errors { code field message }"
CREATE = f"mutation($input: EventCreateInput!) {{ eventCreate(input: $input) {{ {EVENT} }} }}"
UPDATE = f"mutation($input: EventUpdateInput!) {{ eventUpdate(input: $input) {{ {EVENT} }} }}"
SUBMIT = f"mutation($input: ReviewInput!) {{ eventSubmit(input: $input) {{ {EVENT} }} }}"
APPROVE = f"mutation($input: ReviewInput!) {{ eventApprove(input: $input) {{ {EVENT} }} }}"
PUBLISHED = '{ events(to: "2100-01-01T00:00:00+08:00") { nodes { id title participants } } }'


async def festival(api: Api, token: str, starts_in: timedelta, **extra: Any) -> dict[str, Any]:
    starts = api.clock.now + starts_in
    return await call(
        api,
        token,
        CREATE,
        scope=await region(api.db, "工盛社区"),
        category="NEIGHBOUR_FESTIVAL",
        title="邻居节",
        startsAt=starts.isoformat(),
        endsAt=(starts + timedelta(hours=3)).isoformat(),
        **extra,
    )


async def test_a_head_count_for_an_event_still_to_come_is_refused_at_its_field(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    tomorrow = await festival(api, editor, timedelta(days=1), participants=40)
    running = await festival(api, editor, timedelta(hours=-1), participants=40)

    for payload in (tomorrow, running):
        assert payload["event"] is None
        assert payload["errors"] == [
            {"code": "INVALID", "field": "participants", "message": "活动结束后才能登记参与人数"}
        ]


async def test_once_the_event_is_over_its_draft_takes_a_head_count(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    draft = (await festival(api, editor, timedelta(hours=2)))["event"]

    api.clock.now += timedelta(hours=6)
    counted = await call(api, editor, UPDATE, id=draft["id"], version=draft["version"], participants=45)

    assert counted["errors"] == []
    assert counted["event"]["participants"] == 45 and counted["event"]["id"] == draft["id"]


async def test_a_head_count_on_a_published_event_is_published_once_a_reviewer_approves_it(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    past = (await festival(api, editor, timedelta(days=-2)))["event"]
    past = (await call(api, editor, SUBMIT, id=past["id"], version=past["version"]))["event"]
    past = (await call(api, reviewer, APPROVE, id=past["id"], version=past["version"]))["event"]

    revision = (await call(api, editor, UPDATE, id=past["id"], version=past["version"], participants=52))["event"]
    before_review = (await api.gql(PUBLISHED))["data"]["events"]["nodes"]
    revision = (await call(api, editor, SUBMIT, id=revision["id"], version=revision["version"]))["event"]
    await call(api, reviewer, APPROVE, id=revision["id"], version=revision["version"])
    after_review = (await api.gql(PUBLISHED))["data"]["events"]["nodes"]

    assert revision["revisionOf"] == past["id"]
    assert before_review == [{"id": past["id"], "title": "邻居节", "participants": None}]
    assert after_review == [{"id": past["id"], "title": "邻居节", "participants": 52}]
