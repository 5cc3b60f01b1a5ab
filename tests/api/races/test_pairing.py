"""Pairing codes raced: two admins typing the same code, a kiosk asking while it is claimed, starts past the limit.

Each request below is held at the statement that reads the pairing (`SELECT …
FOR UPDATE`) or, for starts, at the start itself, until all have arrived.
"""

from __future__ import annotations

import pytest

from qile_api.screens.pairing import flow
from qile_api.screens.pairing import sql as pairing_sql
from tests.api.conftest import Api
from tests.api.races.together import Rendezvous
from tests.api.screens.conftest import data, sign_in
from tests.api.screens.test_pairing import FEED, claim, redeem, start

START = "mutation { screenPairingStart { code errors { code } } }"


async def test_two_admins_claiming_one_code_at_once_make_one_screen(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a code on a screen, read out to two administrators
    started = await start(api)
    first, second = await sign_in(api), await sign_in(api)

    # when both type it in at the same moment, naming the screen differently
    meeting = Rendezvous(2)
    meeting.hold(monkeypatch, pairing_sql, "lock_pairing")
    answers = await meeting.run(
        claim(api, first, started["code"], name="大厅东屏"),
        claim(api, second, started["code"], name="大厅西屏"),
    )

    # then one claim made the screen and the other was told the code is used
    codes = sorted(str([e["code"] for e in a["errors"]]) for a in answers)
    assert codes == ["['INVALID_TRANSITION']", "[]"]
    assert await api.db.fetchval("SELECT count(*) FROM screens") == 1
    assert await api.db.fetchval("SELECT count(*) FROM audit_log WHERE action = 'screenPairingClaim'") == 1
    # and the kiosk collects the token of that one screen
    redeemed = await redeem(api, started["code"], started["secret"])
    winner = next(a for a in answers if not a["errors"])
    feed = data(await api.gql(FEED, token=redeemed["token"]), "screenFeed")
    assert feed["screen"]["name"] == winner["screen"]["name"]


async def test_a_kiosk_asking_while_its_code_is_claimed_gets_pending_or_a_working_token(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = await start(api)
    admin = await sign_in(api)

    meeting = Rendezvous(2)
    meeting.hold(monkeypatch, pairing_sql, "lock_pairing")
    claimed, asked = await meeting.run(
        claim(api, admin, started["code"]), redeem(api, started["code"], started["secret"])
    )

    assert claimed["errors"] == []
    if asked["status"] == "PENDING":
        # the claim came second: the kiosk's next question gets the token
        asked = await redeem(api, started["code"], started["secret"])
    assert asked["status"] == "CLAIMED"
    assert data(await api.gql(FEED, token=asked["token"]), "screenFeed")["screen"]["name"] == "大厅东屏"


async def test_a_kiosk_asking_twice_at_once_ends_with_exactly_one_working_token(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a claimed code, and a kiosk whose first question timed out and that asks again meanwhile
    started = await start(api)
    await claim(api, await sign_in(api), started["code"])

    meeting = Rendezvous(2)
    meeting.hold(monkeypatch, pairing_sql, "lock_pairing")
    answers = await meeting.run(*(redeem(api, started["code"], started["secret"]) for _ in range(2)))

    # then both answers carry a token, and exactly one of those tokens works
    tokens = [a["token"] for a in answers]
    assert all(tokens) and tokens[0] != tokens[1]
    working = [t for t in tokens if "errors" not in await api.gql(FEED, token=t)]
    assert len(working) == 1
    assert await api.db.fetchval("SELECT count(*) FROM screens WHERE token_hash IS NOT NULL") == 1


async def test_starts_from_one_address_at_once_stop_at_the_hourly_limit(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.state.settings, "pairing_per_address_per_hour", 5)

    meeting = Rendezvous(8)
    meeting.hold(monkeypatch, flow, "start_pairing")
    answers = await meeting.run(*(api.gql(START) for _ in range(8)))

    results = [a["data"]["screenPairingStart"] for a in answers]
    assert sum(1 for r in results if r["code"]) == 5
    assert sorted(str(r["errors"]) for r in results).count("[{'code': 'THROTTLED'}]") == 3
    assert await api.db.fetchval("SELECT count(*) FROM screen_pairings") == 5
