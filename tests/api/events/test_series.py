"""Recurring events: a rule (RRULE) with skipped dates (EXDATE) makes a series of drafts in Zibo's time."""

from __future__ import annotations

import pytest

from tests.api import staff
from tests.api.conftest import Api
from tests.api.events.series import FIRST_START, PREVIEW, WEEKENDS, audited, tea_series
from tests.api.permissions.builders import region

WEEKEND_DAYS = ["2026-12-05", "2026-12-06", "2026-12-12", "2026-12-13", "2026-12-19", "2026-12-20"]
WEEKEND_DAYS += ["2026-12-26", "2026-12-27", "2027-01-02", "2027-01-03"]
UNREADABLE = "重复规则无法识别：请写一行 RRULE，例如 FREQ=WEEKLY;BYDAY=SA;COUNT=8"
TOO_MANY = "一个系列最多100次活动（跳过的日期不算），请缩短重复范围"
BY_DAY_OR_WEEK = "只能按天（FREQ=DAILY）或按周（FREQ=WEEKLY）重复"
ONLY_THESE_PARTS = "重复规则只能写 FREQ、INTERVAL、BYDAY、WKST 和 COUNT 或 UNTIL；时刻取自开始时间"


async def test_a_weekend_series_falls_at_half_past_seven_in_zibo_across_the_month_with_its_skipped_date_left_out(
    api: Api,
) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    payload = await tea_series(api, editor, skip=["2026-12-13"])

    assert payload["errors"] == []
    series = payload["series"]
    kept = [d for d in WEEKEND_DAYS if d != "2026-12-13"]
    # Written in UTC on the Friday evening, the rule's Saturdays are Zibo's Saturdays.
    assert [e["startsAt"] for e in series["events"]] == [f"{d}T07:30:00+08:00" for d in kept]
    assert [e["endsAt"] for e in series["events"]] == [f"{d}T09:30:00+08:00" for d in kept]
    assert {(e["status"], e["title"], e["series"]["id"]) for e in series["events"]} == {
        ("DRAFT", "周末下午茶", series["id"])
    }
    assert series["skipped"] == ["2026-12-13"]
    assert series["rule"] == "FREQ=WEEKLY;UNTIL=20270103T235959;BYDAY=SA,SU"
    assert series["startsAt"] == "2026-12-05T07:30:00+08:00"
    # Each event is its own audit entry, under the mutation's name.
    assert await audited(api, "eventSeriesCreate") == len(kept)


