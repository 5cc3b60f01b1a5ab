"""No field gives away a password hash, a token hash, a pairing secret's hash or the link-signing key.

Over the demo city with staff, screens, pairings, photos and audited changes,
a city ADMIN (who sees the most) asks for every field the committed schema
offers (`walk.py`: one document per root field, then `node` for one object of
each type), a screen asks for its feed, and every answer is searched for the
secrets the database keeps, in every spelling an encoder might give them. The
walk must have asked for every reachable field, or the test says which not.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest

from qile_api.screens.heartbeats import DeviceRuntime
from qile_api.seed.demo import seed_demo
from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.events.signups.residents import event_gid, open_event, sign_up
from tests.api.graphql.walk import Document, FieldRef, Walker, committed_schema
from tests.api.photos import upload_form

pytestmark = pytest.mark.slow

YEAR = 2026
# Fields the walk does not reach as the ADMIN, and why that is no gap.
NOT_ASKED: dict[FieldRef, str] = {}

ACCOUNT_CREATE = """mutation($input: AccountCreateInput!) {
  accountCreate(input: $input) { account { id version } errors { code } } }"""
RESET = "mutation($input: AccountResetPasswordInput!) { accountResetPassword(input: $input) { errors { code } } }"
LOGIN = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }"
REGISTER = """mutation($input: ScreenRegisterInput!) {
  screenRegister(input: $input) { screen { id version } token errors { code } } }"""
ROTATE = "mutation($input: ScreenRefInput!) { screenRotateToken(input: $input) { token errors { code } } }"
SCREENSHOT = """mutation($input: ScreenScreenshotRequestInput!) {
  screenScreenshotRequest(input: $input) { errors { code } } }"""
PAIRING_START = "mutation { screenPairingStart { code secret } }"
PAIRING_CLAIM = """mutation($input: ScreenPairingClaimInput!) {
  screenPairingClaim(input: $input) { errors { code } } }"""
PAIRING_REDEEM = """mutation($code: String!, $secret: String!) {
  screenPairingRedeem(input: {code: $code, secret: $secret}) { token } }"""
HEARTBEAT = 'mutation { screenHeartbeat(input: {contentVersion: "v1", mode: "showing"}) { errors { code } } }'


def spellings(secret: bytes | str) -> set[str]:
    """How a secret could appear in JSON: as stored, hex, base64 of either alphabet, and an Argon2 hash's parts."""
    if isinstance(secret, str):
        found = {secret}
        if secret.startswith("$argon2"):
            found |= {part for part in secret.split("$")[-2:] if len(part) >= 16}
        return found
    b64, urlsafe = base64.b64encode(secret).decode(), base64.urlsafe_b64encode(secret).decode()
    return {secret.hex(), secret.hex().upper(), b64.rstrip("="), urlsafe.rstrip("=")}


