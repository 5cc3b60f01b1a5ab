"""The API as production runs it (`qile-api serve`, default settings), from outside, logging requests at DEBUG.

Staff sign in, change and reset passwords, register, pair and rotate
screens, screens poll; a careless client sends a sign-in by GET and a token
nobody issued. Nothing secret may reach the log: no password, no token, no
pairing secret, no signature of an image link. Introspection is refused and
no origin is allowed cross-site, as nobody configured otherwise.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import httpx
import pytest

from tests.api.photos import upload_form
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

ADMIN_PASSWORD = "城市管理员-Initial-2026"
EDITOR_PASSWORD = "编辑的密码-first-2026"
CHANGED_PASSWORD = "编辑换的密码-second-2026"
RESET_PASSWORD = "管理员重置的-third-2026"
GUESSED_PASSWORD = "a-guess-nobody-uses-2026"

LOGIN = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token errors { code } } }"
ACCOUNT_CREATE = """mutation($input: AccountCreateInput!) {
  accountCreate(input: $input) { account { id version } errors { code } } }"""
CHANGE_PASSWORD = """mutation($input: AccountChangePasswordInput!) {
  accountChangePassword(input: $input) { account { version } errors { code } } }"""
RESET = """mutation($input: AccountResetPasswordInput!) {
  accountResetPassword(input: $input) { errors { code } } }"""
REGISTER = """mutation($input: ScreenRegisterInput!) {
  screenRegister(input: $input) { screen { id version } token errors { code } } }"""
ROTATE = """mutation($input: ScreenRefInput!) {
  screenRotateToken(input: $input) { token errors { code } } }"""
PAIRING_START = "mutation { screenPairingStart { code secret errors { code } } }"
PAIRING_CLAIM = """mutation($input: ScreenPairingClaimInput!) {
  screenPairingClaim(input: $input) { errors { code } } }"""
PAIRING_REDEEM = """mutation($code: String!, $secret: String!) {
  screenPairingRedeem(input: {code: $code, secret: $secret}) { status token } }"""
POLL = "{ screenFeed { version } }"
HEARTBEAT = 'mutation { screenHeartbeat(input: {contentVersion: "v1", mode: "showing"}) { errors { code } } }'
COMMUNITY = '{ communities(first: 1, filter: {name: "工盛社区"}) { nodes { id } } }'
INTROSPECTION = "{ __schema { types { name } } }"


@dataclass
class Secrets:
    """Everything a log must never hold, collected as the session goes."""

    values: list[str] = field(default_factory=list)

    def keep(self, value: str | None) -> str:
        assert value, "expected a secret in the answer"
        self.values.append(value)
        return value


@dataclass
class Production:
    process: ApiProcess
    log: Path
    client: httpx.Client

    def gql(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
        body: dict[str, Any] = response.json()
        return body


@pytest.fixture(scope="module")
def production(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Production]:
    import asyncio

    dsn = asyncio.run(seeded_database(databases, "qile_production"))
    log = tmp_path_factory.mktemp("production") / "api.log"
    # Everything logged, the access log too (off unless asked): nothing secret may reach any of it.
    env = {"QILE_LOG_LEVEL": "debug", "QILE_ACCESS_LOG": "true", "QILE_BOOTSTRAP_ADMIN": f"admin:{ADMIN_PASSWORD}"}
    process = ApiProcess(dsn, env=env, log=log).start()
    try:
        with httpx.Client(base_url=process.url, timeout=30.0) as client:
            yield Production(process, log, client)
    finally:
        process.stop()


def data(body: dict[str, Any], name: str) -> dict[str, Any]:
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"][name]
    assert not payload.get("errors"), payload
    return payload


def a_working_day(api: Production, secrets: Secrets) -> None:
    """What staff, screens and a careless client do in a day, every secret kept aside."""
    secrets.keep(ADMIN_PASSWORD)
    admin = secrets.keep(data(api.gql(LOGIN, {"u": "admin", "p": ADMIN_PASSWORD}), "login")["token"])
    community = api.gql(COMMUNITY, token=admin)["data"]["communities"]["nodes"][0]["id"]

    # an editor is created, signs in, changes her password; the admin resets it
    wang = {"username": "wang", "password": secrets.keep(EDITOR_PASSWORD), "role": "EDITOR", "scope": community}
    created = data(api.gql(ACCOUNT_CREATE, {"input": wang}, token=admin), "accountCreate")["account"]
    editor = secrets.keep(data(api.gql(LOGIN, {"u": "wang", "p": EDITOR_PASSWORD}), "login")["token"])
    change = {"currentPassword": EDITOR_PASSWORD, "newPassword": secrets.keep(CHANGED_PASSWORD)}
    changed = data(api.gql(CHANGE_PASSWORD, {"input": change}, token=editor), "accountChangePassword")
    reset = {"id": created["id"], "version": changed["account"]["version"], "password": secrets.keep(RESET_PASSWORD)}
    data(api.gql(RESET, {"input": reset}, token=admin), "accountResetPassword")
    api.gql(LOGIN, {"u": "wang", "p": secrets.keep(GUESSED_PASSWORD)})  # refused, and counted
    editor = secrets.keep(data(api.gql(LOGIN, {"u": "wang", "p": RESET_PASSWORD}), "login")["token"])

    # a photo uploaded, and opened by its signed link
    headers = {"Authorization": f"Bearer {editor}", "X-Qile-Client": "console/test"}
    upload = api.client.post("/graphql", **upload_form(), headers=headers)
    url = upload.json()["data"]["mediaUpload"]["photo"]["url"]
    secrets.keep(parse_qs(urlsplit(url).query)["sig"][0])
    assert api.client.get(url).status_code == 200

    # a screen registered, polling, its token rotated; another paired by code
    registered = data(
        api.gql(REGISTER, {"input": {"community": community, "kind": "BULLETIN", "name": "大厅东屏"}}, token=admin),
        "screenRegister",
    )
    screen = secrets.keep(registered["token"])
    for _ in range(3):
        data(api.gql(POLL, token=screen), "screenFeed")
        data(api.gql(HEARTBEAT, token=screen), "screenHeartbeat")
    ref = {"id": registered["screen"]["id"], "version": registered["screen"]["version"]}
    rotated = secrets.keep(data(api.gql(ROTATE, {"input": ref}, token=admin), "screenRotateToken")["token"])
    assert api.gql(POLL, token=screen)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    data(api.gql(POLL, token=rotated), "screenFeed")
    started = data(api.gql(PAIRING_START), "screenPairingStart")
    secrets.keep(started["secret"])
    claim = {"code": started["code"], "community": community, "kind": "GALLERY", "name": "走廊屏"}
    data(api.gql(PAIRING_CLAIM, {"input": claim}, token=admin), "screenPairingClaim")
    redeemed = api.gql(PAIRING_REDEEM, {"code": started["code"], "secret": started["secret"]})
    paired = secrets.keep(redeemed["data"]["screenPairingRedeem"]["token"])
    data(api.gql(POLL, token=paired), "screenFeed")

    # a careless client: a sign-in sent by GET (refused), a token nobody issued
    variables = json.dumps({"u": "admin", "p": ADMIN_PASSWORD}, ensure_ascii=False)
    refused = api.client.get("/graphql", params={"query": LOGIN, "variables": variables})
    assert refused.status_code == 400
    made_up = secrets.keep("qu_made-up-token-0123456789abcdefghijklmnop")
    assert api.gql("{ accounts { username } }", token=made_up)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def read_log(api: Production) -> str:
    # The process writes as it goes; give the last lines a moment to land.
    time.sleep(0.5)
    return api.log.read_text(encoding="utf-8", errors="replace")


def test_no_password_token_or_secret_reaches_the_log(production: Production) -> None:
    secrets = Secrets()

    a_working_day(production, secrets)
    log = read_log(production)

    lines = [json.loads(line) for line in log.splitlines()]
    requests = {(line["method"], line["path"], line["status"]) for line in lines if line["logger"] == "qile_api.access"}
    # the log did record the day (request lines, at the level asked for) ...
    assert ("POST", "/graphql", 200) in requests and any(path.startswith("/media/") for _, path, _ in requests)
    assert "DEBUG" in {line["level"] for line in lines}
    # ... and none of its secrets, whole, by the part that identifies them, or URL-encoded
    leaked = [s for s in secrets.values if any(form in log for form in (s, s[-20:], quote(s), quote_plus(s)))]
    assert leaked == [], f"{len(leaked)} secrets in the log"
    # the query strings were cut off, not the request lines
    assert ("GET", "/graphql", 400) in requests and "sig=" not in log and "variables" not in log


def test_introspection_is_refused(production: Production) -> None:
    body = production.gql(INTROSPECTION)

    assert body["errors"][0]["extensions"]["code"] == "INTROSPECTION_DISABLED"


def test_no_origin_may_call_it_from_a_page(production: Production) -> None:
    preflight = production.client.options(
        "/graphql", headers={"Origin": "https://e.vil", "Access-Control-Request-Method": "POST"}
    )
    answered = production.client.post(
        "/graphql", json={"query": "{ themes { key } }"}, headers={"Origin": "https://e.vil"}
    )

    assert preflight.status_code == 400 and "access-control-allow-origin" not in preflight.headers
    assert answered.status_code == 200 and "access-control-allow-origin" not in answered.headers
