"""The server's log as `qile-api serve` writes it: one JSON object a line, each request with its id, no secret.

A real process (default settings, at DEBUG, request lines on) while staff
sign in and change a password and a screen polls with its token; every line
it writes is read back. Then the same formatters in process: the plain text
`make run` uses, and the last guard against a token in a message.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import httpx
import pytest
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from qile_api.logs import JsonLines, RequestContext, TextLines
from qile_api.observability.requests import RequestObserver
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

ADMIN_PASSWORD = "管理员的口令-log-test-2026"
NEW_PASSWORD = "换过的口令-log-test-2027"
LOGIN = "mutation Login($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }"
CHANGE = """mutation ChangePassword($input: AccountChangePasswordInput!) {
  accountChangePassword(input: $input) { errors { code } } }"""
COMMUNITY = '{ communities(first: 1, filter: {name: "工盛社区"}) { nodes { id } } }'
REGISTER = "mutation($input: ScreenRegisterInput!) { screenRegister(input: $input) { token errors { code } } }"
SCREEN_FEED = "query ScreenFeed { screenFeed { version } }"
KIOSK_REQUEST_ID = "kiosk-0042.poll-7"


@dataclass
class Served:
    log: Path
    client: httpx.Client

    def post(self, query: str, variables: dict[str, Any] | None = None, **headers: str) -> httpx.Response:
        response = self.client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
        assert response.status_code == 200 and "errors" not in response.json(), response.text
        return response

    def lines(self) -> list[dict[str, Any]]:
        time.sleep(0.5)  # the last lines may still be on their way
        text = self.log.read_text(encoding="utf-8")
        parsed = []
        for line in text.splitlines():
            try:
                parsed.append(json.loads(line))
            except ValueError:
                pytest.fail(f"not one JSON object: {line!r}")
        return parsed


@pytest.fixture(scope="module")
def served(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    dsn = asyncio.run(seeded_database(databases, "qile_logs"))
    log = tmp_path_factory.mktemp("logs") / "api.log"
    env = {"QILE_LOG_LEVEL": "debug", "QILE_ACCESS_LOG": "true", "QILE_BOOTSTRAP_ADMIN": f"admin:{ADMIN_PASSWORD}"}
    process = ApiProcess(dsn, env=env, log=log).start()
    try:
        with httpx.Client(base_url=process.url, timeout=30.0) as client:
            yield Served(log, client)
    finally:
        process.stop()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_every_line_is_json_each_request_has_its_id_and_no_secret_is_written(served: Served) -> None:
    # when the administrator signs in, registers a screen, the screen polls with its token
    # (through a proxy that names the request), the password is changed and used
    signed_in = served.post(LOGIN, {"u": "admin", "p": ADMIN_PASSWORD})
    admin = signed_in.json()["data"]["login"]["token"]
    community = served.post(COMMUNITY, **bearer(admin)).json()["data"]["communities"]["nodes"][0]["id"]
    registered = served.post(
        REGISTER, {"input": {"community": community, "kind": "BULLETIN", "name": "日志屏"}}, **bearer(admin)
    )
    screen = registered.json()["data"]["screenRegister"]["token"]
    polled = served.post(SCREEN_FEED, **bearer(screen), **{"X-Request-Id": KIOSK_REQUEST_ID})
    change = {"currentPassword": ADMIN_PASSWORD, "newPassword": NEW_PASSWORD}
    changed = served.post(CHANGE, {"input": change}, **bearer(admin))
    again = served.post(LOGIN, {"u": "admin", "p": NEW_PASSWORD})
    lines = served.lines()

    # then every line is one JSON object saying when, how bad, from where and what
    assert lines and all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    # each request has one line, with the id its answer carried (the proxy's for the poll)
    by_id = {line["request_id"]: line for line in lines if line["logger"] == "qile_api.access"}
    answers = {"Login": signed_in, "ScreenFeed": polled, "ChangePassword": changed}
    for operation, answer in answers.items():
        line = by_id[answer.headers["x-request-id"]]
        assert (line["method"], line["path"], line["status"], line["operation"]) == ("POST", "/graphql", 200, operation)
    assert polled.headers["x-request-id"] == KIOSK_REQUEST_ID
    # and no password or token, whole, by its end, or URL-encoded
    secrets = [ADMIN_PASSWORD, NEW_PASSWORD, admin, screen, again.json()["data"]["login"]["token"]]
    text = served.log.read_text(encoding="utf-8")
    leaked = [s for s in secrets if any(form in text for form in (s, s[-20:], quote(s), quote_plus(s)))]
    assert leaked == [], f"{len(leaked)} secrets in the log"


def capture(formatter: logging.Formatter) -> tuple[io.StringIO, logging.Handler]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(formatter)
    handler.addFilter(RequestContext())
    return out, handler


async def careless_page(scope: Scope, receive: Receive, send: Send) -> None:
    # Code that should not, but does, log a header it was given.
    logging.getLogger("qile_api.careless").warning("got %s", dict(scope["headers"]).get(b"authorization", b"").decode())
    await PlainTextResponse("ok")(scope, receive, send)


@pytest.mark.parametrize("formatter", [TextLines(), JsonLines()], ids=["text", "json"])
async def test_lines_carry_the_request_id_and_never_a_token(formatter: logging.Formatter) -> None:
    out, handler = capture(formatter)
    api_logs = logging.getLogger("qile_api")
    api_logs.addHandler(handler)
    level = api_logs.level
    api_logs.setLevel(logging.INFO)
    app = RequestObserver(careless_page, access_log=True, trusted_proxies=[])
    token = "qs_" + "A1b2C3d4" * 5
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://qile.test") as client:
            answer = await client.get("/anything?sig=abc", headers={"Authorization": f"Bearer {token}"})
    finally:
        api_logs.removeHandler(handler)
        api_logs.setLevel(level)

    request_id = answer.headers["x-request-id"]
    written = out.getvalue().splitlines()
    assert len(written) == 2 and all(request_id in line for line in written)
    assert token[3:] not in out.getvalue() and token[-12:] not in out.getvalue() and "sig=" not in out.getvalue()
    assert "got Bearer [redacted]" in written[0]
    if isinstance(formatter, TextLines):
        # readable: "<time> WARNING qile_api.careless [<id>] got Bearer [redacted]"
        assert f"WARNING qile_api.careless [{request_id}] got Bearer" in written[0]
        assert f"INFO qile_api.access [{request_id}] GET /anything 200" in written[1]
    else:
        lines = [json.loads(line) for line in written]
        assert [(line["level"], line["logger"]) for line in lines] == [
            ("WARNING", "qile_api.careless"),
            ("INFO", "qile_api.access"),
        ]