def global_ids(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "id" and isinstance(inner, str):
                yield inner
            else:
                yield from global_ids(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from global_ids(inner)


def type_of(global_id: str) -> str | None:
    try:
        decoded = base64.b64decode(global_id + "=" * (-len(global_id) % 4)).decode()
    except ValueError:
        return None
    name, sep, _ = decoded.partition(":")
    return name if sep else None


def data(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body
    (payload,) = body["data"].values()
    assert not payload.get("errors"), payload
    return payload  # type: ignore[no-any-return]


async def a_busy_city(api: Api) -> tuple[str, str, list[str]]:
    """The demo city after a day's work; the ADMIN's token, a screen's token, and every token handed out."""
    async with api.db.transaction() as tx:
        await seed_demo(tx)
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    community = f"Community:{await f.region_id(api.db, '工盛社区')}"
    community = base64.b64encode(community.encode()).decode()
    tokens = [admin, await staff.staff(api.db, "editor", "EDITOR", "工盛社区")]

    # accounts created, reset and signed in through the API: the audit log holds them before and after
    wang = {"username": "wang", "password": "王的密码-2026-first", "role": "EDITOR", "scope": community}
    created = data(await api.gql(ACCOUNT_CREATE, {"input": wang}, token=admin))["account"]
    reset = {"id": created["id"], "version": created["version"], "password": "王的密码-2026-second"}
    data(await api.gql(RESET, {"input": reset}, token=admin))
    await api.gql(LOGIN, {"u": "wang", "p": "a wrong guess"})
    tokens.append((await api.gql(LOGIN, {"u": "wang", "p": reset["password"]}))["data"]["login"]["token"])

    # screens registered, rotated, paired, polling, asked for a screenshot
    registered = data(
        await api.gql(REGISTER, {"input": {"community": community, "kind": "BULLETIN", "name": "东屏"}}, token=admin)
    )
    ref = {"id": registered["screen"]["id"], "version": registered["screen"]["version"]}
    screen = data(await api.gql(ROTATE, {"input": ref}, token=admin))["token"]
    tokens += [registered["token"], screen]
    started = (await api.gql(PAIRING_START))["data"]["screenPairingStart"]
    claim = {"code": started["code"], "community": community, "kind": "GALLERY", "name": "西屏"}
    data(await api.gql(PAIRING_CLAIM, {"input": claim}, token=admin))
    redeemed = await api.gql(PAIRING_REDEEM, {"code": started["code"], "secret": started["secret"]})
    tokens += [started["secret"], redeemed["data"]["screenPairingRedeem"]["token"]]
    data(await api.gql(HEARTBEAT, token=screen))
    await api.state.held(DeviceRuntime).flush(api.db)
    data(await api.gql(SCREENSHOT, {"input": {"id": ref["id"]}}, token=admin))

    # a resident scanned the screen's code and signed up
    event = await open_event(api.db, api.clock.now)
    await api.client.get(f"/e/{event}?s={await api.db.fetchval('SELECT min(id) FROM screens')}")
    assert (await sign_up(api, event))["errors"] == []

    # a photo
    headers = {"Authorization": f"Bearer {tokens[1]}", "X-Qile-Client": "test"}
    await api.client.post("/graphql", **upload_form(), headers=headers)
    return admin, screen, tokens


async def stored_secrets(api: Api) -> dict[str, set[str]]:
    kept = {
        "password hash": "SELECT password_hash FROM accounts",
        "session token hash": "SELECT token_hash FROM sessions",
        "screen token hash": "SELECT token_hash FROM screens WHERE token_hash IS NOT NULL",
        "pairing secret hash": "SELECT secret_hash FROM screen_pairings",
        "link-signing key": "SELECT value FROM app_secrets",
        # A resident's code cancels their sign-up: staff lists never show it.
        "sign-up code": "SELECT code FROM event_sign_ups",
    }
    found: dict[str, set[str]] = {}
    for what, query in kept.items():
        rows = await api.db.fetch(query)
        assert rows, f"no {what} stored: the city is not busy enough to prove anything"
        found[what] = set().union(*(spellings(r[0]) for r in rows))
    return found


async def ask(api: Api, document: Document, token: str) -> tuple[dict[str, Any], str]:
    headers = {"Authorization": f"Bearer {token}"}
    response = await api.client.post("/graphql", json={"query": document.text}, headers=headers)
    return response.json(), response.text


def codes(body: dict[str, Any]) -> set[str]:
    return {e.get("extensions", {}).get("code", "") for e in body.get("errors", [])}


async def test_no_answer_holds_a_stored_secret(api: Api) -> None:
    admin, screen, tokens = await a_busy_city(api)
    secrets = await stored_secrets(api)
    gid = base64.b64encode(f"Community:{await f.region_id(api.db, '工盛社区')}".encode()).decode()
    signed_up = event_gid(await api.db.fetchval("SELECT event_id FROM event_sign_ups"))
    walker = Walker(
        committed_schema(),
        {
            ("Query", "assessment"): f'community: "{gid}", year: {YEAR}',
            ("Query", "pilotProgramme"): f"year: {YEAR}",
            ("Query", "playTotals"): "by: ITEM",
            ("Query", "eventSignUps"): f'event: "{signed_up}"',
            ("Query", "eventScans"): f'event: "{signed_up}"',
            ("Community", "assessment"): f"year: {YEAR}",
        },
    )
    answers: list[str] = []
    asked: set[FieldRef] = set()
    refused: dict[str, set[str]] = {}

    async def walk(document: Document, token: str, name: str) -> dict[str, Any]:
        body, text = await ask(api, document, token)
        answers.append(text)
        if "errors" in body:
            refused[name] = codes(body)
        else:
            refused.pop(name, None)
            asked.update(document.fields)
        return body

    # every root field, as deep as the request limits allow; the feed as a screen asks for it
    found_ids: dict[str, str] = {}
    for depth in (4, 3, 2):
        for name, document in walker.root_documents(depth, skip=frozenset({"node"})):
            assert document is not None, f"no arguments known for Query.{name}"
            if document.fields <= asked or refused.get(name, {"QUERY_TOO_COMPLEX"}) != {"QUERY_TOO_COMPLEX"}:
                continue  # asked already, or refused for another reason than its size
            body = await walk(document, screen if name == "screenFeed" else admin, name)
            for global_id in global_ids(body.get("data")):
                if (kind := type_of(global_id)) is not None:
                    found_ids.setdefault(kind, global_id)
    # then one object of each type by its id, which reaches further down
    for kind, global_id in sorted(found_ids.items()):
        for depth in (3, 2):
            document = walker.node_document(kind, global_id, depth)
            if document is not None and "errors" not in (await walk(document, admin, f"node:{kind}")):
                break

    text = "\n".join(answers)
    # the walk did read every account, and the audit of the reset, the rotation and the pairing
    usernames = [r["username"] for r in await api.db.fetch("SELECT username FROM accounts")]
    assert all(f'"{u}"' in text for u in usernames)
    assert all(f'"{a}"' in text for a in ("accountResetPassword", "screenRotateToken", "screenPairingRedeem"))
    leaked = {what: sorted(s for s in spellings_ if s in text) for what, spellings_ in secrets.items()}
    assert {what: s for what, s in leaked.items() if s} == {}
    others = [t for t in tokens if t not in (admin, screen) and t in text]
    assert others == [], "another principal's token or secret is in an answer"
    missing = walker.reachable() - asked - NOT_ASKED.keys()
    assert sorted(missing) == [], f"fields the walk never asked for (refused: {refused})"
