"""The real kiosk, headless, against the real API process: fetch, preempt, go offline, recover."""

from __future__ import annotations

import asyncio
import http.server
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pygame
import pytest

from qile_api.db.database import Database
from qile_kiosk.app import Kiosk
from qile_kiosk.palette import AMBER, BRAND_RED, URGENT_RED
from qile_kiosk.slides import EventsSlide, NoticeSlide
from qile_kiosk.state import Mode
from tests.kiosk.conftest import kiosk_config, new_screen, run_until
from tests.kiosk.fake_http import reply, serving
from tests.servers import ApiProcess, free_port

OFFLINE_GREY = (90, 90, 90)


def offline_mark_shown(kiosk: Kiosk) -> bool:
    lay = kiosk.layout
    # The mark is a grey pill in the bottom-right corner of the safe area.
    return kiosk.surface.get_at((lay.safe.right - lay.px(6), lay.safe.bottom - lay.px(20)))[:3] == OFFLINE_GREY


def share_of(surface: pygame.Surface, colour: tuple[int, int, int]) -> float:
    """The share of the frame (sampled on a grid) in exactly this colour."""
    w, h = surface.get_size()
    points = [(x, y) for x in range(0, w, 16) for y in range(0, h, 16)]
    return sum(1 for p in points if tuple(surface.get_at(p))[:3] == colour) / len(points)


def colours(kiosk: Kiosk) -> set[tuple[int, int, int]]:
    s = kiosk.surface
    w, h = s.get_size()
    return {tuple(s.get_at((x, y)))[:3] for x in range(0, w, 37) for y in range(0, h, 23)}  # type: ignore[misc]


async def test_bulletin_shows_the_feed_then_urgent_preempts(
    api: ApiProcess, kiosk_db: Database, tmp_path: Path
) -> None:
    token = await new_screen(kiosk_db, "BULLETIN", "测试屏一")
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, token), headless=True, frames=tmp_path / "frames")
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING)
        kiosk.step()
        feed = kiosk.state.feed
        assert feed is not None and feed.screen.community == "工盛社区"
        # The demo has no urgent notice: the screen rotates its notices and schedule.
        assert not kiosk.rotation.urgent
        kinds = {type(s) for s in kiosk.rotation.slides}
        assert {NoticeSlide, EventsSlide} <= kinds
        assert not offline_mark_shown(kiosk)
        assert list((tmp_path / "frames").glob("frame-*.png"))
        # A new urgent notice arrives with the next poll and takes over at once.
        now = datetime.now(UTC)
        await kiosk_db.execute(
            """INSERT INTO notices (region_id, category, title, body, urgent, display_start, display_end,
                                    status, published_at)
               SELECT id, 'SERVICE', '燃气管道抢修', '请勿使用明火。', true, $1, $2, 'PUBLISHED', $1
               FROM regions WHERE name = '工盛社区'""",
            now - timedelta(minutes=1),
            now + timedelta(hours=1),
        )
        run_until(kiosk, lambda: kiosk.rotation.urgent and kiosk.last_frame is not None and kiosk.last_frame.urgent)
        slide = kiosk.rotation.current
        assert isinstance(slide, NoticeSlide) and slide.notice.title == "燃气管道抢修"
        # Emergency mode: the whole screen turns urgent red under the warning band.
        assert share_of(kiosk.surface, URGENT_RED) > 0.6
        assert kiosk.surface.get_at((5, 5))[:3] == AMBER
    finally:
        kiosk.close()


async def test_kill_the_api_and_the_kiosk_goes_on_from_cache(
    kiosk_dsn: str, kiosk_db: Database, tmp_path: Path
) -> None:
    token = await new_screen(kiosk_db, "GALLERY", "测试长廊")
    api = ApiProcess(kiosk_dsn).start()
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, token), headless=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING)
        kiosk.step()
        shown = kiosk.rotation.current
        assert shown is not None
        api.stop()
        run_until(kiosk, lambda: kiosk.state.mode is Mode.OFFLINE)
        kiosk.step()
        assert kiosk.rotation.current == shown  # same content, no blank
        assert offline_mark_shown(kiosk)
    finally:
        kiosk.close()
        api.stop()
    # A restart while the API is still down shows the cache at once, marked offline.
    restarted = Kiosk(kiosk_config(tmp_path, api.url, token), headless=True)
    try:
        restarted.step()
        assert restarted.state.mode is Mode.OFFLINE
        assert restarted.rotation.current is not None
        assert offline_mark_shown(restarted)
        restarted.start()
        run_until(restarted, lambda: restarted.state.last_error is not None)
        assert restarted.state.mode is Mode.OFFLINE and restarted.rotation.current is not None
    finally:
        restarted.close()


