"""The demo records show every status, and seeding twice adds nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from qile_api.seed.assessment import seed_assessment_demo
from tests.api.assessment import records as r
from tests.api.conftest import Api


async def test_demo_shows_a_mix_and_is_idempotent(api: Api) -> None:
    async with api.db.transaction() as tx:
        await seed_assessment_demo(tx, now=api.clock.now)
    async with api.db.transaction() as tx:
        await seed_assessment_demo(tx, now=api.clock.now)

    data = await r.assessment(api)
    found = await r.results(api)

    # The README's figures for 工盛社区.
    assert (data["counts"]["met"], data["counts"]["notMet"], data["counts"]["unknown"]) == (15, 7, 8)
    assert found["facilities.station_area"]["status"] == "MET"
    assert found["facilities.outdoor_squares"]["status"] == "NOT_MET"
    assert found["cultivation.selection_participation"]["status"] == "UNKNOWN"
    assert found["organisation.teams"]["status"] == "MET"
    assert await api.db.fetchval("SELECT count(*) FROM events WHERE demo_key LIKE 'pe-%'") == 11


async def test_demo_early_in_january_keeps_events_in_the_past(api: Api) -> None:
    early = datetime(2026, 1, 1, 0, 30, tzinfo=UTC)  # 08:30 on New Year's Day in Zibo
    async with api.db.transaction() as tx:
        await seed_assessment_demo(tx, now=early)

    assert await api.db.fetchval("SELECT count(*) FROM events WHERE ends_at > $1", early) == 0
