"""Pairing: a code on screen, claimed by an ADMIN, redeemed by the kiosk for its token once."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.api.conftest import Api
from tests.api.screens.conftest import community_gid, data, sign_in

START = "mutation { screenPairingStart { code secret expiresAt claimUrl errors { code message } } }"
REDEEM = """
mutation($code: String!, $secret: String!) {
  screenPairingRedeem(input: {code: $code, secret: $secret}) { status token errors { code } }
}
"""
CLAIM = """
mutation($input: ScreenPairingClaimInput!) {
  screenPairingClaim(input: $input) {
    screen { id name kind location community { name } lastSeenAt online }
    errors { code field message }
  }
}
"""
FEED = "query { screenFeed { version screen { name } } }"


async def start(api: Api) -> dict[str, Any]:
    started = data(await api.gql(START), "screenPairingStart")
    assert not started["errors"], started
    return dict(started)


async def redeem(api: Api, code: str, secret: str) -> dict[str, Any]:
    return dict(data(await api.gql(REDEEM, {"code": code, "secret": secret}), "screenPairingRedeem"))


async def claim(api: Api, token: str, code: str, community: str = "工盛社区", name: str = "大厅东屏") -> dict[str, Any]:
    variables = {
        "input": {
            "code": code,
            "community": await community_gid(api, community),
            "kind": "BULLETIN",
            "name": name,
            "location": "党群服务中心一楼",
        }
    }
    return dict(data(await api.gql(CLAIM, variables, token=token), "screenPairingClaim"))


async def test_pairing_end_to_end_gives_the_token_once(api: Api) -> None:
    started = await start(api)
    code, secret = started["code"], started["secret"]
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{6}", code)
    assert secret.startswith("qp_") and len(secret) > 40
    assert (await redeem(api, code, secret))["status"] == "PENDING"

    admin = await sign_in(api)
    # Staff may type it in lower case with a space.
    claimed = await claim(api, admin, f"{code[:3].lower()} {code[3:]}")
    assert claimed["errors"] == []
    assert claimed["screen"]["name"] == "大厅东屏" and claimed["screen"]["community"]["name"] == "工盛社区"
    assert claimed["screen"]["lastSeenAt"] is None and claimed["screen"]["online"] is False

    redeemed = await redeem(api, code, secret)
    assert redeemed["status"] == "CLAIMED" and redeemed["token"].startswith("qs_")
    feed = data(await api.gql(FEED, token=redeemed["token"]), "screenFeed")
    assert feed["screen"]["name"] == "大厅东屏"
    # Stored hashed only: neither the token nor the secret is in the database.
    stored = await api.db.fetch("SELECT * FROM screen_pairings")
    assert secret not in str([dict(r) for r in stored])
    assert await api.db.fetchval("SELECT count(*) FROM screens WHERE token_hash IS NOT NULL") == 1
    # Audit: who claimed, and that the screen collected its token.
    actions = [r["action"] for r in await api.db.fetch("SELECT action FROM audit_log ORDER BY id DESC LIMIT 2")]
    assert actions == ["screenPairingRedeem", "screenPairingClaim"]


async def test_a_second_redeem_replaces_the_token_so_one_works_at_a_time(api: Api) -> None:
    started = await start(api)
    await claim(api, await sign_in(api), started["code"])
    first = (await redeem(api, started["code"], started["secret"]))["token"]
    # The answer was lost on the way: the kiosk asks again and gets a new token.
    second = (await redeem(api, started["code"], started["secret"]))["token"]
    assert first and second and first != second
    assert (await api.gql(FEED, token=first))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert data(await api.gql(FEED, token=second), "screenFeed")["screen"]["name"] == "大厅东屏"
    # After the pairing window nobody can collect a token any more.
    api.clock.now += timedelta(minutes=16)
    late = await redeem(api, started["code"], started["secret"])
    assert late == {"status": "EXPIRED", "token": None, "errors": []}


async def test_codes_are_single_use_and_expire(api: Api) -> None:
    admin = await sign_in(api)
    started = await start(api)
    assert (await claim(api, admin, started["code"]))["errors"] == []
    again = await claim(api, admin, started["code"], name="另一块屏")
    assert [e["code"] for e in again["errors"]] == ["INVALID_TRANSITION"]

    stale = await start(api)
    api.clock.now += timedelta(minutes=15, seconds=1)
    late = await claim(api, admin, stale["code"], name="迟到的屏")
    assert [e["code"] for e in late["errors"]] == ["INVALID_TRANSITION"]
    assert (await redeem(api, stale["code"], stale["secret"]))["status"] == "EXPIRED"

    missing = await claim(api, admin, "ZZZZZZ")
    assert [e["code"] for e in missing["errors"]] == ["NOT_FOUND"]
    assert await api.db.fetchval("SELECT count(*) FROM screens") == 1


async def test_a_wrong_secret_learns_nothing(api: Api) -> None:
    started = await start(api)
    await claim(api, await sign_in(api), started["code"])
    wrong = await redeem(api, started["code"], "qp_guess")
    assert wrong == {"status": "EXPIRED", "token": None, "errors": []}
    assert (await redeem(api, started["code"], started["secret"]))["token"]


async def test_claim_checks_role_scope_and_names(api: Api) -> None:
    started = await start(api)
    request = {
        "input": {
            "code": started["code"],
            "community": await community_gid(api, "工盛社区"),
            "kind": "GALLERY",
            "name": "屏",
        }
    }
    anonymous = await api.gql(CLAIM, request)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    for role, scope in (("EDITOR", "淄博市"), ("REVIEWER", "淄博市"), ("ADMIN", "博山区")):
        refused = await api.gql(CLAIM, request, token=await sign_in(api, role, scope))
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN", (role, scope)
    blank = await claim(api, await sign_in(api), started["code"], name=" ")
    assert [e["field"] for e in blank["errors"]] == ["name"]
    # Nothing above used the code up: an ADMIN of 博山区 claims it for a community there.
    assert (await claim(api, await sign_in(api, "ADMIN", "博山区"), started["code"], community="珑山社区"))[
        "errors"
    ] == []


async def test_starts_are_limited_per_address(api: Api) -> None:
    settings = api.state.settings
    saved = settings.pairing_per_address_per_hour
    settings.pairing_per_address_per_hour = 3
    try:
        for _ in range(3):
            await start(api)
        refused = data(await api.gql(START), "screenPairingStart")
        assert refused["code"] is None and [e["code"] for e in refused["errors"]] == ["THROTTLED"]
        api.clock.now += timedelta(hours=1, seconds=1)
        assert (await start(api))["code"]
    finally:
        settings.pairing_per_address_per_hour = saved


async def test_the_code_comes_with_the_console_page_that_claims_it(api: Api) -> None:
    # given no public address set: the address the kiosk asked at
    started = await start(api)
    assert started["claimUrl"] == f"http://qile.test/console/admin/screens?pair={started['code']}"
    parts = urlsplit(started["claimUrl"])
    assert parse_qs(parts.query) == {"pair": [started["code"]]}

    # given the public address residents reach (as events' publicUrl): that one, whatever the request's
    settings = api.state.settings
    api.state.settings = settings.model_copy(update={"public_url": "https://qile.example.cn/"})
    try:
        again = await start(api)
    finally:
        api.state.settings = settings
    assert again["claimUrl"] == f"https://qile.example.cn/console/admin/screens?pair={again['code']}"
