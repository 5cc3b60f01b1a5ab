"""Content the kiosk cannot lay out shows the standby screen: never a crash, never a blank frame.

Drawing was guarded already (a slide that cannot be drawn is left out, see
test_proof_of_play.py); these tests hold updating to the same rule. The
fault is injected (tests/kiosk/fragile_kiosk.py): a notice whose layout
raises, as a font quirk or a pagination bug would.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from qile_api.db.database import Database
from qile_kiosk import app
from qile_kiosk.app import Kiosk
from qile_kiosk.cache import FeedCache
from qile_kiosk.feed import Feed, parse_feed
from qile_kiosk.palette import GOLD, PAPER, THEME_COLOURS
from qile_kiosk.poller import FeedArrived
from qile_kiosk.slides import content_signature
from qile_kiosk.state import Mode
from tests.faults.screens import blank_reason
from tests.kiosk.conftest import kiosk_config, new_screen
from tests.kiosk.fragile_kiosk import POISON, fragile_build
from tests.kiosk.test_feed_and_cache import NOW, notice, raw_feed
from tests.servers import ApiProcess, free_port

ROOT = Path(__file__).parents[2]
THEME = THEME_COLOURS["齐有爱"]  # the theme of raw_feed's community
CANNOT_SHOW = "cannot show the content"

GOOD = parse_feed(raw_feed(notices=[notice("a", "停水通知", "周四停水")]))
BAD = parse_feed(
    {**raw_feed(notices=[notice("a", "停水通知", "周四停水"), notice(POISON, "坏通知", "排不了版")]), "version": "v2"}
)
FIXED = parse_feed({**raw_feed(notices=[notice("b", "招聘会", "周六上午")]), "version": "v3"})


def fragile_signature(feed: Feed | None, now: datetime) -> tuple[str, ...]:
    """Scheduling by the clock failing on the same notice."""
    if feed is not None and any(n.id == POISON for n in feed.notices):
        raise OverflowError("date value out of range")
    return content_signature(feed, now)


def standby_shown(surface: pygame.Surface) -> bool:
    """The standby screen: the theme colour all over, the gold band at the bottom, text on it."""
    h = surface.get_height()
    return (
        surface.get_at((5, h // 2))[:3] == THEME
        and surface.get_at((5, h - 3))[:3] == GOLD
        and blank_reason(surface) is None
    )


def slide_shown(surface: pygame.Surface) -> bool:
    """A slide: paper around the body's card, the theme's band along the top."""
    h = surface.get_height()
    return surface.get_at((5, h // 2))[:3] == PAPER and surface.get_at((5, 5))[:3] == THEME


class FakeMonotonic:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def mono() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def kiosk(tmp_path: Path, mono: FakeMonotonic) -> Iterator[Kiosk]:
    # A poller that is never started: it holds what the next heartbeat reports.
    k = Kiosk(kiosk_config(tmp_path, "http://127.0.0.1:9", "t"), headless=True, now=lambda: NOW, monotonic=mono)
    yield k
    k.close()


@pytest.mark.parametrize(
    ("where", "fault"),
    [("build_rotation", fragile_build), ("content_signature", fragile_signature)],
    ids=["pagination", "scheduling"],
)
def test_content_that_cannot_be_laid_out_shows_standby_logged_once(
    kiosk: Kiosk,
    mono: FakeMonotonic,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    fault: Callable[..., object],
) -> None:
    monkeypatch.setattr(app, where, fault)
    # given a screen showing a notice
    kiosk.apply(FeedArrived(GOOD, NOW))
    kiosk.step()
    assert slide_shown(kiosk.surface)
    played = len(kiosk.plays.pending())

    # when, 5 s later, a feed arrives that cannot be laid out, and the screen runs on for a while
    mono.t += 5
    kiosk.apply(FeedArrived(BAD, NOW))
    with caplog.at_level(logging.INFO, logger="qile_kiosk.app"):
        for _ in range(30):
            kiosk.step()
            assert standby_shown(kiosk.surface)
            mono.t += kiosk.config.slide_seconds

        # then it shows the standby screen, says so, logs it once, and counts nothing more as played
        assert kiosk.last_frame is not None and kiosk.last_frame.status == "内容暂时无法显示，正在等待更新"
        assert caplog.text.count(CANNOT_SHOW) == 1
        plays = kiosk.plays.pending()
        assert [(p.item_id, p.seconds) for p in plays[played:]] == [("a", 5.0)]  # the notice cut short
        # and the next heartbeat tells staff what the screen shows, and why
        assert kiosk.poller is not None
        assert kiosk.poller.status.mode == Mode.STANDBY.value
        assert kiosk.poller.status.last_error is not None and "Error" in kiosk.poller.status.last_error

        # when a feed that can be laid out arrives, then it shows content again
        kiosk.apply(FeedArrived(FIXED, NOW))
        kiosk.step()
        assert slide_shown(kiosk.surface)
        assert kiosk.rotation.current is not None and kiosk.rotation.current.item_id == "b"
        assert "content showing again" in caplog.text
    kiosk.step()
    assert kiosk.poller.status.mode == Mode.SHOWING.value and kiosk.poller.status.last_error is None


def test_a_frame_that_cannot_be_described_shows_standby_and_recovers(
    kiosk: Kiosk, mono: FakeMonotonic, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a screen showing a notice
    kiosk.apply(FeedArrived(GOOD, NOW))
    kiosk.step()
    assert slide_shown(kiosk.surface)
    # when what a frame says cannot be worked out (the clock's text fails),
    # nor the status to report, nor the display's events can be read, for a while
    real_clock = app.clock_text

    def broken(*_: object) -> str:
        raise ValueError("clock out of range")

    monkeypatch.setattr(app, "clock_text", broken)
    monkeypatch.setattr(kiosk, "_report_status", broken)
    monkeypatch.setattr(kiosk, "handle_events", broken)
    with caplog.at_level(logging.INFO, logger="qile_kiosk.app"):
        for _ in range(20):
            kiosk.step()
            mono.t += 1
            # then the screen shows the standby screen, never a crash or a blank frame
            assert standby_shown(kiosk.surface)
        # and each failure is logged once, not every frame
        assert caplog.text.count("cannot describe the frame") == 1
        assert caplog.text.count("cannot work out the status") == 1
        assert caplog.text.count("cannot read the display's events") == 1
        # when the clock works again, the content is back
        monkeypatch.setattr(app, "clock_text", real_clock)
        monkeypatch.undo()
        kiosk.step()
    assert slide_shown(kiosk.surface)
    assert "frame works again" in caplog.text
    assert "status works again" in caplog.text and "events works again" in caplog.text


# Restarting the kiosk as systemd does, on a cache holding the feed it cannot lay out.


def start_fragile(cache: Path, frames: Path, api_url: str, token: str, log: Path) -> subprocess.Popen[bytes]:
    args = ["--headless", "--api-url", api_url, "--token", token, "--cache-dir", str(cache)]
    args += ["--size", "1280x720", "--poll-interval", "0.5", "--frames", str(frames), "--keep-frames", "5"]
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1", QILE_KIOSK_BACKOFF_CAP="1")
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.kiosk.fragile_kiosk", *args], cwd=ROOT, env=env, stderr=out, stdout=out
        )


def latest_frame(frames: Path) -> pygame.Surface | None:
    for path in sorted(frames.glob("frame-*.png"), reverse=True):
        try:
            return pygame.image.load(str(path))
        except pygame.error:
            continue  # being written, or pruned meanwhile: the one before
    return None


def wait_for_frame(
    process: subprocess.Popen[bytes], frames: Path, shows: Callable[[pygame.Surface], bool], log: Path
) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the kiosk exited with {process.returncode}:\n{log.read_text()}"
        frame = latest_frame(frames)
        if frame is not None and shows(frame):
            return
        time.sleep(0.1)
    raise AssertionError(f"no such frame drawn:\n{log.read_text()}")


@pytest.fixture
async def token(kiosk_db: Database) -> str:
    return await new_screen(kiosk_db, "BULLETIN", "缓存坏了的屏")


def test_a_cached_feed_that_cannot_be_laid_out_does_not_crash_loop(kiosk_dsn: str, token: str, tmp_path: Path) -> None:
    pygame.display.init()  # for loading the frames' PNGs
    # given the feed it cannot lay out, cached on disk, and an API not answering yet
    cache = tmp_path / "cache"
    FeedCache(cache).save(BAD, NOW)
    port = free_port()
    api_url = f"http://127.0.0.1:{port}"

    # when the kiosk starts, is stopped and starts again (systemd's Restart=always)
    for run in (1, 2):
        frames, log = tmp_path / f"frames-{run}", tmp_path / f"kiosk-{run}.log"
        kiosk = start_fragile(cache, frames, api_url, token, log)
        try:
            # then each time it draws the standby screen and keeps running, the fault logged once
            wait_for_frame(kiosk, frames, standby_shown, log)
            time.sleep(2)
            assert kiosk.poll() is None, log.read_text()
            assert log.read_text().count(CANNOT_SHOW) == 1
        finally:
            if run == 1:
                kiosk.send_signal(signal.SIGTERM)
                kiosk.wait(10)

    # when the API answers with the screen's feed, then content shows again
    api = ApiProcess(kiosk_dsn, port=port).start()
    try:
        wait_for_frame(kiosk, frames, slide_shown, log)
        assert log.read_text().count(CANNOT_SHOW) == 1
    finally:
        kiosk.send_signal(signal.SIGTERM)
        kiosk.wait(10)
        api.stop()
