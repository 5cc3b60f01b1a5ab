"""A kiosk meeting broken answers: cut off half-way, valid JSON of the wrong shape, photos that 404 or are garbage.

The kiosk talks to the real API through a proxy that spoils answers
(tests/faults/httpfault.py). Whatever comes, every frame shows content or
the standby screen, and once the answers are right again the screen catches
up by itself: the new content within the capped poll back-off, the photo
within its own back-off. Play uploads whose answers were cut off (the API
stored them, the screen never heard) are sent again and stored once.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pygame
import pytest

from qile_api.db.database import Database
from qile_kiosk.documents import SCREEN_FEED
from qile_kiosk.poller import RETRY_CAP_POLLS
from qile_kiosk.state import Mode
from tests.faults.city import City, add, publish_notice
from tests.faults.httpfault import CUT, Fault, HttpFault, faulting
from tests.faults.scale import long_only, measured, sized
from tests.faults.screens import Watched, fault_config, stored_plays
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

PHASE = sized(1.0, 20.0)  # seconds each fault lasts
SHAPES = sized(3, 14)  # wrong shapes served (a retry costs at least half a second)
POLL = 0.5


async def real_feed(api: ApiProcess, token: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=api.url) as client:
        response = await client.post(
            "/graphql", json={"query": SCREEN_FEED}, headers={"Authorization": f"Bearer {token}"}
        )
    feed: dict[str, Any] = response.json()["data"]["screenFeed"]
    return feed


@dataclass(frozen=True)
class Shape:
    body: bytes
    # A feed with one bad item is shown without it; a bad envelope is refused whole.
    shown: bool
    version: str | None = None
    left_out: tuple[str, str] | None = None  # (list, item id) parsing must leave out


def wrong_shapes(feed: dict[str, Any]) -> list[Shape]:
    """Valid JSON the API would never send: wrong types, missing parts, text that is no text."""
    assert feed["notices"] and feed["events"], "the demo community has notices and events"

    def changed(path: tuple[str | int, ...], value: object, shown: bool) -> Shape:
        spoilt = copy.deepcopy(feed)
        spoilt["version"] = "spoilt-" + "-".join(map(str, path))
        target: Any = spoilt
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        # A change inside one item (or a bad item put in) leaves that item out.
        item = spoilt[path[0]][path[1]] if len(path) > 1 and isinstance(path[1], int) else None
        left_out = (str(path[0]), item["id"]) if item else None
        return Shape(encoded({"data": {"screenFeed": spoilt}}), shown, spoilt["version"], left_out)

    def envelope(body: object) -> Shape:
        return Shape(encoded(body), shown=False)

    def encoded(body: object) -> bytes:
        # ensure_ascii keeps lone surrogates as \\uXXXX escapes: still valid JSON text.
        return json.dumps(body, ensure_ascii=True).encode()

    return [
        # A lone surrogate is valid JSON (\\ud800) but no text: it cannot be drawn, nor stored as UTF-8.
        changed(("notices", 0, "title"), "\ud800停水", shown=True),
        changed(("brand",), "\ud83d", shown=False),
        changed(("notices", 0, "priority"), 1e300, shown=True),
        changed(("notices",), "none", shown=False),
        changed(("notices", 0, "body"), "\udfff" * 3, shown=True),
        changed(("events", 0), {"id": "e", "startsAt": "9999-12-31T23:59:59-12:00"}, shown=True),
        changed(("screen",), [], shown=False),
        changed(("screen", "kind"), "BILLBOARD", shown=False),
        changed(("notices", 0, "displayStart"), "tomorrow", shown=True),
        changed(("generatedAt",), "0001-01-01T00:00:00+00:00", shown=True),
        envelope({"data": {"screenFeed": {"version": 7}}}),
        envelope({"data": {"screenFeed": "feed"}}),
        envelope({"data": None}),
        envelope([1, 2, 3]),
    ][:SHAPES]


def bounded_catch_up(config_poll: float, request_timeout: float) -> float:
    """The longest a screen may take to show new content once answers are right again:
    a poll interval (with its jitter), a retry at the back-off's cap, a request's time, and a
    second for a machine shared with other work."""
    return config_poll * 1.1 + RETRY_CAP_POLLS * config_poll + request_timeout + 1.0


@pytest.fixture
async def proxy(kiosk_api: ApiProcess) -> AsyncIterator[HttpFault]:
    with HttpFault(kiosk_api.url) as p:
        yield p


async def test_cut_off_and_wrongly_shaped_answers_never_blank_the_screen_and_it_catches_up(
    kiosk_city: City, kiosk_api: ApiProcess, proxy: HttpFault, tmp_path: Path
) -> None:
    name = "坏回答测试屏"
    token = await add(kiosk_city, name)
    config = fault_config(tmp_path, proxy.url, token, poll_interval=POLL)
    screen = Watched.start(config)
    try:
        # given a screen showing the feed
        await screen.until(screen.showing, 20, "the first feed")
        shapes = wrong_shapes(await real_feed(kiosk_api, token))
        await publish_notice(kiosk_city, "断线期间发布的通知")

        # when every answer to it is cut off half-way (feed, heartbeat, play uploads)
        with faulting(proxy, lambda r: CUT if r.operation != "media" else None):
            await screen.run(PHASE)
        assert screen.kiosk.state.mode is Mode.OFFLINE and screen.kiosk.rotation.current is not None
        # then once the answers are right, the new notice arrives within the capped back-off
        caught_up = await screen.until(
            lambda: screen.showing() and "断线期间发布的通知" in screen.titles(),
            bounded_catch_up(POLL, config.request_timeout),
            "the notice published meanwhile",
        )

        # when only the answers to play uploads are cut off: the API stored them, the screen never heard
        with faulting(proxy, lambda r: CUT if r.operation == "screenPlaysRecord" else None):
            await screen.until(lambda: proxy.faulted["screenPlaysRecord"] >= 2, 30, "play uploads cut off")

        # when its feed answers are valid JSON of the wrong shape, one after another
        for shape in shapes:
            before = screen.kiosk.state.feed
            served = proxy.faulted["screenFeed"]
            with faulting(proxy, lambda r, body=shape.body: Fault(body=body) if r.operation == "screenFeed" else None):
                if shape.shown:
                    # then a feed with one bad item is shown without that item
                    await screen.until(
                        lambda v=shape.version: (f := screen.kiosk.state.feed) is not None and f.version == v,
                        10,
                        f"the feed {shape.version} shown",
                    )
                    assert screen.showing()
                    if shape.left_out:
                        kind, item = shape.left_out
                        assert item not in {i.id for i in getattr(screen.kiosk.state.feed, kind)}
                else:
                    # and a feed whose envelope is wrong is refused whole: the screen keeps what it had
                    await screen.until(lambda n=served: proxy.faulted["screenFeed"] > n, 10, "the wrong shape served")
                    await screen.run(0.2)
                    assert screen.kiosk.state.feed == before
                assert screen.kiosk.rotation.current is not None

        # and through it all, no frame was blank, and every play shown is stored once
        assert not screen.blank, screen.blank[:3]
        await screen.drain_plays()
        assert await stored_plays(kiosk_city.dsn, name) == screen.plays > 0
        measured("kiosk: new content after cut-off answers end (s)", caught_up)
    finally:
        screen.close()


async def with_photo(city: City) -> str:
    """Give the community's published honours a photo (as an upload would store it); its sha256."""
    surface = pygame.Surface((120, 160))
    surface.fill((200, 120, 40))
    out = io.BytesIO()
    pygame.image.save(surface, out, "photo.png")
    data = out.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    db = await Database.connect(city.dsn, min_size=1, max_size=1)
    try:
        await db.execute(
            "INSERT INTO media (sha256, content_type, width, height, data) VALUES ($1, 'image/png', 120, 160, $2)"
            " ON CONFLICT DO NOTHING",
            sha,
            data,
        )
        await db.execute("UPDATE honours SET photo_sha256 = $1 WHERE status = 'PUBLISHED'", sha)
    finally:
        await db.close()
    return sha


