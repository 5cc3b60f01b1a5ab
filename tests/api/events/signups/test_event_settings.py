"""Capacity and sign-up window on events: set through the event mutations, checked, and reviewed like the rest."""

from __future__ import annotations

from datetime import timedelta

from tests.api import staff
from tests.api.conftest import Api
from tests.api.content.test_times import create as call
from tests.api.permissions.builders import region

EVENT = "event { id version status capacity signUpOpensAt signUpClosesAt } errors { code field message }"
CREATE = f"mutation($input: EventCreateInput!) {{ eventCreate(input: $input) {{ {EVENT} }} }}"
UPDATE = f"mutation($input: EventUpdateInput!) {{ eventUpdate(input: $input) {{ {EVENT} }} }}"


async def draft(api: Api, token: str, **extra: object) -> dict:  # type: ignore[type-arg]
    starts = api.clock.now + timedelta(days=7)
    return await call(
        api,
        token,
        CREATE,
        scope=await region(api.db, "工盛社区"),
        category="LECTURE",
        title="防诈骗讲座",
        startsAt=starts.isoformat(),
        endsAt=(starts + timedelta(hours=2)).isoformat(),
        **extra,
    )


async def test_an_event_takes_a_capacity_and_a_sign_up_window_shown_in_the_citys_time(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    made = await draft(
        api, editor, capacity=30, signUpOpensAt="2026-11-28T00:00:00Z", signUpClosesAt="2026-12-04T12:00:00+08:00"
    )

    assert made["errors"] == []
    assert made["event"]["capacity"] == 30
    assert made["event"]["signUpOpensAt"] == "2026-11-28T08:00:00+08:00"
    assert made["event"]["signUpClosesAt"] == "2026-12-04T12:00:00+08:00"


async def test_null_clears_the_limit_and_the_window_and_other_edits_keep_them(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    made = (
        await draft(
            api,
            editor,
            capacity=30,
            signUpOpensAt="2026-11-28T08:00:00+08:00",
            signUpClosesAt="2026-12-04T12:00:00+08:00",
        )
    )["event"]

    renamed = (await call(api, editor, UPDATE, id=made["id"], version=made["version"], title="反诈讲座"))["event"]
    cleared = await call(
        api,
        editor,
        UPDATE,
        id=made["id"],
        version=renamed["version"],
        capacity=None,
        signUpOpensAt=None,
        signUpClosesAt=None,
    )

    assert renamed["capacity"] == 30 and renamed["signUpOpensAt"] is not None
    assert cleared["errors"] == []
    assert (cleared["event"]["capacity"], cleared["event"]["signUpOpensAt"], cleared["event"]["signUpClosesAt"]) == (
        None,
        None,
        None,
    )


async def test_a_window_half_given_backwards_or_past_the_event_and_a_capacity_of_zero_are_refused(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    half = await draft(api, editor, signUpClosesAt="2026-12-04T12:00:00+08:00")
    backwards = await draft(
        api, editor, signUpOpensAt="2026-12-04T12:00:00+08:00", signUpClosesAt="2026-12-01T12:00:00+08:00"
    )
    too_late = await draft(
        api, editor, signUpOpensAt="2026-12-01T12:00:00+08:00", signUpClosesAt="2026-12-24T12:00:00+08:00"
    )
    zero = await draft(api, editor, capacity=0)

    assert half["errors"] == [
        {"code": "REQUIRED", "field": "signUpOpensAt", "message": "请同时填写报名开始和截止时间（都不填则无需报名）"}
    ]
    assert backwards["errors"] == [
        {"code": "INVALID", "field": "signUpClosesAt", "message": "报名截止时间须晚于报名开始时间"}
    ]
    assert too_late["errors"] == [
        {"code": "INVALID", "field": "signUpClosesAt", "message": "报名截止时间不能晚于活动结束时间"}
    ]
    assert zero["errors"] == [{"code": "INVALID", "field": "capacity", "message": "报名名额须在1到100000之间"}]
    assert await api.db.fetchval("SELECT count(*) FROM events") == 0


async def test_a_new_capacity_on_a_published_event_waits_for_review_in_its_revision(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    made = (await draft(api, editor, capacity=30))["event"]
    await api.db.execute("UPDATE events SET status = 'PUBLISHED' WHERE id = (SELECT max(id) FROM events)")

    revision = (await call(api, editor, UPDATE, id=made["id"], version=made["version"], capacity=50))["event"]

    assert revision["status"] == "DRAFT" and revision["id"] != made["id"] and revision["capacity"] == 50
    assert await api.db.fetchval("SELECT capacity FROM events WHERE status = 'PUBLISHED'") == 30
