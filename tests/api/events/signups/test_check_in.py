"""At the door: staff check residents in by code or by name and count walk-ins; the count follows, unreviewed."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from tests.api import staff
from tests.api.conftest import Api
from tests.api.events.signups.residents import cancel, event_gid, open_event, sign_up

CHECK_IN = """mutation($input: EventCheckInInput!) {
  eventCheckIn(input: $input) {
    signUp { name checkedInPeople checkedInAt } attendance { checkedIn walkIns participants version }
    errors { code field message }
  }
}"""
WALK_INS = """mutation($input: EventWalkInsInput!) {
  eventWalkInsAdd(input: $input) { attendance { walkIns participants version } errors { code field message } }
}"""
CORRECT = """mutation($input: EventAttendanceCorrectInput!) {
  eventAttendanceCorrect(input: $input) { attendance { corrected participants version } errors { code field message } }
}"""
EVENT = "query($id: ID!) { node(id: $id) { ... on Event { participants status attendance { participants } } } }"
FIND = "query($event: ID!, $name: String) { eventSignUps(event: $event, search: $name) { nodes { id name } } }"


async def call(api: Api, token: str, doc: str, **input: Any) -> dict[str, Any]:
    body = await api.gql(doc, {"input": input}, token=token)
    assert "errors" not in body, body
    (payload,) = body["data"].values()
    return payload  # type: ignore[no-any-return]


async def at_the_door(api: Api) -> tuple[int, str, str]:
    """A published event starting in an hour, with two sign-ups; the editor's token and 王秀兰's code."""
    event = await open_event(api.db, api.clock.now, starts_in=timedelta(hours=1), closes=timedelta(minutes=30))
    code = (await sign_up(api, event, "13812345678", name="王秀兰", people=3))["signUp"]["code"]
    await sign_up(api, event, "13987654321", name="李建国")
    return event, await staff.staff(api.db, "editor", "EDITOR", "工盛社区"), code


async def test_a_code_checks_a_resident_in_and_the_published_event_counts_them_without_a_revision(api: Api) -> None:
    event, editor, code = await at_the_door(api)

    checked = await call(api, editor, CHECK_IN, event=event_gid(event), code=code.lower())
    shown = (await api.gql(EVENT, {"id": event_gid(event)}))["data"]["node"]

    assert checked["errors"] == []
    assert checked["signUp"]["name"] == "王秀兰" and checked["signUp"]["checkedInPeople"] == 3
    assert checked["attendance"] == {"checkedIn": 3, "walkIns": 0, "participants": 3, "version": 1}
    assert shown == {"participants": 3, "status": "PUBLISHED", "attendance": {"participants": 3}}
    assert await api.db.fetchval("SELECT count(*) FROM events") == 1  # no draft revision to review
    (after,) = [r["after"] for r in await api.db.fetch("SELECT after FROM audit_log WHERE action = 'eventCheckIn'")]
    assert "王秀兰" not in after and "13812345678" not in after


async def test_a_resident_found_by_name_is_checked_in_with_the_people_who_actually_came(api: Api) -> None:
    event, editor, _ = await at_the_door(api)

    (found,) = (await api.gql(FIND, {"event": event_gid(event), "name": "秀兰"}, token=editor))["data"]["eventSignUps"][
        "nodes"
    ]
    checked = await call(api, editor, CHECK_IN, event=event_gid(event), signUp=found["id"], people=2)

    assert checked["attendance"]["checkedIn"] == 2


async def test_twice_a_wrong_code_too_early_and_cancelling_once_checked_in_are_refused(api: Api) -> None:
    event, editor, code = await at_the_door(api)
    early = await open_event(api.db, api.clock.now, starts_in=timedelta(hours=5))
    early_code = (await sign_up(api, early))["signUp"]["code"]

    first = await call(api, editor, CHECK_IN, event=event_gid(event), code=code)
    twice = await call(api, editor, CHECK_IN, event=event_gid(event), code=code)
    wrong = await call(api, editor, CHECK_IN, event=event_gid(event), code="ZZZZZZ")
    too_early = await call(api, editor, CHECK_IN, event=event_gid(early), code=early_code)
    cancelled = await cancel(api, event, code)

    assert first["errors"] == []
    assert twice["errors"] == [{"code": "INVALID_TRANSITION", "field": "code", "message": "王秀兰已签到"}]
    assert wrong["errors"][0]["code"] == "NOT_FOUND"
    assert too_early["errors"] == [
        {"code": "INVALID_TRANSITION", "field": "event", "message": "活动开始前3小时内才能签到"}
    ]
    assert cancelled["errors"][0]["message"] == "已签到的报名不能取消"
    assert await api.db.fetchval("SELECT checked_in FROM event_attendance WHERE event_id = $1", event) == 3


async def test_walk_ins_add_to_the_count_and_a_correction_wins_audited(api: Api) -> None:
    event, editor, code = await at_the_door(api)
    await call(api, editor, CHECK_IN, event=event_gid(event), code=code)

    walked = await call(api, editor, WALK_INS, event=event_gid(event), count=30)
    below_zero = await call(api, editor, WALK_INS, event=event_gid(event), count=-31)
    stale = await call(api, editor, CORRECT, event=event_gid(event), version=1, participants=35)
    corrected = await call(api, editor, CORRECT, event=event_gid(event), version=2, participants=35)
    shown = (await api.gql(EVENT, {"id": event_gid(event)}))["data"]["node"]["participants"]
    cleared = await call(api, editor, CORRECT, event=event_gid(event), version=3, participants=None)

    assert walked["attendance"] == {"walkIns": 30, "participants": 33, "version": 2}
    assert below_zero["errors"] == [{"code": "INVALID", "field": "count", "message": "现场人数不能少于0"}]
    assert stale["errors"][0]["code"] == "CONFLICT"
    assert corrected["attendance"] == {"corrected": 35, "participants": 35, "version": 3}
    assert shown == 35
    assert cleared["attendance"] == {"corrected": None, "participants": 33, "version": 4}
    actions = [r["action"] for r in await api.db.fetch("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["eventCheckIn", "eventWalkInsAdd", "eventAttendanceCorrect", "eventAttendanceCorrect"]


async def test_a_correction_needs_a_count_and_its_audit_shows_the_count_before_and_after(api: Api) -> None:
    event, editor, code = await at_the_door(api)

    nothing_yet = await call(api, editor, CORRECT, event=event_gid(event), version=1, participants=10)
    await call(api, editor, CHECK_IN, event=event_gid(event), code=code)
    corrected = await call(api, editor, CORRECT, event=event_gid(event), version=1, participants=10)

    assert nothing_yet["errors"] == [
        {"code": "INVALID_TRANSITION", "field": "event", "message": "尚无签到记录，请在活动信息中登记参与人数"}
    ]
    assert corrected["attendance"] == {"corrected": 10, "participants": 10, "version": 2}
    entry = await api.db.fetchrow(
        "SELECT object_type, object_id, region_id, before, after FROM audit_log WHERE action = 'eventAttendanceCorrect'"
    )
    assert entry is not None and (entry["object_type"], entry["object_id"]) == ("Event", event)
    assert entry["region_id"] == await api.db.fetchval("SELECT region_id FROM events WHERE id = $1", event)
    assert json.loads(entry["before"])["participants"] == 3 and json.loads(entry["after"])["participants"] == 10
    assert "王秀兰" not in entry["after"]
