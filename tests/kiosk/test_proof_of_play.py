"""Proof of play from the drawing loop, on a fake clock and without the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from qile_kiosk.app import Kiosk
from qile_kiosk.config import parse_args
from qile_kiosk.feed import parse_feed
from qile_kiosk.frames import FrameSink
from qile_kiosk.plays import Play, PlayLog
from qile_kiosk.poller import FeedArrived, PollFailed
from qile_kiosk.slides import NoticeSlide, Slide
from qile_kiosk.typeset import Color
from tests.kiosk.conftest import kiosk_config
from tests.kiosk.test_feed_and_cache import NOW, notice, raw_feed


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
    k = Kiosk(
        kiosk_config(tmp_path, "http://127.0.0.1:9", "t"), headless=True, now=lambda: NOW, monotonic=mono, poll=False
    )
    yield k
    k.close()


def show(kiosk: Kiosk, *notices: dict[str, object]) -> None:
    kiosk.apply(FeedArrived(parse_feed(raw_feed(notices=list(notices))), NOW))
    kiosk.step()


def plays_of(kiosk: Kiosk) -> list[Play]:
    return kiosk.plays.pending()


def test_a_lone_slide_is_recorded_every_slide_seconds(kiosk: Kiosk, mono: FakeMonotonic) -> None:
    show(kiosk, notice("only", "燃气抢修", "请勿使用明火", urgent=True))
    for _ in range(3):
        mono.t += kiosk.config.slide_seconds + 0.5
        kiosk.step()
    plays = plays_of(kiosk)
    assert [p.item_id for p in plays] == ["only"] * 3
    assert all(p.seconds >= kiosk.config.slide_seconds for p in plays)


def test_a_slide_cut_short_by_a_new_feed_is_recorded(kiosk: Kiosk, mono: FakeMonotonic) -> None:
    show(kiosk, notice("a", "停水通知", "周四停水"), notice("b", "招聘会", "周六"))
    first = kiosk.rotation.current
    assert first is not None
    mono.t += 5
    # an urgent notice takes over before the slide's time is up
    show(kiosk, notice("a", "停水通知", "周四停水"), notice("u", "燃气抢修", "请勿使用明火", urgent=True))
    assert [(p.item_id, p.seconds) for p in plays_of(kiosk)] == [(first.item_id, 5.0)]


def test_the_slide_showing_at_close_is_recorded(tmp_path: Path, kiosk: Kiosk, mono: FakeMonotonic) -> None:
    show(kiosk, notice("a", "停水通知", "周四停水"))
    mono.t += 7
    kiosk.close()
    reopened = PlayLog(tmp_path / "plays.sqlite3")
    try:
        assert [(p.item_id, p.seconds) for p in reopened.pending()] == [("a", 7.0)]
    finally:
        reopened.close()


def test_a_play_too_short_to_count_is_not_queued(tmp_path: Path) -> None:
    log = PlayLog(tmp_path / "plays.sqlite3")
    try:
        log.record("a", NOW, 0.04)  # would be stored as 0.0 seconds, which the API refuses
        log.record("b", NOW, 0.06)
        assert [p.item_id for p in log.pending()] == ["b"]
    finally:
        log.close()


def test_plays_the_disk_refuses_wait_in_memory_and_go_to_disk_once_it_takes_them(tmp_path: Path) -> None:
    # given a play log that cannot be opened (here: its folder is a file; a full or read-only disk alike)
    blocker = tmp_path / "cache"
    blocker.write_bytes(b"")
    clock = FakeMonotonic()
    log = PlayLog(blocker / "plays.sqlite3", monotonic=clock)
    try:
        # when plays are recorded, then one is uploaded
        log.record("a", NOW, 12.0)
        log.record("b", NOW, 12.0)
        assert [p.item_id for p in log.pending()] == ["a", "b"]
        log.acknowledge([log.pending()[0].id])
        assert [p.item_id for p in log.pending()] == ["b"]

        # when the disk takes writes again, the next record puts what waits in memory on disk
        blocker.unlink()
        clock.t += 61
        log.record("c", NOW, 12.0)
    finally:
        log.close()
    reopened = PlayLog(blocker / "plays.sqlite3")
    try:
        assert [p.item_id for p in reopened.pending()] == ["b", "c"]
    finally:
        reopened.close()


def test_a_corrupt_play_log_is_set_aside_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "plays.sqlite3"
    path.write_bytes(b"this is not a database, it was cut off by a power failure" * 100)
    log = PlayLog(path)
    try:
        log.record("a", NOW, 12.0)
        assert [p.item_id for p in log.pending()] == ["a"]
    finally:
        log.close()
    assert (tmp_path / "plays.sqlite3.corrupt").exists()


def test_a_revoked_screen_says_so_instead_of_offline(kiosk: Kiosk, mono: FakeMonotonic) -> None:
    # given a screen showing content
    show(kiosk, notice("a", "停水通知", "周四停水"))
    assert kiosk.rotation.current is not None

    # when the API refuses its (configured) token
    kiosk.apply(PollFailed("Unauthenticated: token revoked", unauthenticated=True))
    mono.t += 3
    kiosk.step()

    # then it shows the standby screen with the reason, no 离线 mark, and nothing more counts as played
    frame = kiosk.last_frame
    assert frame is not None and frame.slide is None and frame.offline_since is None
    assert frame.status == "屏幕授权已失效，请联系社区工作人员"
    played = len(plays_of(kiosk))
    mono.t += 100
    kiosk.step()
    assert len(plays_of(kiosk)) == played


def test_headless_frames_are_capped(tmp_path: Path) -> None:
    folder = tmp_path / "frames"
    folder.mkdir()
    (folder / "frame-09999.png").write_bytes(b"from an earlier run")
    sink = FrameSink(folder, keep=5)
    surface = pygame.Surface((8, 8))
    for _ in range(12):
        sink.save(surface)
    assert sorted(p.name for p in folder.iterdir()) == [f"frame-{n:05d}.png" for n in range(8, 13)]
    assert parse_args(["--frames", str(folder), "--keep-frames", "50"]).keep_frames == 50


def test_a_slide_that_cannot_be_drawn_is_left_out(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    draw_slide = kiosk.renderer._slide

    def fragile(surface: pygame.Surface, slide: Slide, accent: Color) -> None:
        if isinstance(slide, NoticeSlide) and slide.notice.id == "bad":
            raise ValueError("a quirk of this notice")
        draw_slide(surface, slide, accent)

    monkeypatch.setattr(kiosk.renderer, "_slide", fragile)
    show(kiosk, notice("bad", "坏通知", "画不出来"), notice("ok", "停水通知", "周四停水"))
    for _ in range(3):
        kiosk.step()
    assert [s.item_id for s in kiosk.rotation.slides] == ["ok"]
    assert kiosk.last_frame is not None and kiosk.last_frame.slide is not None
    assert kiosk.last_frame.slide.item_id == "ok"


def test_the_next_slide_rendered_ahead_looks_exactly_as_drawn_on_the_spot(kiosk: Kiosk, mono: FakeMonotonic) -> None:
    # given a rotation of two notices, the first showing and the main loop idle on it
    first = notice("a", "停水通知", "周四8:00至12:00停水。\n请提前储水。")
    second = notice("b", "燃气检查", "入户检查燃气管道。")
    show(kiosk, first, second)
    assert not kiosk.step()  # nothing new to draw: the tick renders the next slide's page ahead
    assert not kiosk.prepare_next()  # (so there is nothing left to render)
    boxes_then = list(kiosk.ts.drawn)

    # when the second slide comes round, drawn from the page rendered ahead
    mono.t += kiosk.config.slide_seconds
    assert kiosk.step()
    ahead = pygame.image.tobytes(kiosk.surface, "RGB")
    boxes_ahead = list(kiosk.ts.drawn)

    # then it is pixel for pixel, box for box, the frame drawn without the page ready
    kiosk.renderer.forget()
    assert kiosk.draw(kiosk.frame(NOW), force=True)
    assert ahead == pygame.image.tobytes(kiosk.surface, "RGB")
    assert boxes_ahead == list(kiosk.ts.drawn) and boxes_ahead != boxes_then
