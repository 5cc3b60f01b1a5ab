"""Turnout into the assessment: check-ins at the door count as participation, named in the evidence,
in the community's assessment, the pilot programme and the office's CSV alike."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from strawberry.relay import to_base64

from tests.api import staff
from tests.api.assessment import records as r
from tests.api.conftest import Api

CHECK_IN = """mutation($input: EventCheckInInput!) { eventCheckIn(input: $input) { errors { message } } }"""
WALK_INS = """mutation($input: EventWalkInsInput!) { eventWalkInsAdd(input: $input) { errors { message } } }"""
SIGN_UP = (
    """mutation($input: EventSignUpInput!) { eventSignUp(input: $input) { signUp { code } errors { message } } }"""
)
KEY = "organisation.culture_events"
PROGRAMME = "{ pilotProgramme(year: 2026) { pilots { community { name } counts { met } } } }"


async def criterion(api: Api) -> dict[str, Any]:
    return (await r.results(api))[KEY]


async def pilot_met(api: Api) -> int:
    """Criteria met by the pilot 工盛社区, as the pilot programme shows it."""
    pilots = (await api.gql(PROGRAMME))["data"]["pilotProgramme"]["pilots"]
    met: int = next(p["counts"]["met"] for p in pilots if p["community"]["name"] == r.COMMUNITY)
    return met


async def csv_row(reports: httpx.AsyncClient) -> dict[str, str]:
    """The criterion's row for 工盛社区 in the office's CSV (UTF-8 with a BOM)."""
    response = await reports.get("/reports/assessment.csv", params={"year": "2026", "district": "张店区"})
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return next(row for row in rows if row["社区"] == r.COMMUNITY and row["标准项"] == KEY)


async def test_a_communitys_participation_is_met_once_the_last_events_crowd_is_checked_in(
    api: Api, reports: httpx.AsyncClient
) -> None:
    # given fourteen reading events with 30 people each, and a fitness event whose head count nobody typed in
    await r.events(api.db, 14, category="READING", participants=30)
    starts = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # an hour before the tests' clock
    fitness = await r.event(api.db, category="FITNESS", participants=None, starts=starts, title="广场舞大赛")
    await api.db.execute(
        "UPDATE events SET ends_at = $2, sign_up_opens_at = $3, sign_up_closes_at = $2 WHERE id = $1",
        fitness,
        starts + timedelta(hours=2),
        starts - timedelta(days=7),
    )
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    event = to_base64("Event", fitness)
    codes = []
    for i in range(4):
        sign_up = {"event": event, "name": f"居民{i}", "mobile": f"1391234000{i}", "people": 3, "consent": True}
        codes.append((await api.gql(SIGN_UP, {"input": sign_up}))["data"]["eventSignUp"]["signUp"]["code"])
    api.clock.now = starts + timedelta(hours=3)  # the event is over, its count still open
    before, pilot_before, row_before = await criterion(api), await pilot_met(api), await csv_row(reports)

    # when the twelve residents who signed up are checked in and 20 more are counted as walk-ins
    for code in codes:
        checked = await api.gql(CHECK_IN, {"input": {"event": event, "code": code}}, token=editor)
        assert checked["data"]["eventCheckIn"]["errors"] == []
    await api.gql(WALK_INS, {"input": {"event": event, "count": 20}}, token=editor)
    after, pilot_after, row_after = await criterion(api), await pilot_met(api), await csv_row(reports)

    # then the assessment, read through the same query, counts it, naming the event and its count
    assert (before["status"], before["measured"]) == ("UNKNOWN", None)
    assert (after["status"], after["measured"]) == ("MET", 15)
    assert any(e["label"] == "广场舞大赛（2026-11-28，签到32人）" for e in after["evidence"])
    assert any(e["label"].endswith("，登记30人）") for e in after["evidence"])
    # and so do the pilot programme and the office's CSV
    assert pilot_after == pilot_before + 1
    assert (row_before["结果"], row_before["测量值"]) != ("达标", "15")
    assert (row_after["结果"], row_after["测量值"]) == ("达标", "15")
    assert "广场舞大赛（2026-11-28，签到32人）" in row_after["依据"]


async def test_a_corrected_count_below_thirty_takes_the_event_out_of_broad_participation(api: Api) -> None:
    await r.events(api.db, 15, category="READING", participants=None)
    ids = [row["id"] for row in await api.db.fetch("SELECT id FROM events ORDER BY id")]
    for i in ids:
        await api.db.execute(
            "INSERT INTO event_attendance (event_id, checked_in, walk_ins, updated_at) VALUES ($1, 25, 10, now())", i
        )
    met = await criterion(api)
    await api.db.execute("UPDATE event_attendance SET corrected = 12 WHERE event_id = $1", ids[0])

    assert (met["status"], met["measured"]) == ("MET", 15)
    assert (await criterion(api))["status"] == "NOT_MET"
