"""`make run`'s demo content is plausible on whatever day it is seeded: real festival days, sensible hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from qile_api.reference.festivals import festival_date, next_festival
from qile_api.seed.calendar import SHANGHAI
from qile_api.seed.demo import seed_demo
from tests.api.conftest import Api

# 10:00 in Zibo on days around the year: before 春节, the eve of 端午, late autumn, New Year's morning.
DAYS = [
    datetime(2026, 2, 10, 2, 0, tzinfo=UTC),
    datetime(2026, 6, 18, 2, 0, tzinfo=UTC),
    datetime(2026, 11, 28, 2, 0, tzinfo=UTC),
    datetime(2027, 1, 1, 0, 30, tzinfo=UTC),
]


async def seeded(api: Api, now: datetime) -> dict[str, Any]:
    async with api.db.transaction() as tx:
        await seed_demo(tx, now=now)
    rows = await api.db.fetch("SELECT demo_key, title, starts_at, ends_at FROM events WHERE is_demo")
    return {r["demo_key"]: r for r in rows}


@pytest.mark.parametrize("now", DAYS, ids=[d.date().isoformat() for d in DAYS])
async def test_events_happen_at_sensible_hours_around_now(api: Api, now: datetime) -> None:
    events = await seeded(api, now)

    assert len(events) >= 19
    for key, e in events.items():
        starts, ends = e["starts_at"].astimezone(SHANGHAI), e["ends_at"].astimezone(SHANGHAI)
        # Daytime or evening in Zibo, over the same evening
        assert time(8, 0) <= starts.time() <= time(19, 30), (key, starts)
        assert ends.date() == starts.date() and ends.time() <= time(21, 30), (key, ends)
        # The year's record is over; what is announced is still to come
        if key.startswith("pe-"):
            assert ends <= now, (key, ends)
        else:
            assert starts > now, (key, starts)
            assert starts - now < timedelta(days=120), (key, starts)


@pytest.mark.parametrize("now", DAYS, ids=[d.date().isoformat() for d in DAYS])
async def test_festivals_fall_on_their_days_and_weekend_events_on_weekends(api: Api, now: datetime) -> None:
    events = await seeded(api, now)

    def day(key: str) -> date:
        return events[key]["starts_at"].astimezone(SHANGHAI).date()

    dragon = day("pe-gs-dragon")
    assert dragon == festival_date("端午", dragon.year) - timedelta(days=1)  # 包粽子 the day before
    feast = day("pe-gs-feast")
    assert feast == festival_date("重阳", feast.year)
    for key in ("e-neighbour", "e-tea", "e-recite", "e-market", "pe-gs-tea", "pe-gs-neighbour"):
        assert day(key).weekday() >= 5, key
    # The district's festival event is for the coming festival, on its day or in the days before it
    upcoming = next_festival(now.astimezone(SHANGHAI).date())
    assert upcoming is not None
    name, on = upcoming
    assert name in events["e-festival"]["title"]
    assert on - timedelta(days=5) <= day("e-festival") <= on


async def test_no_dragon_boat_festival_in_february(api: Api) -> None:
    # Seeded on 10 February 2026, this year's 端午 (19 June) is still to come: the record is last year's
    events = await seeded(api, DAYS[0])

    assert events["pe-gs-dragon"]["starts_at"].astimezone(SHANGHAI).date() == date(2025, 5, 30)
    assert events["e-festival"]["title"] == "“我们的节日·春节”写春联送福字"
    assert events["e-festival"]["starts_at"].astimezone(SHANGHAI).date() == date(2026, 2, 12)


@pytest.mark.parametrize(("now", "term"), [(DAYS[1], "秋季班"), (DAYS[2], "春季班")])
async def test_notices_and_honours_speak_of_now(api: Api, now: datetime, term: str) -> None:
    await seeded(api, now)

    college = await api.db.fetchval("SELECT title FROM notices WHERE demo_key = 'n-college'")
    years = {r["year"] for r in await api.db.fetch("SELECT year FROM honours WHERE is_demo")}

    assert college == f"家门口老年大学{term}开始报名"
    assert years == {now.year - 1, now.year - 2}
