"""Copy forward: an event to later dates, a series by whole weeks; each copy a draft at the same time in Zibo."""

from __future__ import annotations

from tests.api import staff
from tests.api.conftest import Api
from tests.api.content.test_times import create as call
from tests.api.events.series import COPY, COPY_SERIES, audited, tea_series


async def test_an_event_copied_to_two_later_saturdays_keeps_its_hours_and_sign_up_window_but_not_its_head_count(
    api: Api,
) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    (source,) = (
        await tea_series(
            api,
            editor,
            rule="FREQ=WEEKLY;COUNT=1",
            signUpOpensAt="2026-12-01T09:00:00+08:00",
            signUpClosesAt="2026-12-04T18:00:00+08:00",
        )
    )["series"]["events"]
    await api.db.execute("UPDATE events SET participants = 40 WHERE id = (SELECT max(id) FROM events)")

    copied = await call(api, editor, COPY, id=source["id"], dates=["2026-12-19", "2026-12-12"])

    assert copied["errors"] == []
    assert [
        (e["status"], e["startsAt"], e["endsAt"], e["signUpOpensAt"], e["participants"], e["series"])
        for e in copied["events"]
    ] == [
        ("DRAFT", "2026-12-12T07:30:00+08:00", "2026-12-12T09:30:00+08:00", "2026-12-08T09:00:00+08:00", None, None),
        ("DRAFT", "2026-12-19T07:30:00+08:00", "2026-12-19T09:30:00+08:00", "2026-12-15T09:00:00+08:00", None, None),
    ]
    assert {e["title"] for e in copied["events"]} == {"周末下午茶"}
    assert await audited(api, "eventCopy") == 2


async def test_an_event_is_copied_forward_only(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    (source,) = (await tea_series(api, editor, rule="FREQ=WEEKLY;COUNT=1"))["series"]["events"]

    same_day = await call(api, editor, COPY, id=source["id"], dates=["2026-12-12", "2026-12-05"])

    assert same_day["events"] is None
    assert same_day["errors"] == [
        {"code": "INVALID", "field": "dates", "message": "复制到的日期须晚于原活动（2026-12-05），2026-12-05 不行"}
    ]
    assert await api.db.fetchval("SELECT count(*) FROM events") == 1


async def test_a_series_copied_four_weeks_on_is_a_new_series_of_drafts_without_its_archived_event(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    series = (await tea_series(api, editor, rule="FREQ=WEEKLY;BYDAY=SA;UNTIL=20261226", skip=["2026-12-19"]))["series"]
    # The 12 December one was called off.
    await api.db.execute("UPDATE events SET status = 'ARCHIVED' WHERE starts_at::date = '2026-12-11'")

    copied = await call(api, editor, COPY_SERIES, id=series["id"], weeks=4)

    assert copied["errors"] == []
    new = copied["series"]
    assert new["id"] != series["id"] and new["copiedFrom"] == {"id": series["id"]}
    assert [(e["startsAt"], e["status"]) for e in new["events"]] == [
        ("2027-01-02T07:30:00+08:00", "DRAFT"),
        ("2027-01-23T07:30:00+08:00", "DRAFT"),
    ]
    assert new["rule"] == "FREQ=WEEKLY;UNTIL=20270123T235959;BYDAY=SA"
    assert new["skipped"] == ["2027-01-16"]
    assert new["startsAt"] == "2027-01-02T07:30:00+08:00"
    assert await audited(api, "eventSeriesCopy") == 2


async def test_a_series_moves_by_whole_weeks_within_a_year(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    series = (await tea_series(api, editor, rule="FREQ=WEEKLY;COUNT=2"))["series"]

    refused = [await call(api, editor, COPY_SERIES, id=series["id"], weeks=weeks) for weeks in (0, 53)]

    assert [r["errors"] for r in refused] == [
        [{"code": "INVALID", "field": "weeks", "message": "顺延周数须在1到52之间"}]
    ] * 2
    assert await api.db.fetchval("SELECT count(*) FROM event_series") == 1
