"""/metrics after real requests: what screens and staff did shows in the numbers, for allowed addresses only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from strawberry import relay

from qile_api.db.errors import DatabaseTimeout
from qile_api.root.app import create_app
from qile_api.screens.heartbeats import DeviceRuntime
from qile_api.settings import Settings
from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.media.test_access import SHA, draft_honour_photo, fetch
from tests.api.observability.scrape import Scrape, scrape
from tests.api.screens.test_answers import get

# As the kiosk names them (services/kiosk/qile_kiosk/documents.py).
SCREEN_FEED = "query ScreenFeed($since: String) { screenFeed(since: $since) { version notModified } }"
HEARTBEAT = 'mutation Heartbeat { screenHeartbeat(input: {contentVersion: "v1", mode: "showing"}) { errors { code } } }'
PLAYS = "mutation PlaysRecord($plays: [PlayInput!]!) { screenPlaysRecord(plays: $plays) { accepted } }"
NOTICE = str(relay.GlobalID("Notice", "7"))


def play(pid: str) -> dict[str, object]:
    return {"id": pid, "item": NOTICE, "startedAt": "2026-11-28T10:00:00+08:00", "seconds": 12.0}


async def test_what_a_screen_does_moves_the_numbers(api: Api) -> None:
    # given a screen of 工盛社区 (张店区) and another of 山水缘社区 (淄川区), silent for an hour
    token = await f.screen(api.db, "工盛社区")
    silent = await f.screen(api.db, "山水缘社区")
    api.clock.now -= timedelta(hours=1)
    await api.gql(HEARTBEAT, token=silent)
    await api.state.held(DeviceRuntime).flush(api.db)
    api.clock.now += timedelta(hours=1)
    before = await scrape(api.client)

    # when the first polls twice (a build, then the cache), reports, sends three plays (one of them twice),
    # and a screen with a made-up token polls
    first = (await api.gql(SCREEN_FEED, token=token))["data"]["screenFeed"]
    again = (await api.gql(SCREEN_FEED, {"since": first["version"]}, token=token))["data"]["screenFeed"]
    await api.gql(HEARTBEAT, token=token)
    await api.state.held(DeviceRuntime).flush(api.db)
    await api.gql(PLAYS, {"plays": [play("p1"), play("p2")]}, token=token)
    await api.gql(PLAYS, {"plays": [play("p2"), play("p3")]}, token=token)
    refused = await api.gql(SCREEN_FEED, token="qs_made-up-token-0123456789abcdef")
    after = await scrape(api.client)
    moved = after.minus(before)

    # then every step shows
    assert again["notModified"] and refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    feeds = "qile_graphql_operation_duration_seconds_count"
    assert moved.total(feeds, operation="ScreenFeed", outcome="ok") == 2
    assert moved.total(feeds, operation="ScreenFeed", outcome="refused") == 1
    assert moved.total(feeds, operation="PlaysRecord") == 2 and moved.total(feeds, operation="Heartbeat") == 1
    assert moved.total("qile_feed_cache_lookups_total", result="miss") == 1
    assert moved.total("qile_feed_cache_lookups_total", result="hit") == 1
    assert moved.total("qile_feed_builds_total", outcome="ok") == 1
    assert moved.total("qile_heartbeats_written_total") == 1
    assert moved.total("qile_plays_written_total") == 3
    requests = "qile_http_request_duration_seconds_count"
    assert moved.total(requests, path="/graphql", method="POST", status="200") == 6
    # and the screens by district: the one that reported online, the silent one's community dark
    assert after.total("qile_screens", district="张店区", state="online") == 1
    assert after.total("qile_screens", district="淄川区", state="offline") == 1
    assert after.total("qile_communities_dark", district="淄川区") == 1
    assert after.total("qile_communities_dark", district="张店区") == 0
    assert after.total("qile_ready") == 1


async def test_polls_answered_before_graphql_count_as_the_feed_served(api: Api) -> None:
    # given a screen that has fetched its feed by the kiosk's GET (a build), and the figures then
    token = await f.screen(api.db, "工盛社区")
    etag = (await get(api, token)).headers["etag"]
    before = await scrape(api.client)

    # when it polls three times with the version it shows, answered from memory
    unchanged = [await get(api, token, etag=etag) for _ in range(3)]
    after = await scrape(api.client)
    moved = after.minus(before)

    # then each shows as a 304 of the ScreenFeed operation served from the feed cache, with no build
    assert [r.status_code for r in unchanged] == [304, 304, 304]
    requests = "qile_http_request_duration_seconds_count"
    assert moved.total(requests, path="/graphql", method="GET", status="304") == 3
    assert moved.total("qile_graphql_operation_duration_seconds_count", operation="ScreenFeed", outcome="ok") == 3
    assert moved.total("qile_feed_cache_lookups_total", result="hit") == 3
    assert moved.total("qile_feed_cache_lookups_total", result="miss") == 0
    assert moved.total("qile_feed_builds_total") == 0


async def test_labels_stay_bounded_whatever_callers_send(api: Api) -> None:
    # given a staff member with a draft photo in scope, and the figures before
    await draft_honour_photo(api)
    editor = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    before = await scrape(api.client)

    # when the photo is revalidated (304), operations are named by the caller or not at all,
    # a path nobody routes is asked for, and a method nobody knows is used
    revalidated = await fetch(api, editor, **{"If-None-Match": f'"{SHA}"'})
    await api.gql("query Evil_0001 { themes { key } }")
    await api.gql("query Evil_0002 { themes { key } }")
    await api.gql("{ themes { key } }")
    await api.client.get("/no/such/path/0001")
    await api.client.get("/no/such/path/0002")
    brewed = await api.client.request("BREW", "/healthz")
    moved = (await scrape(api.client)).minus(before)

    # then each lands under a label the server chose
    assert revalidated.status_code == 304
    requests = "qile_http_request_duration_seconds_count"
    assert moved.total(requests, path="/media/{sha256}", method="GET", status="304") == 1
    assert moved.total("qile_graphql_operation_duration_seconds_count", operation="other", outcome="ok") == 3
    assert moved.total(requests, path="unmatched", status="404") == 2
    assert moved.total(requests, path="/healthz", method="OTHER", status=str(brewed.status_code)) == 1
    operations = {s["operation"] for s in moved.series("qile_graphql_operation_duration_seconds_count")}
    assert not any(name.startswith("Evil") for name in operations)


async def test_a_database_timeout_is_counted(api: Api) -> None:
    before = await scrape(api.client)

    async def slow_statement() -> None:
        async with api.db.transaction() as tx:
            await tx.execute("SET LOCAL statement_timeout = 50")
            await tx.execute("SELECT pg_sleep(1)")

    with pytest.raises(DatabaseTimeout):
        await slow_statement()

    moved = (await scrape(api.client)).minus(before)
    assert moved.total("qile_database_errors_total", kind="timeout") == 1


def client_at(app: object, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://qile.test")


async def test_only_loopback_may_scrape_by_default(api: Api) -> None:
    async with client_at(api.app, "203.0.113.9") as outside, client_at(api.app, "::1") as local6:
        refused = await outside.get("/metrics")
        # a proxy nobody configured, on loopback, passing someone's request on
        relayed = await api.client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
        relayed_rfc = await api.client.get("/metrics", headers={"Forwarded": "for=127.0.0.1"})
        allowed = [(await c.get("/metrics")).status_code for c in (api.client, local6)]

    assert (refused.status_code, relayed.status_code, relayed_rfc.status_code) == (403, 403, 403)
    assert "qile_" not in refused.text + relayed.text
    assert allowed == [200, 200]


@pytest.fixture
async def behind_proxy(seeded_dsn: str) -> AsyncIterator[object]:
    """Prometheus on 10.0.5.0/24 reaches the API through a proxy at 10.0.0.2."""
    settings = Settings(
        metrics_allow="10.0.5.0/24",  # type: ignore[arg-type]
        trusted_proxies="10.0.0.2",  # type: ignore[arg-type]
        heartbeat_flush_seconds=0,
        _env_file=None,  # type: ignore[call-arg]
    )
    app = create_app(settings, dsn=seeded_dsn)
    async with app.router.lifespan_context(app):
        yield app


async def test_the_allowed_addresses_are_those_the_trusted_proxy_names(behind_proxy: object) -> None:
    async with client_at(behind_proxy, "10.0.0.2") as proxy, client_at(behind_proxy, "10.0.5.7") as direct:
        prometheus = await proxy.get("/metrics", headers={"X-Forwarded-For": "10.0.5.7"})
        stranger = await proxy.get("/metrics", headers={"X-Forwarded-For": "198.51.100.4"})
        spoofed = await proxy.get("/metrics", headers={"X-Forwarded-For": "10.0.5.7, 198.51.100.4"})
        the_proxy_itself = await proxy.get("/metrics")
        straight = await direct.get("/metrics")

    assert prometheus.status_code == 200 and "qile_ready 1.0" in prometheus.text
    assert [r.status_code for r in (stranger, spoofed, the_proxy_itself)] == [403, 403, 403]
    assert straight.status_code == 200 and "qile_ready" in Scrape.parse(straight.text).names()
