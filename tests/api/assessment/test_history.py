"""Monthly snapshots of the assessment and `assessmentHistory`: the office sees progress over time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from qile_api.assessment.snapshots import run_snapshot_job, take_closing
from qile_api.settings import Settings
from qile_api.state import AppState
from tests.api import staff
from tests.api.assessment import records as r
from tests.api.conftest import Api

ZONE = "Asia/Shanghai"
HISTORY = """
query($region: ID, $months: Int!, $pilot: Boolean) {
  assessmentHistory(region: $region, months: $months, pilot: $pilot) {
    month year closing takenAt communities
    counts { met notMet unknown total }
    parts { number name counts { met notMet unknown } }
  }
}
"""
TAKE = """
mutation { assessmentSnapshotTake { snapshot { month closing communities counts { met notMet unknown } }
                                    errors { message } } }
"""
AUDIT = "{ auditLog(first: 5) { nodes { action objectType after } } }"
# 1 November and 1 December 2026 at 10:00 in Zibo.
NOV_1 = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
DEC_1 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


async def history(api: Api, months: int = 12, **variables: Any) -> list[dict[str, Any]]:
    body = await api.gql(HISTORY, {"months": months, **variables})
    assert "errors" not in body, body
    found: list[dict[str, Any]] = body["data"]["assessmentHistory"]
    return found


async def test_a_month_once_over_is_kept_as_its_assessment_stood(api: Api) -> None:
    # Given 工盛社区 with a practice station big enough, on 1 December
    await r.facility(api.db, "PRACTICE_STATION", indoor="300")
    api.clock.now = DEC_1

    # When the API takes November's closing snapshot
    assert await take_closing(api.db, api.clock.now, ZONE) == datetime(2026, 11, 1).date()

    # Then the office reads November for 工盛社区 as the assessment counts it, part by part
    points = await history(api, region=await r.community_gid(api))
    assert [(p["month"], p["year"], p["closing"], p["communities"]) for p in points] == [("2026-11-01", 2026, True, 1)]
    assessed = await r.assessment(api)
    assert points[0]["counts"] == {k: assessed["counts"][k] for k in ("met", "notMet", "unknown", "total")}
    assert [(p["number"], p["name"], p["counts"]) for p in points[0]["parts"]] == [
        (p["number"], p["name"], {k: p["counts"][k] for k in ("met", "notMet", "unknown")}) for p in assessed["parts"]
    ]
    assert points[0]["takenAt"] == "2026-12-01T10:00:00+08:00"
    # And the city's history counts every community
    city = await history(api)
    assert city[0]["communities"] == 20


async def test_progress_shows_month_after_month(api: Api) -> None:
    # Given October closed with nothing recorded
    api.clock.now = NOV_1
    await take_closing(api.db, api.clock.now, ZONE)
    # And in November 工盛社区 recorded a reading room and a recreation room (facilities.station_rooms)
    await r.facility(api.db, "READING_ROOM")
    await r.facility(api.db, "RECREATION_ROOM")
    api.clock.now = DEC_1
    await take_closing(api.db, api.clock.now, ZONE)

    # When the office reads 工盛社区's history
    points = await history(api, region=await r.community_gid(api))

    # Then November has one criterion more met than October, in part 1
    assert [p["month"] for p in points] == ["2026-10-01", "2026-11-01"]
    october, november = points
    assert november["counts"]["met"] == october["counts"]["met"] + 1
    assert november["parts"][0]["counts"]["met"] == october["parts"][0]["counts"]["met"] + 1


async def test_only_one_process_takes_the_month(api: Api) -> None:
    api.clock.now = DEC_1

    # When two API processes check at the same moment
    taken = await asyncio.gather(*(take_closing(api.db, api.clock.now, ZONE) for _ in range(3)))

    # Then one took November and the others found it taken
    assert [t for t in taken if t is not None] == [datetime(2026, 11, 1).date()]
    assert await api.db.fetchval("SELECT count(*) FROM assessment_snapshots") == 20 * 8


async def test_a_month_is_not_closed_weeks_late(api: Api) -> None:
    # The API was down until 10 December: what it sees now is no longer November
    api.clock.now = datetime(2026, 12, 10, 2, 0, tzinfo=UTC)

    assert await take_closing(api.db, api.clock.now, ZONE) is None
    assert await history(api) == []


async def test_the_job_in_the_api_process_takes_last_month(api: Api) -> None:
    # Given an API process on 1 December with the snapshot check on
    state = AppState.create(Settings(snapshot_check_seconds=3600, _env_file=None), api.db)  # type: ignore[call-arg]
    state.clock = lambda: DEC_1
    job = asyncio.create_task(run_snapshot_job(api.db, state))
    try:
        # When it starts, it takes November without being asked
        for _ in range(200):
            if await api.db.fetchval("SELECT count(*) FROM assessment_snapshots WHERE closing") == 20 * 8:
                break
            await asyncio.sleep(0.05)
    finally:
        job.cancel()
    api.clock.now = DEC_1
    assert [(p["month"], p["closing"]) for p in await history(api)] == [("2026-11-01", True)]


async def test_staff_take_the_month_so_far_for_their_scope(api: Api) -> None:
    # Given a district reviewer on 28 November
    reviewer = await staff.staff(api.db, "zhangdian", "REVIEWER", "张店区")
    await r.facility(api.db, "PRACTICE_STATION", indoor="300")

    # When they take a snapshot now
    body = await api.gql(TAKE, token=reviewer)

    # Then November so far is kept for their district's four communities, not closed yet
    payload = body["data"]["assessmentSnapshotTake"]
    assert payload["errors"] == []
    assert (payload["snapshot"]["month"], payload["snapshot"]["closing"], payload["snapshot"]["communities"]) == (
        "2026-11-01",
        False,
        4,
    )
    # And it is in the audit log
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    entry = (await api.gql(AUDIT, token=admin))["data"]["auditLog"]["nodes"][0]
    assert (entry["action"], entry["objectType"]) == ("assessmentSnapshotTake", "AssessmentSnapshot")

    # When November is over, the closing snapshot replaces it for the whole city
    api.clock.now = DEC_1
    await take_closing(api.db, api.clock.now, ZONE)
    assert [(p["closing"], p["communities"]) for p in await history(api)] == [(True, 20)]


async def test_an_editor_may_not_take_one_nor_read_outside_the_scope(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "张店区")
    refused = await api.gql(TAKE, token=editor)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    zichuan = await r.community_gid(api, "山水缘社区")
    outside = await api.gql(HISTORY, {"months": 12, "region": zichuan}, token=editor)
    assert outside["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_pilot_filter_and_months_bounds(api: Api) -> None:
    api.clock.now = DEC_1
    await take_closing(api.db, api.clock.now, ZONE)
    # All 20 seeded communities are pilots
    assert (await history(api, pilot=True))[0]["communities"] == 20
    assert await history(api, pilot=False) == []
    # Only this month (December) has none yet
    assert await history(api, months=1) == []
    bad = await api.gql(HISTORY, {"months": 0})
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
