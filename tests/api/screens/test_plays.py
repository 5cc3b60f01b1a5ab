"""Proof of play: idempotent upload by client id, totals per item and per screen, scoped."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from strawberry import relay

from tests.api import factories as f
from tests.api.conftest import Api
from tests.api.screens.conftest import data, screen_gid, sign_in

RECORD = """
mutation($plays: [PlayInput!]!) { screenPlaysRecord(plays: $plays) { accepted discarded errors { code } } }
"""
TOTALS = """
query($by: PlayGrouping!, $filter: PlayFilterInput) {
  playTotals(by: $by, filter: $filter) { screen { name } itemType item plays seconds }
}
"""
START = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def play(pid: str, item: str, seconds: float = 12.0) -> dict[str, Any]:
    return {"id": pid, "item": item, "startedAt": START.isoformat(), "seconds": seconds}


async def record(api: Api, token: str, plays: list[dict[str, Any]]) -> dict[str, Any]:
    return dict(data(await api.gql(RECORD, {"plays": plays}, token=token), "screenPlaysRecord"))


async def test_plays_are_stored_exactly_once(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区", name="东屏")
    notice = str(relay.GlobalID("Notice", "7"))
    batch = [play("a1", notice), play("a2", notice, 8.5), play("a3", "events")]
    first = await record(api, token, batch)
    assert sorted(first["accepted"]) == ["a1", "a2", "a3"] and first["discarded"] == []
    # The answer was lost: the kiosk sends the same batch again, plus one new play.
    again = await record(api, token, [*batch, play("a4", notice)])
    assert sorted(again["accepted"]) == ["a1", "a2", "a3", "a4"]
    assert await api.db.fetchval("SELECT count(*) FROM plays") == 4
    bad = await record(api, token, [play("b1", notice, -1), play("b2", notice, float(10**6)), play("", notice)])
    assert bad["accepted"] == [] and sorted(bad["discarded"]) == ["", "b1", "b2"]
    assert [e["code"] for e in bad["errors"]] == ["INVALID"]
    assert (await api.gql(RECORD, {"plays": [play("x", notice)]}, token="qs_bad"))["errors"][0]["extensions"][
        "code"
    ] == "UNAUTHENTICATED"


async def test_totals_per_item_and_per_screen_inside_the_scope(api: Api) -> None:
    east = await f.screen(api.db, "工盛社区", name="东屏")
    west = await f.screen(api.db, "工盛社区", name="西屏")
    far = await f.screen(api.db, "珑山社区", name="博山屏")
    notice, honour = str(relay.GlobalID("Notice", "7")), str(relay.GlobalID("Honour", "3"))
    await record(api, east, [play("e1", notice), play("e2", notice), play("e3", honour, 10)])
    await record(api, west, [play("w1", notice, 6)])
    await record(api, far, [play("f1", notice, 100)])

    city = await sign_in(api, "ADMIN", "淄博市")
    by_item = data(await api.gql(TOTALS, {"by": "ITEM"}, token=city), "playTotals")
    assert {(t["itemType"], t["item"]): (t["plays"], t["seconds"]) for t in by_item} == {
        ("Notice", notice): (4, 130.0),
        ("Honour", honour): (1, 10.0),
    }
    # An EDITOR of 车站街道 sees only the screens inside it.
    local = await sign_in(api, "EDITOR", "车站街道")
    by_screen = data(await api.gql(TOTALS, {"by": "SCREEN"}, token=local), "playTotals")
    assert [(t["screen"]["name"], t["plays"], t["seconds"]) for t in by_screen] == [("东屏", 3, 34.0), ("西屏", 1, 6.0)]
    one_item = data(await api.gql(TOTALS, {"by": "SCREEN", "filter": {"item": notice}}, token=local), "playTotals")
    assert [(t["screen"]["name"], t["plays"]) for t in one_item] == [("东屏", 2), ("西屏", 1)]
    east_id = await api.db.fetchval("SELECT id FROM screens WHERE name = '东屏'")
    only_east = data(
        await api.gql(TOTALS, {"by": "ITEM", "filter": {"screen": screen_gid(int(east_id))}}, token=local),
        "playTotals",
    )
    assert sum(t["plays"] for t in only_east) == 3
    later = data(
        await api.gql(TOTALS, {"by": "ITEM", "filter": {"since": "2026-11-29T00:00:00Z"}}, token=city), "playTotals"
    )
    assert later == []
    assert (await api.gql(TOTALS, {"by": "ITEM"}))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
