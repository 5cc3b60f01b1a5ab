"""Times read as the city's clock: answers carry +08:00, inputs take any offset, and none is refused."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from qile_api.graphql.times import city_datetime
from tests.api import staff
from tests.api.conftest import Api
from tests.api.permissions.builders import region

EVENT = "event { id startsAt endsAt updatedAt } errors { code field message }"
CREATE_EVENT = f"mutation($input: EventCreateInput!) {{ eventCreate(input: $input) {{ {EVENT} }} }}"
CREATE_NOTICE = """mutation($input: NoticeCreateInput!) {
  noticeCreate(input: $input) { notice { id } errors { code field message } } }"""
EVENT_BY_ID = "query($id: ID!) { node(id: $id) { ... on Event { startsAt endsAt } } }"
PLAYS = "query($since: DateTime) { playTotals(by: ITEM, filter: {since: $since}) { plays } }"


async def create(api: Api, token: str, doc: str, **input: Any) -> dict[str, Any]:
    body = await api.gql(doc, {"input": input}, token=token)
    assert "errors" not in body, body
    (payload,) = body["data"].values()
    return payload  # type: ignore[no-any-return]


async def test_a_nine_oclock_event_reads_nine_oclock_whatever_offset_it_was_written_with(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    scope = await region(api.db, "工盛社区")

    in_utc = await create(
        api,
        editor,
        CREATE_EVENT,
        scope=scope,
        category="READING",
        title="读书会",
        startsAt="2026-12-01T01:00:00+00:00",
        endsAt="2026-12-01T03:00:00Z",
    )
    in_beijing = await create(
        api,
        editor,
        CREATE_EVENT,
        scope=scope,
        category="READING",
        title="读书会",
        startsAt="2026-12-01T09:00:00+08:00",
        endsAt="2026-12-01T11:00:00+08:00",
    )
    read_back = (await api.gql(EVENT_BY_ID, {"id": in_utc["event"]["id"]}, token=editor))["data"]["node"]

    assert in_utc["event"]["startsAt"] == "2026-12-01T09:00:00+08:00"
    assert in_utc["event"]["endsAt"] == "2026-12-01T11:00:00+08:00"
    assert in_beijing["event"]["startsAt"] == "2026-12-01T09:00:00+08:00"
    assert read_back == {"startsAt": "2026-12-01T09:00:00+08:00", "endsAt": "2026-12-01T11:00:00+08:00"}
    assert in_utc["event"]["updatedAt"].endswith("+08:00")


async def test_a_time_without_offset_is_refused_not_guessed(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    scope = await region(api.db, "工盛社区")

    event = await create(
        api,
        editor,
        CREATE_EVENT,
        scope=scope,
        category="READING",
        title="读书会",
        startsAt="2026-12-01T09:00:00",
        endsAt="2026-12-01T11:00:00+08:00",
    )
    notice = await create(
        api,
        editor,
        CREATE_NOTICE,
        scope=scope,
        category="SERVICE",
        title="停水",
        body="周四停水。",
        displayStart="2026-12-01T09:00:00",
    )
    plays = await api.gql(PLAYS, {"since": "2026-12-01T00:00:00"}, token=editor)

    assert event["event"] is None
    assert [(e["code"], e["field"]) for e in event["errors"]] == [("INVALID", "startsAt")]
    assert [(e["code"], e["field"]) for e in notice["errors"]] == [("INVALID", "displayStart")]
    assert "时区" in notice["errors"][0]["message"]
    assert plays["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "filter.since"}
    assert await api.db.fetchval("SELECT count(*) FROM events") == 0


def test_answers_follow_the_configured_city() -> None:
    instant = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)

    assert city_datetime("Asia/Shanghai").serialize(instant) == "2026-12-01T09:00:00+08:00"
    assert city_datetime("Europe/Berlin").serialize(instant) == "2026-12-01T02:00:00+01:00"