@long_only
async def test_photos_that_answer_404_or_garbage_leave_the_card_drawn_and_arrive_once_served(
    kiosk_city: City, proxy: HttpFault, tmp_path: Path
) -> None:
    name = "照片故障测试屏"
    token = await add(kiosk_city, name, "GALLERY")
    sha = await with_photo(kiosk_city)
    config = fault_config(tmp_path, proxy.url, token, poll_interval=POLL)
    screen = Watched.start(config)
    try:
        # when the photo answers 404, then garbage
        with faulting(proxy, lambda r: Fault(status=404, body=b"{}") if r.operation == "media" else None):
            await screen.until(screen.showing, 20, "the first feed")
            await screen.run(PHASE)
        with faulting(
            proxy,
            lambda r: Fault(body=b"\x89PNG garbage", content_type="image/png") if r.operation == "media" else None,
        ):
            await screen.run(PHASE)

        # then the cards are drawn without it (never blank), and nothing wrong is kept
        assert proxy.faulted["media"] >= 2
        assert screen.showing() and not screen.kiosk.cache.has_image(sha)

        # when it is served right, the screen fetches it within the photos' back-off
        served = time.monotonic()
        arrived = await screen.until(lambda: screen.kiosk.cache.has_image(sha), 120, "the photo")
        assert not screen.blank, screen.blank[:3]
        measured("kiosk: photo fetched after its faults end (s)", arrived)
        assert time.monotonic() - served < 120
    finally:
        screen.close()