async def test_the_preview_gives_the_dates_the_series_would_have_without_writing_any(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    body = await api.gql(PREVIEW, {"startsAt": FIRST_START, "rule": WEEKENDS, "skip": ["2026-12-13"]}, token=editor)

    assert body["data"]["eventRecurrencePreview"] == {
        "rule": "FREQ=WEEKLY;UNTIL=20270103T235959;BYDAY=SA,SU",
        "dates": [d for d in WEEKEND_DAYS if d != "2026-12-13"],
        "skipped": ["2026-12-13"],
        "errors": [],
    }
    assert await api.db.fetchval("SELECT count(*) FROM events") == 0
    assert (await api.gql(PREVIEW, {"startsAt": FIRST_START, "rule": WEEKENDS}))["errors"][0]["extensions"][
        "code"
    ] == "UNAUTHENTICATED"


async def test_every_other_week_with_a_count_and_a_sign_up_window_moved_with_each_date(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    payload = await tea_series(
        api,
        editor,
        rule="FREQ=WEEKLY;INTERVAL=2;COUNT=3",
        capacity=30,
        signUpOpensAt="2026-12-01T09:00:00+08:00",
        signUpClosesAt="2026-12-04T18:00:00+08:00",
    )

    events = payload["series"]["events"]
    assert [(e["startsAt"], e["signUpOpensAt"], e["signUpClosesAt"]) for e in events] == [
        ("2026-12-05T07:30:00+08:00", "2026-12-01T09:00:00+08:00", "2026-12-04T18:00:00+08:00"),
        ("2026-12-19T07:30:00+08:00", "2026-12-15T09:00:00+08:00", "2026-12-18T18:00:00+08:00"),
        ("2027-01-02T07:30:00+08:00", "2026-12-29T09:00:00+08:00", "2027-01-01T18:00:00+08:00"),
    ]


async def test_a_skipped_date_the_rule_does_not_give_is_refused_and_nothing_is_written(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    payload = await tea_series(api, editor, skip=["2026-12-09"])

    assert payload["series"] is None
    assert payload["errors"] == [
        {"code": "INVALID", "field": "skip", "message": "跳过的日期 2026-12-09 不是这条规则给出的日期"}
    ]
    assert await api.db.fetchval("SELECT count(*) FROM events") == 0
    assert await api.db.fetchval("SELECT count(*) FROM event_series") == 0


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=WEEKLY;BYDAY=SA", "重复规则须有结束：用 UNTIL 写截止日期，或用 COUNT 写次数"),
        ("FREQ=DAILY;COUNT=101", TOO_MANY),
        ("FREQ=DAILY;UNTIL=20270401", TOO_MANY),
        ("每周六", UNREADABLE),
        ("FREQ=WEEKLY;BYDAY=XX;COUNT=3", UNREADABLE),
        ("DTSTART:20200101T000000\nRRULE:FREQ=WEEKLY;COUNT=3", UNREADABLE),
        ("FREQ=MONTHLY;COUNT=3", BY_DAY_OR_WEEK),
        ("FREQ=HOURLY;COUNT=3", BY_DAY_OR_WEEK),
        # A filter no date meets would have the parser search until the year 9999.
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1", ONLY_THESE_PARTS),
        ("FREQ=WEEKLY;BYHOUR=20;COUNT=3", ONLY_THESE_PARTS),
        ("FREQ=WEEKLY;INTERVAL=60;COUNT=3", "间隔（INTERVAL）须在1到52之间"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270103", "COUNT 和 UNTIL 只能写一个"),
        ("FREQ=WEEKLY;COUNT=0", "次数（COUNT）至少为1"),
        ("FREQ=WEEKLY;UNTIL=20261201", "按这条规则，跳过之后没有要举办的日期"),
        ("   ", "请填写重复规则"),
    ],
)
async def test_a_rule_that_is_unreadable_unbounded_or_too_long_is_refused_in_chinese(
    api: Api, rule: str, message: str
) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    payload = await tea_series(api, editor, rule=rule)
    preview = await api.gql(PREVIEW, {"startsAt": FIRST_START, "rule": rule}, token=editor)

    assert payload["series"] is None
    assert [(e["field"], e["message"]) for e in payload["errors"]] == [("rule", message)]
    assert preview["data"]["eventRecurrencePreview"]["errors"] == payload["errors"]
    assert await api.db.fetchval("SELECT count(*) FROM events") == 0


async def test_an_until_in_utc_is_read_as_that_instant_in_zibo(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    # 2026-12-12T00:00Z is 08:00 on the 12th in Zibo: the 07:30 event that day is in, the Sunday not.
    payload = await tea_series(api, editor, rule="FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20261212T000000Z")

    assert [e["startsAt"][:10] for e in payload["series"]["events"]] == ["2026-12-05", "2026-12-06", "2026-12-12"]


async def test_a_series_outside_the_editors_scope_is_refused_before_anything_is_written(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "柳毅社区")

    body = await api.gql(
        "mutation($input: EventSeriesCreateInput!) { eventSeriesCreate(input: $input) { errors { code } } }",
        {
            "input": {
                "scope": await region(api.db, "工盛社区"),
                "category": "AFTERNOON_TEA",
                "title": "周末下午茶",
                "startsAt": FIRST_START,
                "endsAt": "2026-12-05T01:30:00Z",
                "rule": WEEKENDS,
            }
        },
        token=editor,
    )

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await api.db.fetchval("SELECT count(*) FROM event_series") == 0


async def test_a_series_is_read_by_whoever_may_see_one_of_its_events(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    elsewhere = await staff.staff(api.db, "elsewhere", "EDITOR", "柳毅社区")
    series = (await tea_series(api, editor, rule="FREQ=WEEKLY;COUNT=2"))["series"]
    query = "query($id: ID!) { node(id: $id) { ... on EventSeries { rule events { startsAt } } } }"
    given = {"id": series["id"]}

    # Drafts: their scope's staff only; published, anyone.
    seen = [(await api.gql(query, given, token=token))["data"]["node"] for token in (editor, elsewhere, None)]
    await api.db.execute("UPDATE events SET status = 'PUBLISHED' WHERE starts_at = (SELECT min(starts_at) FROM events)")
    public = (await api.gql(query, given))["data"]["node"]

    assert seen[0] == {
        "rule": "FREQ=WEEKLY;COUNT=2",
        "events": [{"startsAt": "2026-12-05T07:30:00+08:00"}, {"startsAt": "2026-12-12T07:30:00+08:00"}],
    }
    assert seen[1:] == [None, None]
    assert public == {"rule": "FREQ=WEEKLY;COUNT=2", "events": [{"startsAt": "2026-12-05T07:30:00+08:00"}]}
