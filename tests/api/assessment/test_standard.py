"""The standard is data: revising a row changes results without a code change."""

from __future__ import annotations

from tests.api.assessment import records as r
from tests.api.conftest import Api


async def test_raising_a_threshold_changes_the_result(api: Api) -> None:
    await r.facility(api.db, "PRACTICE_STATION", indoor="310")
    assert await r.result(api, "facilities.station_area") == ("MET", 310)

    await api.db.execute("UPDATE assessment_criteria SET threshold = 320 WHERE key = 'facilities.station_area'")

    found = (await r.results(api))["facilities.station_area"]
    assert (found["status"], found["measured"], found["threshold"]) == ("NOT_MET", 310, 320)


async def test_revising_a_rules_parameters_changes_the_result(api: Api) -> None:
    # 文明家庭 at 80 %, the rest at 100 %: short of 90 % in one selection, 96 % overall.
    for kind in ("CIVIL_COURTYARD", "CIVIL_ESTATE", "GREEN_ESTATE", "SAFE_ESTATE"):
        await r.selection(api.db, kind, 100)
    await r.selection(api.db, "CIVIL_FAMILY", 80)
    assert await r.result(api, "cultivation.selection_participation") == ("NOT_MET", 80)

    await api.db.execute(
        """UPDATE assessment_criteria SET params = params || '{"combine": "total"}'
        WHERE key = 'cultivation.selection_participation'"""
    )

    assert await r.result(api, "cultivation.selection_participation") == ("MET", 96)


async def test_a_new_criterion_is_a_new_row(api: Api) -> None:
    await api.db.execute(
        """INSERT INTO assessment_criteria (key, part, part_name, position, description, rule, params, threshold, unit)
        VALUES ('supply.fitness', 5, '文化供给', 9, '开展全民健身赛事活动', 'events_count',
                '{"categories": ["FITNESS"]}', 2, '次')"""
    )
    await r.events(api.db, 2, category="FITNESS")

    data = await r.assessment(api)

    part = next(p for p in data["parts"] if p["number"] == 5)
    assert part["criteria"][-1]["key"] == "supply.fitness"
    assert (part["criteria"][-1]["status"], part["criteria"][-1]["measured"]) == ("MET", 2)


async def test_a_rule_the_code_does_not_know_is_unknown_never_met(api: Api) -> None:
    await r.facility(api.db, "PRACTICE_STATION", indoor="500")
    await api.db.execute("UPDATE assessment_criteria SET rule = 'no_such_rule' WHERE key = 'facilities.station_area'")
    await api.db.execute(
        """UPDATE assessment_criteria SET params = '{"field": "roof"}'
        WHERE key = 'facilities.outdoor_squares'"""
    )

    assert await r.result(api, "facilities.station_area") == ("UNKNOWN", None)
    assert await r.result(api, "facilities.outdoor_squares") == ("UNKNOWN", None)


async def test_every_seeded_rule_is_known() -> None:
    from qile_api.assessment.rules import RULES

    # Read from the migration text so that this holds without a database.
    from qile_api.db.migrate import load_migrations

    (migration,) = [m for m in load_migrations() if m.name == "assessment"]
    named = {rule for rule in RULES if f"'{rule}'" in migration.sql}
    assert named == set(RULES)


async def test_bad_arguments(api: Api) -> None:
    gid = await r.community_gid(api)
    district = (await api.gql("{ districts { id } }"))["data"]["districts"][0]["id"]

    bad_year = await api.gql(r.ASSESSMENT, {"community": gid, "year": 1999})
    not_a_community = await api.gql(r.ASSESSMENT, {"community": district, "year": 2026})

    assert bad_year["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert not_a_community["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_assessing_several_communities_costs_the_same_as_one(api: Api) -> None:
    names = ["工盛社区", "柳毅社区", "城南社区"]
    for name in names:
        await r.facility(api.db, "PRACTICE_STATION", indoor="300", community=name)
        await r.team(api.db, 20, community=name)
    gids = [await r.community_gid(api, n) for n in names]
    query = (
        "query($a: ID!, $b: ID!, $c: ID!) {"
        + "".join(
            f" {x}: assessment(community: ${x}, year: 2026) {{ counts {{ met }} community {{ name }} }}" for x in "abc"
        )
        + " }"
    )
    single = "query($a: ID!) { a: assessment(community: $a, year: 2026) { counts { met } community { name } } }"

    before = api.queries
    one = await api.gql(single, {"a": gids[0]})
    cost_one = api.queries - before
    before = api.queries
    three = await api.gql(query, dict(zip("abc", gids, strict=True)))
    cost_three = api.queries - before

    assert one["data"]["a"]["counts"]["met"] == 1
    assert [three["data"][x]["counts"]["met"] for x in "abc"] == [1, 1, 1]
    assert cost_three == cost_one <= 9