def test_no_api_and_no_cache_shows_standby_not_black(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    kiosk = Kiosk(kiosk_config(tmp_path, dead, "qs_nobody"), headless=True)
    kiosk.start()
    try:
        kiosk.step()
        assert kiosk.state.mode is Mode.FETCHING
        run_until(kiosk, lambda: kiosk.state.mode is Mode.STANDBY)
        kiosk.step()
        seen = colours(kiosk)
        assert BRAND_RED in seen and (0, 0, 0) not in seen
        assert len(seen) > 3  # brand, clock and status text drawn on it
    finally:
        kiosk.close()


async def test_a_bad_token_is_a_standby_screen_that_says_so(api: ApiProcess, tmp_path: Path) -> None:
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, "qs_not-a-real-token"), headless=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.unauthenticated)
        assert kiosk.state.mode is Mode.STANDBY
        assert kiosk.status_line() == "屏幕未获授权，请联系社区工作人员"
    finally:
        kiosk.close()


class Garbage(http.server.BaseHTTPRequestHandler):
    replies: ClassVar[list[tuple[int, bytes]]] = [
        (200, b"<html>captive portal</html>"),
        (200, b'{"data": {"screenFeed": {"version": 7}}}'),
        (200, b'{"data": null, "errors": [{"message": "boom"}]}'),
        (502, b"bad gateway"),
        (200, json.dumps({"data": {"screenFeed": {"notModified": False, "screen": []}}}).encode()),
    ]
    count: ClassVar[int] = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.do_GET()

    def do_GET(self) -> None:  # the feed comes by GET (its persisted document's id)
        status, body = self.replies[Garbage.count % len(self.replies)]
        Garbage.count += 1
        reply(self, status, body, "application/json")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def garbage_server() -> Iterator[str]:
    with serving(Garbage) as url:
        yield url


async def test_garbage_responses_and_a_corrupt_cache_are_survived(
    garbage_server: str, api: ApiProcess, kiosk_db: Database, tmp_path: Path
) -> None:
    # First a good feed into the cache, then corrupt the cache file on disk.
    token = await new_screen(kiosk_db, "BULLETIN", "测试屏二")
    good = Kiosk(kiosk_config(tmp_path, api.url, token), headless=True)
    good.start()
    try:
        run_until(good, lambda: good.state.mode is Mode.SHOWING)
    finally:
        good.close()
    (tmp_path / "feed.json").write_text('{"fetchedAt": "2026-11-28T10:00:00+08:00", "feed": {"vers', "utf-8")
    Garbage.count = 0
    kiosk = Kiosk(kiosk_config(tmp_path, garbage_server, token), headless=True)
    kiosk.start()
    try:
        assert kiosk.state.mode is Mode.FETCHING  # the corrupt cache was set aside
        run_until(kiosk, lambda: Garbage.count >= len(Garbage.replies) + 1, timeout=20)
        kiosk.step()
        assert kiosk.state.mode is Mode.STANDBY
        assert (0, 0, 0) not in colours(kiosk)
        assert (tmp_path / "feed.corrupt").exists()
    finally:
        kiosk.close()


async def test_once_headless_writes_one_rotation_of_frames(api: ApiProcess, kiosk_db: Database, tmp_path: Path) -> None:
    token = await new_screen(kiosk_db, "GALLERY", "测试长廊二")
    await kiosk_db.execute("UPDATE notices SET urgent = false")  # urgent ones would preempt the honours
    frames = tmp_path / "frames"
    result = await asyncio.to_thread(
        subprocess.run,
        [
            sys.executable,
            "-m",
            "qile_kiosk.cli",
            "--once",
            "--headless",
            "--frames",
            str(frames),
            "--api-url",
            api.url,
            "--token",
            token,
            "--cache-dir",
            str(tmp_path / "cache"),
            "--size",
            "1280x720",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pngs = sorted(frames.glob("frame-*.png"))
    # One rotation of a gallery: one frame per honour the feed brought (at least the demo's one).
    cached = json.loads((tmp_path / "cache" / "feed.json").read_text(encoding="utf-8"))
    honours = len(cached["feed"]["honours"])
    assert honours >= 1
    assert len(pngs) == honours
