"""Every answer names its request: the caller's id when it is a short safe token, else a new one."""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import Api

GENERATED = re.compile(r"[0-9a-f]{32}")


async def test_each_answer_carries_a_new_id_errors_included(api: Api) -> None:
    answers = [
        await api.client.get("/healthz"),
        await api.client.post("/graphql", json={"query": "{ themes { key } }"}),
        await api.client.get("/no/such/page"),
        await api.client.post("/graphql", content=b"\xff", headers={"Content-Type": "application/json"}),
    ]

    ids = [a.headers["x-request-id"] for a in answers]
    assert [a.status_code for a in answers] == [200, 200, 404, 400]
    assert all(GENERATED.fullmatch(i) for i in ids) and len(set(ids)) == len(ids)


async def test_a_proxys_id_is_kept(api: Api) -> None:
    nginx = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

    answer = await api.client.get("/healthz", headers={"X-Request-Id": nginx})

    assert answer.headers["x-request-id"] == nginx


@pytest.mark.parametrize(
    "offered",
    ["", "a" * 65, "two words", "line\r\nbreak", "<script>", "qile;rm -rf", "中文编号"],
)
async def test_an_unsafe_id_is_replaced(api: Api, offered: str) -> None:
    answer = await api.client.get("/healthz", headers={"X-Request-Id": offered.encode()})  # type: ignore[dict-item]

    assert GENERATED.fullmatch(answer.headers["x-request-id"])
