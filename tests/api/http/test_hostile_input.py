"""Input that once reached the database unchecked: a clear BAD_USER_INPUT or HTTP 400, never a fault."""

from __future__ import annotations

import json
import logging

import pytest
from strawberry.relay import to_base64

from tests.api import staff
from tests.api.conftest import Api

LOGIN = 'mutation($u: String!) { login(input: {username: $u, password: "whatever pw"}) { token errors { code } } }'
NOTICE_CREATE = """
mutation($input: NoticeCreateInput!) { noticeCreate(input: $input) { notice { id } errors { code field } } }
"""
NODE = "query($id: ID!) { node(id: $id) { id } }"


def codes(body: dict) -> list[str]:  # type: ignore[type-arg]
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


@pytest.fixture
def no_tracebacks(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.WARNING)
    return caplog


@pytest.mark.parametrize("username", ["ad\x00min", "\ud800x", "x\udfff"])
async def test_a_username_postgres_cannot_store_is_bad_input(
    api: Api, no_tracebacks: pytest.LogCaptureFixture, username: str
) -> None:
    # Sent as JSON escapes, the way a lone surrogate arrives over the wire.
    raw = json.dumps({"query": LOGIN, "variables": {"u": username}})
    body = (await api.client.post("/graphql", content=raw, headers={"content-type": "application/json"})).json()

    assert body["data"] is None
    assert codes(body) == ["BAD_USER_INPUT"]
    assert "文本" in body["errors"][0]["message"]
    assert [r for r in no_tracebacks.records if r.levelno >= logging.ERROR] == []


async def test_a_nul_in_a_notice_title_changes_nothing(api: Api, no_tracebacks: pytest.LogCaptureFixture) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")
    scope = to_base64("Community", await api.db.fetchval("SELECT id FROM regions WHERE name = '工盛社区'"))
    variables = {"input": {"scope": scope, "category": "SERVICE", "title": "停水\x00通知", "body": "正文"}}

    by_variable = await api.gql(NOTICE_CREATE, variables, token=editor)
    by_literal = await api.gql(
        f'mutation {{ noticeCreate(input: {{scope: "{scope}", category: SERVICE, title: "停水\\u0000通知",'
        ' body: "正文"}) { errors { code } } }',
        token=editor,
    )

    assert codes(by_variable) == ["BAD_USER_INPUT"]
    assert by_variable["errors"][0]["extensions"]["field"] == "input.title"
    assert codes(by_literal) == ["BAD_USER_INPUT"]
    assert await api.db.fetchval("SELECT count(*) FROM notices") == 0
    assert [r for r in no_tracebacks.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize("number", ["9223372036854775808", "1" * 40, "-1", "0"])
async def test_an_id_outside_bigint_is_bad_input(
    api: Api, no_tracebacks: pytest.LogCaptureFixture, number: str
) -> None:
    body = await api.gql(NODE, {"id": to_base64("Notice", number)})

    assert body["data"] is None
    assert codes(body) == ["BAD_USER_INPUT"]
    assert [r for r in no_tracebacks.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    "raw",
    [
        b'{"query": "{ themes { key } }\xff"}',
        b"\xff\xfe{}",
        b'{"query": "query A { themes { key } }", "operationName": "A\\ud800"}',
        b'{"query": "{ themes { key } }", "operationName": "\\u0000"}',
        b'{"query": "{ themes { key } }\\udc00"}',
    ],
)
async def test_an_undecodable_body_is_http_400(api: Api, no_tracebacks: pytest.LogCaptureFixture, raw: bytes) -> None:
    response = await api.client.post("/graphql", content=raw, headers={"content-type": "application/json"})

    assert response.status_code == 400
    assert [r for r in no_tracebacks.records if r.levelno >= logging.ERROR] == []
