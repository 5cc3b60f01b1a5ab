"""The poller against a stand-in API: what reaches the screen when things go wrong."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from gql.transport.exceptions import TransportQueryError

from qile_kiosk.app import Kiosk
from qile_kiosk.cache import FeedCache
from qile_kiosk.client import FeedClient, PairingCode, Unauthenticated
from qile_kiosk.config import KioskConfig
from qile_kiosk.feed import Feed, parse_feed
from qile_kiosk.images import ImageStore
from qile_kiosk.poller import (
    FeedArrived,
    FeedUnchanged,
    ImagesArrived,
    Message,
    PairingShown,
    Poller,
    PollFailed,
    ScreenshotWanted,
    Unpaired,
)
from tests.kiosk.test_feed_and_cache import NOW, notice, raw_feed

PHOTO = b"\x89PNG not really"
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()


def honour_with_photo(sha: str = PHOTO_SHA) -> dict[str, Any]:
    return {
        "id": "h1",
        "title": "最美家庭",
        "subjectKind": "FAMILY",
        "subjectName": "王家",
        "citation": "孝老爱亲",
        "year": 2026,
        "photo": {"url": f"/media/{sha}", "width": 10, "height": 10, "sha256": sha},
    }


def a_feed(version: str = "v1", **changes: Any) -> Feed:
    return parse_feed(
        raw_feed(
            kind="GALLERY",
            version=version,
            notices=[notice("u", "燃气抢修", "请勿使用明火", urgent=True)],
            honours=[honour_with_photo()],
            **changes,
        )
    )


class FakeClient:
    """Answers like FeedClient, from memory; counts what was asked."""

    def __init__(self, feed: Feed, photos: dict[str, bytes] | None = None) -> None:
        self.feed = feed
        self.photos = photos if photos is not None else {f"/media/{PHOTO_SHA}": PHOTO}
        self.since: list[str | None] = []
        self.fetched: list[str] = []
        self.server_time = None

    async def fetch(self, since: str | None, http: object = None) -> Feed | None:
        self.since.append(since)
        return None if since == self.feed.version else self.feed

    async def fetch_bytes(self, http: httpx.AsyncClient, path: str) -> bytes:
        self.fetched.append(path)
        if path not in self.photos:
            raise httpx.HTTPStatusError("404", request=httpx.Request("GET", path), response=httpx.Response(404))
        return self.photos[path]


def make_poller(tmp_path: Path, client: FakeClient, since: str | None = None, feed: Feed | None = None) -> Poller:
    config = KioskConfig(
        api_url="http://127.0.0.1:9", token="t", cache_dir=tmp_path, poll_interval=0.3, backoff_cap=0.6
    )
    poller = Poller(config, FeedCache(tmp_path), lambda: NOW, since=since, feed=feed)
    poller.client = client  # type: ignore[assignment]
    return poller


def messages(poller: Poller) -> list[Message]:
    out: list[Message] = []
    while not poller.messages.empty():
        out.append(poller.messages.get_nowait())
    return out


def poll(poller: Poller) -> list[Message]:
    async def once() -> None:
        async with httpx.AsyncClient() as http:
            await poller.poll_feed(http)

    asyncio.run(once())
    return messages(poller)


def test_a_full_disk_still_lets_the_feed_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a disk that refuses every write
    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("qile_kiosk.cache.atomic_write", disk_full)
    poller = make_poller(tmp_path, FakeClient(a_feed()))

    # when a feed with a photo and an urgent notice arrives
    got = poll(poller)

    # then the feed reaches the screen all the same
    assert [type(m) for m in got] == [FeedArrived]
    assert isinstance(got[0], FeedArrived) and got[0].feed.notices[0].urgent


def test_photos_are_fetched_with_the_screen_token(tmp_path: Path) -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        return httpx.Response(200, content=PHOTO)

    config = KioskConfig(api_url="http://127.0.0.1:9", token="qs_screen", cache_dir=tmp_path)

    async def fetch() -> bytes:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            client = FeedClient(config)
            await client.fetch_bytes(http, "https://cdn.example.org/elsewhere.jpg")
            return await client.fetch_bytes(http, f"/media/{PHOTO_SHA}")

    assert asyncio.run(fetch()) == PHOTO
    # to another host the token is not sent
    assert seen == [None, "Bearer qs_screen"]


class ScreenshotClient(FakeClient):
    def __init__(self) -> None:
        super().__init__(a_feed())
        self.uploads: list[bytes] = []
        self.fail_next_upload = True

    async def heartbeat(self, status: object, uptime_seconds: int) -> bool:
        return True  # staff asked, and still ask until a screenshot arrives

    async def upload_screenshot(self, http: httpx.AsyncClient, png: bytes) -> bool:
        if self.fail_next_upload:
            self.fail_next_upload = False
            raise httpx.ConnectError("connection reset")
        self.uploads.append(png)
        return True


def test_a_failed_screenshot_upload_is_asked_for_again(tmp_path: Path) -> None:
    client = ScreenshotClient()
    poller = make_poller(tmp_path, client)

    async def report() -> None:
        async with httpx.AsyncClient() as http:
            await poller.report(http)

    asyncio.run(report())
    assert [type(m) for m in messages(poller)] == [ScreenshotWanted]
    poller.screenshots.put_nowait(b"png 1")
    with pytest.raises(httpx.ConnectError):
        asyncio.run(report())  # the upload fails

    # the next heartbeat still asks: the screen captures again and this one goes up
    asyncio.run(report())
    assert [type(m) for m in messages(poller)] == [ScreenshotWanted]
    poller.screenshots.put_nowait(b"png 2")
    asyncio.run(report())
    assert client.uploads == [b"png 2"]


def test_a_photo_that_cannot_be_fetched_does_not_make_every_poll_a_full_one(tmp_path: Path) -> None:
    # given a photo the API answers 404 for
    client = FakeClient(a_feed(), photos={})
    poller = make_poller(tmp_path, client)
    assert [type(m) for m in poll(poller)] == [FeedArrived]

    # then the version is kept: the next polls ask with `since` and cost nothing
    poll(poller)
    poll(poller)
    assert client.since == [None, "v1", "v1"]
    # and the photo is retried on its own backoff, not at every poll
    assert client.fetched.count(f"/media/{PHOTO_SHA}") <= 2
    assert poller.photos.retry_at > 0

    # once it is there and the retry is due, it is fetched and drawn
    client.photos = {f"/media/{PHOTO_SHA}": PHOTO}
    poller.photos.retry_at = 0.0
    assert [type(m) for m in poll(poller)] == [FeedUnchanged, ImagesArrived]
    assert poller.cache.has_image(PHOTO_SHA)
    assert client.since[-1] == "v1"


def test_a_corrupt_cached_photo_is_fetched_again_after_a_restart(tmp_path: Path) -> None:
    # given a cached feed whose photo was damaged on disk (power cut, failing card)
    cache = FeedCache(tmp_path)
    feed = a_feed()
    cache.save(feed, NOW)
    assert cache.save_image(PHOTO_SHA, PHOTO)
    (tmp_path / "media" / PHOTO_SHA).write_bytes(b"\0" * 10)

    # when the kiosk starts, checks its cache, and the API says the feed is unchanged
    kiosk = Kiosk(KioskConfig(api_url="http://127.0.0.1:9", token="t", cache_dir=tmp_path), headless=True, poll=False)
    kiosk.close()
    client = FakeClient(feed)
    poller = make_poller(tmp_path, client, since="v1", feed=feed)
    got = poll(poller)

    # then the photo is fetched again all the same
    assert [type(m) for m in got] == [FeedUnchanged, ImagesArrived]
    assert (tmp_path / "media" / PHOTO_SHA).read_bytes() == PHOTO


def test_a_photo_that_does_not_decode_is_discarded_for_fetching_again(tmp_path: Path) -> None:
    cache = FeedCache(tmp_path)
    assert cache.save_image(PHOTO_SHA, PHOTO)  # matches its hash, but is no image
    images = ImageStore(cache)
    assert images(PHOTO_SHA, (100, 100)) is None
    assert not cache.has_image(PHOTO_SHA)
    poller = make_poller(tmp_path, FakeClient(a_feed()), since="v1", feed=a_feed())
    assert [type(m) for m in poll(poller)] == [FeedUnchanged, ImagesArrived]


class RevokedClient(FakeClient):
    async def fetch(self, since: str | None, http: object = None) -> Feed | None:
        raise Unauthenticated("token revoked")

    async def pairing_start(self) -> PairingCode | None:
        return PairingCode("246810", "secret", None)

    async def pairing_redeem(self, pairing: PairingCode) -> tuple[str, str | None]:
        return "PENDING", None


def test_a_revoked_paired_token_is_forgotten_and_pairing_starts_again(tmp_path: Path) -> None:
    # given a screen running on the token it received by pairing
    poller = make_poller(tmp_path, RevokedClient(a_feed()), since="v1")
    poller.tokens.save("t")
    poller.token_from_pairing = True

    # when the API keeps refusing that token
    async def run_a_while() -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(poller.run(), 4.0)

    asyncio.run(run_a_while())

    # then the token is gone and a pairing code shows
    got = [type(m) for m in messages(poller)]
    assert Unpaired in got and PairingShown in got
    assert got.index(Unpaired) < got.index(PairingShown)
    assert not poller.config.token_path.exists() and poller.version is None


class OnceRefusedClient(FakeClient):
    """The API refuses the token once (say, while it restarts), then serves the feed."""

    refused = False

    async def fetch(self, since: str | None, http: object = None) -> Feed | None:
        if not self.refused:
            self.refused = True
            raise Unauthenticated("token refused")
        return await super().fetch(since)


def test_one_refusal_does_not_forget_a_paired_token(tmp_path: Path) -> None:
    poller = make_poller(tmp_path, OnceRefusedClient(a_feed()))
    poller.tokens.save("t")
    poller.token_from_pairing = True

    async def run_a_while() -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(poller.run(), 2.0)

    asyncio.run(run_a_while())

    got = [type(m) for m in messages(poller)]
    assert Unpaired not in got and FeedArrived in got
    assert poller.config.token_path.exists()


class OutageClient(FakeClient):
    """The API answers 503 SERVICE_UNAVAILABLE a few times (its database is down), then serves again."""

    def __init__(self, feed: Feed, failures: int) -> None:
        super().__init__(feed)
        self.failures = failures

    async def fetch(self, since: str | None, http: object = None) -> Feed | None:
        if self.failures:
            self.failures -= 1
            raise TransportQueryError("服务暂时不可用", errors=[{"extensions": {"code": "SERVICE_UNAVAILABLE"}}])
        return await super().fetch(since)


def test_after_an_outage_the_screen_is_back_within_about_one_poll(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # given a kiosk polling every 0.3 s, with the general back-off cap at its 300 s default
    poller = make_poller(tmp_path, OutageClient(a_feed(), failures=6))
    poller.config = replace(poller.config, backoff_cap=300.0)

    # when the API fails six polls in a row and then answers
    async def run_a_while() -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(poller.run(), 5.0)

    asyncio.run(run_a_while())

    # then no retry waited more than one poll interval (as its log says), and the feed came through
    got = messages(poller)
    retries = [float(m) for m in re.findall(r"poll failed .*; retrying in ([0-9.]+) s", caplog.text)]
    assert len(retries) == len([m for m in got if isinstance(m, PollFailed)]) == 6 and max(retries) <= 0.3
    assert any(isinstance(m, FeedArrived) for m in got)
