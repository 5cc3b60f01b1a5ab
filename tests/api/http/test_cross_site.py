"""Requests a web page could send cross-site without a preflight never reach a mutation."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.api import staff
from tests.api.conftest import Api
from tests.api.photos import UPLOAD, upload_form

PAIRING_START = "mutation { screenPairingStart { code errors { code } } }"


async def multipart(api: Api, query: str, headers: dict[str, str]) -> httpx.Response:
    """A mutation as the multipart request spec sends it, one file in variables.file."""
    return await api.client.post("/graphql", **upload_form(query), headers=headers)


async def stored(api: Api) -> tuple[int, int]:
    """What the mutations above would leave behind: photos and pairing codes."""
    media = await api.db.fetchval("SELECT count(*) FROM media")
    pairings = await api.db.fetchval("SELECT count(*) FROM screen_pairings")
    return int(media), int(pairings)


def refused_as_csrf(response: httpx.Response) -> None:
    assert response.status_code == 400
    body: dict[str, Any] = response.json()
    assert "data" not in body
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "CSRF_PREVENTED"}
    assert "X-Qile-Client" in error["message"] and "请求头" in error["message"]


@pytest.mark.parametrize("who", ["editor", "anonymous"])
async def test_a_multipart_mutation_without_the_header_is_refused_and_changes_nothing(api: Api, who: str) -> None:
    # Given a page on another site posting a form-encoded mutation: a signed-in
    # upload (the token stands for whatever a page might hold) or an anonymous pairing
    headers, query = {}, PAIRING_START
    if who == "editor":
        editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
        headers, query = {"Authorization": f"Bearer {editor}"}, UPLOAD

    # When it arrives without X-Qile-Client
    response = await multipart(api, query, headers)

    # Then it is refused before it runs: nothing stored
    refused_as_csrf(response)
    assert await stored(api) == (0, 0)


@pytest.mark.parametrize("header", ["X-Qile-Client", "Apollo-Require-Preflight"])
async def test_with_the_header_a_multipart_mutation_works(api: Api, header: str) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    response = await multipart(api, UPLOAD, {"Authorization": f"Bearer {editor}", header: "console/1"})
    pairing = await multipart(api, PAIRING_START, {header: "kiosk/0.1.0"})

    assert response.status_code == 200
    assert response.json()["data"]["mediaUpload"]["errors"] == []
    assert pairing.json()["data"]["screenPairingStart"]["code"]
    assert await stored(api) == (1, 1)


@pytest.mark.parametrize("value", ["", "   "])
async def test_an_empty_header_is_not_enough(api: Api, value: str) -> None:
    refused_as_csrf(await multipart(api, PAIRING_START, {"X-Qile-Client": value}))
    assert await stored(api) == (0, 0)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "query=" + PAIRING_START.replace(" ", "+")),
        ("text/plain", json.dumps({"query": PAIRING_START})),
        ("text/plain; charset=utf-8", json.dumps({"query": PAIRING_START})),
        ("TEXT/PLAIN", json.dumps({"query": PAIRING_START})),
        (None, json.dumps({"query": PAIRING_START})),
    ],
)
async def test_other_bodies_a_form_can_send_are_refused(api: Api, content_type: str | None, body: str) -> None:
    headers = {"content-type": content_type} if content_type else {}

    without = await api.client.post("/graphql", content=body, headers=headers)
    # With the header it gets past the check, and still is not a body /graphql reads.
    with_header = await api.client.post("/graphql", content=body, headers={**headers, "X-Qile-Client": "x"})

    refused_as_csrf(without)
    assert with_header.status_code == 400
    assert await stored(api) == (0, 0)


LOGIN = 'mutation { login(input: {username: "admin", password: "a guess"}) { token } }'
CHOSEN = "query Themes { themes { key } } " + PAIRING_START.replace("mutation {", "mutation Start {", 1)


@pytest.mark.parametrize(
    "params",
    [
        {"query": PAIRING_START},
        # a sign-in fired from every visitor's browser would lock staff out
        {"query": LOGIN},
        # a mutation picked out of a document that also holds a query
        {"query": CHOSEN, "operationName": "Start"},
    ],
)
async def test_mutations_are_refused_over_get(api: Api, params: dict[str, str]) -> None:
    # A link or an <img> on any page sends a GET.
    response = await api.client.get("/graphql", params=params)

    assert response.status_code == 400
    assert await stored(api) == (0, 0)
    assert await api.db.fetchval("SELECT count(*) FROM login_address_failures") == 0
    # Queries over GET still work: they change nothing.
    themes = await api.client.get("/graphql", params={"query": "{ themes { key } }"})
    assert themes.status_code == 200 and len(themes.json()["data"]["themes"]) == 5


async def test_json_needs_no_header(api: Api) -> None:
    # A browser asks before sending JSON cross-site, and this API never says yes.
    response = await api.client.post("/graphql", json={"query": PAIRING_START})

    assert response.json()["data"]["screenPairingStart"]["code"]
    assert await stored(api) == (0, 1)
    preflight = await api.client.options(
        "/graphql", headers={"Origin": "https://e.vil", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers
