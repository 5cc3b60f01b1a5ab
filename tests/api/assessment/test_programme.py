"""pilotProgramme: the 20 pilots per theme and per district, in constant round trips."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.api.assessment import records as r
from tests.api.conftest import Api

PROGRAMME = """
query($sort: PilotSort) {
  pilotProgramme(year: 2026, sort: $sort) {
    year sort counts { met notMet unknown total }
    pilots { pilotNo community { name } district { name } theme { key } counts { met notMet unknown progress } }
    themes { theme { key name } hasFourPilots counts { met } pilots { pilotNo } }
    withoutTheme { pilotNo }
    districts { district { name } counts { met } pilots { pilotNo community { name subdistrict { name } } } }
  }
}
"""

THEMES = {
    "love": ["工盛社区", "齐悦国际社区", "凤鸣社区", "芦湖社区"],
    "virtue": ["柳毅社区", "山水缘社区", "荣和社区", "怡康社区"],
    "beauty": ["城里社区", "正齐社区", "紫悦城社区", "银泰城社区"],
    "health": ["淄江社区", "高苑社区"],  # short of four; 珑山社区 has no theme yet
    "labour": ["华侨城社区", "盛世康城社区", "柳泉社区", "鑫盛嘉园社区", "城南社区"],  # one over
}


async def programme(api: Api, sort: str | None = None) -> dict[str, Any]:
    body = await api.gql(PROGRAMME, {"sort": sort} if sort else {})
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]["pilotProgramme"]
    return data


async def give_themes(api: Api) -> None:
    for theme, names in THEMES.items():
        await api.db.execute("UPDATE regions SET theme_key = $1 WHERE name = ANY($2::text[])", theme, names)


async def test_pilots_grouped_per_theme_and_district(api: Api) -> None:
    await give_themes(api)
    await r.facility(api.db, "PRACTICE_STATION", indoor="300", community="柳毅社区")
    await r.facility(api.db, "PRACTICE_STATION", indoor="299.9", community="工盛社区")

    data = await programme(api)

    assert [p["pilotNo"] for p in data["pilots"]] == list(range(1, 21))
    assert data["pilots"][2]["community"]["name"] == "柳毅社区"
    assert data["pilots"][2]["counts"]["met"] == 1
    # A filled facility register makes the facilities it lacks NOT_MET: 8 of them, and the area.
    assert (data["pilots"][0]["counts"]["met"], data["pilots"][0]["counts"]["notMet"]) == (0, 9)
    assert data["counts"]["met"] == 1 and data["counts"]["notMet"] == 17
    assert data["counts"]["total"] == 20 * (await r.assessment(api))["counts"]["total"]

    themes = {t["theme"]["key"]: t for t in data["themes"]}
    assert [t["theme"]["name"] for t in data["themes"]] == ["齐有爱", "齐养德", "齐育美", "齐健康", "齐劳动"]
    assert {k: t["hasFourPilots"] for k, t in themes.items()} == {
        "LOVE": True,
        "VIRTUE": True,
        "BEAUTY": True,
        "HEALTH": False,
        "LABOUR": False,
    }
    assert themes["VIRTUE"]["counts"]["met"] == 1
    assert [p["pilotNo"] for p in themes["LOVE"]["pilots"]] == [1, 2, 7, 12]
    assert [p["pilotNo"] for p in data["withoutTheme"]] == [6]

    districts = {d["district"]["name"]: d for d in data["districts"]}
    assert len(districts) == 10
    zhangdian = [p["community"]["name"] for p in districts["张店区"]["pilots"]]
    assert zhangdian == ["工盛社区", "齐悦国际社区", "柳毅社区", "城南社区"]
    assert districts["张店区"]["counts"]["met"] == 1
    assert [p["pilotNo"] for p in districts["经济开发区"]["pilots"]] == [17, 19]


async def test_sorted_by_progress(api: Api) -> None:
    await r.facility(api.db, "PRACTICE_STATION", indoor="300", community="城南社区")
    await r.team(api.db, 15, kind="VOLUNTEER", community="城南社区")
    await r.facility(api.db, "PRACTICE_STATION", indoor="300", community="柳泉社区")

    data = await programme(api, "PROGRESS_DESC")

    assert [p["pilotNo"] for p in data["pilots"][:3]] == [20, 18, 1]
    assert data["pilots"][0]["counts"]["progress"] > data["pilots"][1]["counts"]["progress"] > 0


async def test_round_trips_do_not_grow_with_the_data(api: Api) -> None:
    await give_themes(api)
    before = api.queries
    await programme(api)
    empty = api.queries - before

    for name in [n for names in THEMES.values() for n in names]:
        await r.facility(api.db, "PRACTICE_STATION", indoor="350", community=name)
        await r.team(api.db, 15, community=name)
        await r.event(api.db, large=True, scope=name)
        await r.selection(api.db, "CIVIL_FAMILY", 95, community=name)
        await r.recognition(api.db, "CITY", community=name)
        await r.attestation(api.db, "civility.environment", True, community=name)
    before = api.queries
    full = await programme(api)
    filled = api.queries - before

    assert (full["counts"]["met"], full["counts"]["notMet"], full["counts"]["unknown"]) == (38, 323, 239)
    assert filled == empty <= 12


THIS_YEAR = """
query($community: ID!) {
  assessment(community: $community) { year }
  communityYear: node(id: $community) { ... on Community { assessment { year } } }
  pilotProgramme { year }
}
"""


async def test_a_year_left_out_is_this_year_in_zibo(api: Api) -> None:
    # 31 December 2026 at 17:00 UTC is 1 January 2027 in Zibo
    api.clock.now = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)

    body = await api.gql(THIS_YEAR, {"community": await r.community_gid(api)})

    assert body["data"] == {
        "assessment": {"year": 2027},
        "communityYear": {"assessment": {"year": 2027}},
        "pilotProgramme": {"year": 2027},
    }
