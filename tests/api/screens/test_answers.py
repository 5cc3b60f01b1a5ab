"""The kiosk's feed answered from kept bytes (GraphQL executes only when the answer changes), by POST and GET."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from qile_api.graphql.gate import DocumentCache
from qile_api.graphql.persisted import PersistedDocuments, document_id
from qile_kiosk.documents import SCREEN_FEED
from tests.api import factories as f
from tests.api.conftest import Api
from tests.api.graphql.test_gate import documents


async def poll(api: Api, token: str, since: str | None = None) -> dict[str, Any]:
    response = await api.client.post(
        "/graphql",
        json={"query": SCREEN_FEED, "variables": {"since": since}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]["screenFeed"]  # type: ignore[no-any-return]


def executions(api: Api) -> int:
    cache: DocumentCache = documents(api)
    return cache.executions


def without_time(feed: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in feed.items() if k != "generatedAt"}


def test_the_kiosk_document_is_persisted_byte_for_byte() -> None:
    assert document_id(SCREEN_FEED) in PersistedDocuments.load().by_id, (
        "the kiosk's feed document changed: run `make schema` to copy it to the API's persisted documents"
    )


async def test_a_full_feed_executes_graphql_once_until_it_changes(api: Api) -> None:
    # given a screen with a notice
    await f.notice(api.db, "工盛社区", "停水通知", start=api.clock.now - timedelta(hours=1))
    token = await f.screen(api.db, "工盛社区")
    first = await poll(api, token)
    ran = executions(api)

    # when it asks for its whole feed again, a minute later, many times
    api.clock.now += timedelta(minutes=1)
    again = [await poll(api, token) for _ in range(20)]

    # then GraphQL never ran: the same answer came from memory, with the time of asking
    assert executions(api) == ran
    assert all(without_time(a) == without_time(first) for a in again)
    assert datetime.fromisoformat(again[0]["generatedAt"]) == api.clock.now
    assert again[0]["generatedAt"].endswith("+08:00")
    assert [n["title"] for n in again[0]["notices"]] == ["停水通知"]

    # and once the content changes, GraphQL runs once for the new answer
    await f.notice(api.db, "工盛社区", "停电通知", start=api.clock.now - timedelta(minutes=1))
    changed = await poll(api, token)
    assert executions(api) == ran + 1
    assert sorted(n["title"] for n in changed["notices"]) == ["停水通知", "停电通知"]
    assert changed["version"] != first["version"]


async def test_an_unchanged_poll_runs_neither_graphql_nor_a_query(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区")
    version = (await poll(api, token))["version"]
    await poll(api, token, since=version)  # the first unchanged answer is made once
    ran, queries = executions(api), api.queries

    answers = [await poll(api, token, since=version) for _ in range(20)]

    assert all(a["notModified"] is True and a["notices"] == [] for a in answers)
    assert answers[0]["screen"]["community"]["name"] == "工盛社区"
    assert executions(api) == ran
    assert api.queries == queries


async def test_each_screen_gets_its_own_header_from_the_shared_feed(api: Api) -> None:
    await f.notice(api.db, "工盛社区", "通知", start=api.clock.now - timedelta(hours=1))
    east, west = await f.screen(api.db, "工盛社区", name="东屏"), await f.screen(api.db, "工盛社区", name="西屏")
    for token in (east, west):
        await poll(api, token)

    feeds = {name: await poll(api, token) for name, token in (("东屏", east), ("西屏", west))}

    assert {name: feed["screen"]["name"] for name, feed in feeds.items()} == {"东屏": "东屏", "西屏": "西屏"}
    assert feeds["东屏"]["notices"] == feeds["西屏"]["notices"]


async def test_a_renamed_screen_gets_a_new_answer_not_the_kept_one(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区", name="旧名")
    before = await poll(api, token)

    await api.db.execute("UPDATE screens SET name = '新名'")
    after = await poll(api, token, since=before["version"])

    assert after["notModified"] is False
    assert after["screen"]["name"] == "新名"


FEED_ID = document_id(SCREEN_FEED)


async def get(api: Api, token: str, etag: str | None = None, **params: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}", **({"If-None-Match": etag} if etag else {})}
    return await api.client.get("/graphql", params={"documentId": FEED_ID, **params}, headers=headers)


async def test_a_get_by_document_id_is_the_feed_with_its_version_as_etag(api: Api) -> None:
    await f.notice(api.db, "工盛社区", "停水通知", start=api.clock.now - timedelta(hours=1))
    token = await f.screen(api.db, "工盛社区")

    response = await get(api, token)

    feed = response.json()["data"]["screenFeed"]
    assert response.status_code == 200
    assert response.headers["etag"] == f'"{feed["version"]}"'
    assert response.headers["cache-control"] == "no-cache"
    assert "Authorization" in response.headers["vary"].split(", ")
    assert without_time(feed) == without_time(await poll(api, token))


async def test_if_none_match_with_the_version_is_304_from_memory(api: Api) -> None:
    # given a screen that has its feed
    token = await f.screen(api.db, "工盛社区")
    etag = (await get(api, token)).headers["etag"]
    ran, queries = executions(api), api.queries

    # when it asks again with the version it has, many times
    answers = [await get(api, token, etag=etag) for _ in range(20)]

    # then each is 304 with no body, and neither GraphQL nor the database was asked
    assert {a.status_code for a in answers} == {304}
    assert all(a.content == b"" and a.headers["etag"] == etag for a in answers)
    assert (executions(api), api.queries) == (ran, queries)
    # a weak validator of the same version matches too (what nginx sends after compressing)
    assert (await get(api, token, etag=f"W/{etag}")).status_code == 304

    # and once the content changes, the same request gets the new feed and version
    await f.notice(api.db, "工盛社区", "停电通知", start=api.clock.now - timedelta(minutes=1))
    changed = await get(api, token, etag=etag)
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert [n["title"] for n in changed.json()["data"]["screenFeed"]["notices"]] == ["停电通知"]


async def test_a_get_for_a_revoked_token_is_refused_not_304(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区")
    etag = (await get(api, token)).headers["etag"]

    await api.db.execute("UPDATE screens SET status = 'DECOMMISSIONED'")
    response = await get(api, token, etag=etag)

    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "etag" not in response.headers


async def test_only_known_persisted_documents_are_served_by_get(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区")

    unknown = await api.client.get("/graphql", params={"documentId": "sha256:" + "0" * 64})
    malformed = await api.client.get("/graphql", params={"documentId": "md5:abc"})
    bad_variables = await get(api, token, variables="{not json")

    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_DOCUMENT_NOT_FOUND"
    assert malformed.status_code == 400 and "sha256" in malformed.json()["errors"][0]["message"]
    assert bad_variables.status_code == 400 and "variables" in bad_variables.json()["errors"][0]["message"]


async def test_since_in_get_variables_and_a_posted_document_id_work_as_in_the_post_form(api: Api) -> None:
    token = await f.screen(api.db, "工盛社区")
    version = (await poll(api, token))["version"]

    by_get = await get(api, token, variables=json.dumps({"since": version}))
    by_id = await api.client.post(
        "/graphql",
        json={"documentId": FEED_ID, "variables": {"since": version}},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert by_get.json()["data"]["screenFeed"]["notModified"] is True
    assert by_id.json()["data"]["screenFeed"]["notModified"] is True


def test_the_readme_names_the_feed_by_its_persisted_id() -> None:
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    assert f"documentId={FEED_ID}" in readme
