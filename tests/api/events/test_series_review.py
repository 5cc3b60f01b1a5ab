"""A series goes through review in one call each step: all of its events, or none of them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.content.test_times import create as call
from tests.api.events.series import APPROVE_ALL, REJECT_ALL, SUBMIT_ALL, audited, items, tea_series
from tests.api.permissions.builders import gid

FEED = "{ screenFeed { events { title startsAt } } }"


async def submitted_series(api: Api, editor: str) -> list[dict[str, Any]]:
    events = (await tea_series(api, editor, skip=["2026-12-13"]))["series"]["events"]
    submitted = await call(api, editor, SUBMIT_ALL, items=items(events))
    assert submitted["errors"] == []
    return list(submitted["events"])


async def statuses(api: Api) -> set[str]:
    return {r["status"] for r in await api.db.fetch("SELECT status FROM events WHERE series_id IS NOT NULL")}


async def test_a_series_submitted_and_approved_in_one_call_each_reaches_the_screens(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    screen = await f.screen(api.db, "工盛社区")

    events = await submitted_series(api, editor)
    approved = await call(api, reviewer, APPROVE_ALL, items=items(events))
    feed = (await api.gql(FEED, token=screen))["data"]["screenFeed"]["events"]

    assert approved["errors"] == []
    assert [e["id"] for e in approved["events"]] == [e["id"] for e in events]
    assert {e["status"] for e in approved["events"]} == {"PUBLISHED"}
    # The screen's schedule reaches 14 days ahead of the clock (28 November, 10:00): two weekends.
    assert feed == [
        {"title": "周末下午茶", "startsAt": f"{day}T07:30:00+08:00"}
        for day in ("2026-12-05", "2026-12-06", "2026-12-12")
    ]
    # Each event is audited on its own, under the batch's names.
    assert await audited(api, "eventBatchSubmit") == len(events) == 9
    assert await audited(api, "eventBatchApprove") == len(events)


async def test_one_event_outside_the_reviewers_scope_refuses_the_whole_batch(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    events = await submitted_series(api, editor)
    # Another subdistrict's event, in review too.
    beside = await f.event(api.db, "柳毅社区", "广场舞", starts=api.clock.now + timedelta(days=3), status="IN_REVIEW")

    body = await api.gql(
        APPROVE_ALL, {"input": {"items": [*items(events), {"id": gid("Event", beside), "version": 1}]}}, token=reviewer
    )

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["data"] is None
    assert await statuses(api) == {"IN_REVIEW"}
    assert await audited(api, "eventBatchApprove") == 0


async def test_one_stale_event_refuses_the_whole_batch_naming_its_place(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    events = await submitted_series(api, editor)
    stale = [*items(events[:2]), {"id": events[2]["id"], "version": events[2]["version"] - 1}]

    refused = await call(api, reviewer, APPROVE_ALL, items=stale)

    assert refused["events"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("CONFLICT", "items.2.version")]
    assert refused["errors"][0]["message"].startswith("第3项：活动已被他人修改")
    assert await statuses(api) == {"IN_REVIEW"}
    assert await audited(api, "eventBatchApprove") == 0


async def test_nobody_approves_a_series_they_submitted_themselves(api: Api) -> None:
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    events = await submitted_series(api, reviewer)

    refused = await call(api, reviewer, APPROVE_ALL, items=items(events))

    assert refused["errors"][0]["code"] == "SELF_APPROVAL"
    assert refused["errors"][0]["field"].startswith("items.")
    assert await statuses(api) == {"IN_REVIEW"}


async def test_a_series_is_sent_back_with_one_reason_each_editor_reads(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    events = await submitted_series(api, editor)

    empty = await call(api, reviewer, REJECT_ALL, items=items(events), reason="  ")
    rejected = await call(api, reviewer, REJECT_ALL, items=items(events), reason="请写明报名方式")

    assert empty["errors"] == [{"code": "REQUIRED", "field": "reason", "message": "请填写退回理由"}]
    assert rejected["errors"] == []
    reasons = await api.db.fetch("SELECT status, reject_reason FROM events WHERE series_id IS NOT NULL")
    assert {(r["status"], r["reject_reason"]) for r in reasons} == {("REJECTED", "请写明报名方式")}
    assert await audited(api, "eventBatchReject") == len(events)


async def test_a_batch_names_each_event_once_and_not_too_many(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    events = (await tea_series(api, editor))["series"]["events"]

    twice = await call(api, editor, SUBMIT_ALL, items=[*items(events[:1]), *items(events[:1])])
    none = await call(api, editor, SUBMIT_ALL, items=[])

    assert twice["errors"] == [{"code": "INVALID", "field": "items", "message": "同一项出现了不止一次"}]
    assert none["errors"] == [{"code": "REQUIRED", "field": "items", "message": "请至少选择一项"}]
    assert await api.db.fetchval("SELECT count(*) FROM events WHERE status <> 'DRAFT'") == 0
