"""Parts 3–8: teams, events, selections, recognitions and attestations at their thresholds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.api.assessment import records as r
from tests.api.conftest import Api


@pytest.mark.parametrize(
    ("teams", "expected"),
    [
        ([15, 15, 15], ("MET", 3)),
        ([15, 15, 14], ("NOT_MET", 2)),
        ([40, 16, 15, 15], ("MET", 4)),
    ],
)
async def test_three_teams_of_fifteen(api: Api, teams: list[int], expected: tuple[str, int]) -> None:
    for members in teams:
        await r.team(api.db, members)

    assert await r.result(api, "organisation.teams") == expected


async def test_a_team_not_active_all_year_or_of_volunteers_does_not_count(api: Api) -> None:
    await r.team(api.db, 15)
    await r.team(api.db, 15, kind="SPORTS")
    await r.team(api.db, 30, all_year=False)
    await r.team(api.db, 30, kind="VOLUNTEER")

    found = (await r.results(api))["organisation.teams"]

    assert (found["status"], found["measured"]) == ("NOT_MET", 2)
    assert [e["label"] for e in found["evidence"]] == ["CULTURE队15（15人）", "SPORTS队15（15人）"]
    assert await r.result(api, "practice.volunteer_teams") == ("MET", 1)


async def test_every_event_count_criterion_at_and_below_its_threshold(api: Api) -> None:
    for criterion in await r.criteria(api.db, "events_count"):
        params, needed = criterion["params"], int(criterion["threshold"])
        category = (params.get("categories") or ["OTHER"])[0]
        large = bool(params.get("large_scale", False))
        await api.db.execute("TRUNCATE events RESTART IDENTITY CASCADE")
        await r.events(api.db, needed - 1, category=category, large=large, participants=100)
        # A planned event has not taken place; a recruitment fair is no culture event.
        await r.event(api.db, category=category, large=large, starts=api.clock.now + timedelta(days=1))
        await r.event(api.db, category="RECRUITMENT", participants=None)
        assert await r.result(api, criterion["key"]) == ("NOT_MET", needed - 1), criterion["key"]

        await r.event(api.db, category=category, large=large, participants=100)
        assert await r.result(api, criterion["key"]) == ("MET", needed), criterion["key"]


async def test_only_published_events_of_the_community_in_the_year_that_took_place_count(api: Api) -> None:
    await r.events(api.db, 4, large=True)
    await r.event(api.db, large=True, status="DRAFT")
    await r.event(api.db, large=True, starts=datetime(2025, 12, 31, 15, 0, tzinfo=UTC))  # 2025-12-31 23:00 in Zibo
    await r.event(api.db, large=True, scope="车站街道")
    await r.event(api.db, large=True, starts=api.clock.now - timedelta(hours=1))  # still running

    assert await r.result(api, "supply.large_events") == ("NOT_MET", 4)

    await r.event(api.db, large=True, starts=datetime(2026, 12, 31, 16, 30, tzinfo=UTC))  # 2027-01-01 00:30 in Zibo
    api.clock.now = datetime(2027, 1, 2, tzinfo=UTC)
    assert await r.result(api, "supply.large_events") == ("MET", 5)  # the running one is over now


async def test_no_events_in_the_year_is_unknown(api: Api) -> None:
    await r.event(api.db, large=True, starts=datetime(2025, 6, 1, tzinfo=UTC))

    assert await r.result(api, "supply.large_events") == ("UNKNOWN", None)


@pytest.mark.parametrize(
    ("last", "expected"),
    [(30, ("MET", 15)), (29, ("NOT_MET", 14)), (None, ("UNKNOWN", None))],
)
async def test_fifteen_events_with_broad_participation(
    api: Api, last: int | None, expected: tuple[str, float | None]
) -> None:
    await r.events(api.db, 14, category="READING", participants=30)
    await r.event(api.db, category="FITNESS", participants=last)
    await r.event(api.db, category="RECRUITMENT", participants=200)  # not a culture activity

    assert await r.result(api, "organisation.culture_events") == expected


ALL_KINDS = ("CIVIL_COURTYARD", "CIVIL_FAMILY", "CIVIL_ESTATE", "GREEN_ESTATE", "SAFE_ESTATE")


@pytest.mark.parametrize(
    ("participating", "expected"),
    [
        ((90, 90, 90, 90, 90), ("MET", 90)),
        ((100, 95, 92, 91, 90), ("MET", 90)),
        ((100, 100, 100, 100, 89.9), ("NOT_MET", 89.9)),
        ((95, 95, 95, 95, None), ("UNKNOWN", None)),
        ((80, 95, 95, 95, None), ("NOT_MET", 0)),
    ],
)
async def test_selection_participation_of_90_percent(
    api: Api, participating: tuple[float | None, ...], expected: tuple[str, float | None]
) -> None:
    for kind, share in zip(ALL_KINDS, participating, strict=True):
        if share is not None:
            await r.selection(api.db, kind, int(share * 10), 1000)
    await r.selection(api.db, "SAFE_ESTATE", 1, 1000, year=2025)  # another year

    assert await r.result(api, "cultivation.selection_participation") == expected


@pytest.mark.parametrize(
    ("levels", "promoted", "national"),
    [
        ([], ("UNKNOWN", None), ("UNKNOWN", None)),
        (["CITY"], ("NOT_MET", 0), ("NOT_MET", 0)),
        (["CITY", "PROVINCIAL"], ("MET", 1), ("NOT_MET", 0)),
        (["NATIONAL"], ("MET", 1), ("MET", 1)),
    ],
)
async def test_recognitions_provincial_and_national(
    api: Api, levels: list[str], promoted: tuple[str, float | None], national: tuple[str, float | None]
) -> None:
    for level in levels:
        await r.recognition(api.db, level)
    await r.recognition(api.db, "NATIONAL", on=date(2027, 1, 1))  # after the year: not yet

    assert await r.result(api, "highlights.promoted") == promoted
    assert await r.result(api, "highlights.national_brand") == national


async def test_every_attested_criterion_follows_the_latest_attestation_of_the_year(api: Api) -> None:
    keys = [c["key"] for c in await r.criteria(api.db, "attested")]
    assert len(keys) == 10
    for key in keys:
        await r.attestation(api.db, key, True, year=2025)
    before = await r.results(api)
    assert {before[k]["status"] for k in keys} == {"UNKNOWN"}

    for key in keys:
        await r.attestation(api.db, key, False)
        await r.attestation(api.db, key, True, at=r.PAST + timedelta(days=1))
    await r.attestation(api.db, keys[0], False, at=r.PAST + timedelta(days=2))

    after = await r.results(api)
    assert (after[keys[0]]["status"], after[keys[0]]["measured"]) == ("NOT_MET", 0)
    assert {after[k]["status"] for k in keys[1:]} == {"MET"}
    assert after[keys[1]]["evidence"][0]["kind"] == "ATTESTATION"
    assert after[keys[1]]["evidence"][0]["label"].startswith("李主任 2026-06-02 达标")
