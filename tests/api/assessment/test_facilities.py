"""Part 1 功能设施 and part 6 日常管理: areas, presence, hours, free of charge."""

from __future__ import annotations

import pytest

from tests.api.assessment import records as r
from tests.api.conftest import Api


async def test_nothing_recorded_is_unknown_everywhere(api: Api) -> None:
    data = await r.assessment(api)

    assert [p["number"] for p in data["parts"]] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert data["parts"][0]["name"] == "功能设施"
    assert data["counts"]["met"] == 0 and data["counts"]["notMet"] == 0
    assert data["counts"]["unknown"] == data["counts"]["total"] > 0
    assert all(c["measured"] is None for p in data["parts"] for c in p["criteria"])


@pytest.mark.parametrize(
    ("area", "expected"),
    [("300", "MET"), ("300.1", "MET"), ("299.9", "NOT_MET"), ("0", "NOT_MET"), (None, "UNKNOWN")],
)
async def test_station_indoor_area_of_300(api: Api, area: str | None, expected: str) -> None:
    await r.facility(api.db, "PRACTICE_STATION", name="工盛社区新时代文明实践站", indoor=area)

    found = (await r.results(api))["facilities.station_area"]

    assert found["status"] == expected
    assert found["threshold"] == 300 and found["unit"] == "平方米"
    assert found["measured"] == (float(area) if area is not None else None)
    assert found["evidence"][0]["kind"] == "FACILITY"
    assert found["evidence"][0]["label"].startswith("工盛社区新时代文明实践站（新时代文明实践站）")


async def test_a_filled_register_without_a_station_does_not_meet(api: Api) -> None:
    await r.facility(api.db, "MARKET")

    assert await r.result(api, "facilities.station_area") == ("NOT_MET", 0)


async def test_a_second_station_with_no_area_cannot_undo_a_met_one(api: Api) -> None:
    await r.facility(api.db, "PRACTICE_STATION", indoor="320")
    await r.facility(api.db, "PRACTICE_STATION", name="分站")

    assert await r.result(api, "facilities.station_area") == ("MET", 320)


@pytest.mark.parametrize(
    ("areas", "expected"),
    [
        (("600", "400"), ("MET", 1000)),
        (("600", "399.9"), ("NOT_MET", 999.9)),
        (("1000.5", None), ("MET", 1000.5)),
        (("600", None), ("UNKNOWN", None)),
    ],
)
async def test_outdoor_squares_add_up_to_1000(
    api: Api, areas: tuple[str | None, str | None], expected: tuple[str, float | None]
) -> None:
    await r.facility(api.db, "CULTURE_SQUARE", outdoor=areas[0])
    await r.facility(api.db, "FITNESS_SQUARE", outdoor=areas[1])

    assert await r.result(api, "facilities.outdoor_squares") == expected


@pytest.mark.parametrize(
    ("hours", "expected"), [("56", "MET"), ("56.5", "MET"), ("55.9", "NOT_MET"), (None, "UNKNOWN")]
)
async def test_culture_centre_open_56_hours_a_week(api: Api, hours: str | None, expected: str) -> None:
    await r.facility(api.db, "CULTURE_CENTRE", hours=hours)

    assert (await r.result(api, "management.opening_hours"))[0] == expected


async def test_every_presence_criterion_at_and_below_its_count(api: Api) -> None:
    for criterion in await r.criteria(api.db, "facility_present"):
        kinds, needed = criterion["params"]["kinds"], int(criterion["threshold"])
        await api.db.execute("TRUNCATE facilities RESTART IDENTITY CASCADE")
        for kind in kinds[:needed]:
            await r.facility(api.db, kind)
        status, measured = await r.result(api, criterion["key"])
        assert (status, measured) == ("MET", needed), criterion["key"]

        await api.db.execute("DELETE FROM facilities WHERE kind = $1", kinds[0])
        await r.facility(api.db, "OTHER")  # the register stays filled
        assert await r.result(api, criterion["key"]) == ("NOT_MET", needed - 1), criterion["key"]


@pytest.mark.parametrize(
    ("free", "expected"),
    [((True, True), ("MET", 100)), ((True, False), ("NOT_MET", 50)), ((True, None), ("UNKNOWN", None))],
)
async def test_culture_facilities_all_free_of_charge(
    api: Api, free: tuple[bool | None, bool | None], expected: tuple[str, float | None]
) -> None:
    await r.facility(api.db, "CULTURE_CENTRE", free=free[0])
    await r.facility(api.db, "READING_ROOM", free=free[1])
    await r.facility(api.db, "MARKET", free=False)  # not a culture facility: not counted

    assert await r.result(api, "management.free_of_charge") == expected


async def test_other_communities_facilities_do_not_count(api: Api) -> None:
    await r.facility(api.db, "PRACTICE_STATION", indoor="500", community="柳毅社区")

    assert await r.result(api, "facilities.station_area") == ("UNKNOWN", None)
    assert await r.result(api, "facilities.station_area", community="柳毅社区") == ("MET", 500)
