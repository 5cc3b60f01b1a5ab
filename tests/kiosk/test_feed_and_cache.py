"""Parsing the feed defensively, and the disk cache that survives power cuts and corruption."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from qile_kiosk.app import Kiosk
from qile_kiosk.cache import FeedCache
from qile_kiosk.feed import SHANGHAI, FeedError, parse_feed
from qile_kiosk.slides import NoticeSlide
from qile_kiosk.state import Mode
from tests.kiosk.conftest import kiosk_config, run_until
from tests.kiosk.test_live import offline_mark_shown
from tests.servers import free_port

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI)


def raw_feed(kind: str = "BULLETIN", **changes: Any) -> dict[str, Any]:
    feed: dict[str, Any] = {
        "version": "v1",
        "notModified": False,
        "generatedAt": NOW.isoformat(),
        "validUntil": None,
        "brand": "里仁为美·齐乐融融",
        "screen": {
            "name": "大厅东屏",
            "kind": kind,
            "location": "党群服务中心一楼大厅",
            "community": {
                "name": "工盛社区",
                "theme": {"name": "齐有爱", "kind": "文明社区", "label": "齐有爱·文明社区"},
                "subdistrict": {"name": "车站街道"},
                "district": {"name": "张店区"},
            },
        },
        "notices": [],
        "honours": [],
        "events": [],
    }
    feed.update(changes)
    return feed


def notice(
    nid: str,
    title: str,
    body: str,
    *,
    urgent: bool = False,
    start: datetime = NOW - timedelta(days=1),
    end: datetime | None = NOW + timedelta(days=1),
) -> dict[str, Any]:
    return {
        "id": nid,
        "title": title,
        "body": body,
        "category": "SERVICE",
        "categoryLabel": "日常服务",
        "priority": 50,
        "urgent": urgent,
        "displayStart": start.isoformat(),
        "displayEnd": end.isoformat() if end else None,
    }


def test_a_feed_parses_and_windows_follow_the_local_clock() -> None:
    feed = parse_feed(
        raw_feed(
            notices=[
                notice("a", "停水通知", "周四停水"),
                notice("b", "已结束", "昨天的事", end=NOW - timedelta(minutes=1)),
                notice("c", "未开始", "明天的事", start=NOW + timedelta(hours=1)),
            ]
        )
    )
    assert [n.id for n in feed.current_notices(NOW)] == ["a"]
    assert [n.id for n in feed.current_notices(NOW + timedelta(days=2))] == []
    assert feed.screen.theme_label == "齐有爱·文明社区"


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        [],
        "x",
        {"version": 1},
        raw_feed(screen=None),
        raw_feed(notices=None),
        raw_feed(kind="TOASTER"),
    ],
)
def test_garbage_is_a_feed_error(garbage: Any) -> None:
    with pytest.raises(FeedError):
        parse_feed(garbage)


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "x"},
        "not an object",
        notice("x", "t", "b") | {"displayStart": "yesterday"},
        notice("x", "t", "b") | {"displayStart": "2026-11-28T10:00:00"},  # no offset
        notice("x", "t", "b") | {"title": None},
        notice("x", "\ud800停水", "b"),  # a lone surrogate: valid JSON, but no text (no font draws it)
    ],
)
def test_a_malformed_item_is_left_out_and_the_rest_kept(bad: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "qile_kiosk.feed")
    feed = parse_feed(raw_feed(notices=[notice("a", "停水通知", "周四停水"), bad, notice("c", "义诊", "周六上午")]))
    assert [n.id for n in feed.notices] == ["a", "c"]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "notices[1]" in messages[0]  # one line, naming the item


def test_a_cached_feed_with_one_malformed_notice_shows_the_others_while_the_api_is_down(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # given a cache holding three notices, the middle one malformed
    bad = notice("b", "坏的", "缺少开始时间")
    del bad["displayStart"]
    feed = raw_feed(notices=[notice("a", "停水通知", "周四停水"), bad, notice("c", "义诊", "周六上午")])
    cache = FeedCache(tmp_path)
    cache.feed_path.write_text(json.dumps({"fetchedAt": NOW.isoformat(), "feed": feed}, ensure_ascii=False), "utf-8")
    caplog.set_level(logging.WARNING, "qile_kiosk.feed")

    # when the kiosk starts and the API does not answer
    clock = [0.0]
    config = kiosk_config(tmp_path, f"http://127.0.0.1:{free_port()}", "qs_cached")
    kiosk = Kiosk(config, headless=True, now=lambda: NOW, monotonic=lambda: clock[0])
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.last_error is not None)
        shown: list[str] = []
        for _ in range(4):
            kiosk.step()
            slide = kiosk.last_frame.slide if kiosk.last_frame else None
            assert isinstance(slide, NoticeSlide)
            shown.append(slide.notice.id)
            clock[0] += config.slide_seconds

        # then the good notices rotate on screen, marked offline, and the bad one is logged once
        assert kiosk.state.mode is Mode.OFFLINE
        assert offline_mark_shown(kiosk)
        assert shown == ["a", "c", "a", "c"]
        assert len([r for r in caplog.records if "notices[1]" in r.getMessage()]) == 1
        assert cache.feed_path.exists() and not cache.feed_path.with_suffix(".corrupt").exists()
    finally:
        kiosk.close()


def test_cache_round_trip_and_atomic_files(tmp_path: Path) -> None:
    cache = FeedCache(tmp_path)
    feed = parse_feed(raw_feed(notices=[notice("a", "停水通知", "周四停水")]))
    cache.save(feed, NOW)
    loaded = cache.load()
    assert loaded is not None
    assert loaded.feed == feed and loaded.fetched_at == NOW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.json"]  # no temporary files left


def test_a_feed_with_an_item_that_is_no_text_is_cached_and_read_back_the_same(tmp_path: Path) -> None:
    # given a feed whose one notice holds a lone surrogate (the JSON escape \\ud800)
    raw = json.loads('{"t": "\\ud800停水"}')["t"]
    feed = parse_feed(raw_feed(notices=[notice("a", "停水通知", "周四停水"), notice("b", raw, "正文")]))
    assert [n.id for n in feed.notices] == ["a"]

    # when it is cached (an error here kept the screen from ever showing that feed)
    cache = FeedCache(tmp_path)
    cache.save(feed, NOW)

    # then it reads back the same: the same notices shown, the bad one still left out
    loaded = cache.load()
    assert loaded is not None and loaded.feed == feed
    assert loaded.feed.raw["notices"][1]["title"] == raw


def test_temporary_files_left_by_interrupted_writes_are_removed_at_start(tmp_path: Path) -> None:
    cache = FeedCache(tmp_path)
    cache.save(parse_feed(raw_feed(notices=[notice("a", "停水通知", "周四停水")])), NOW)
    cache.media_dir.mkdir()
    # what a power cut in the middle of atomic_write leaves behind
    for left in (tmp_path / ".feed.json.k2j4h5.tmp", tmp_path / ".clock-offset.x1.tmp", cache.media_dir / ".ab.y.tmp"):
        left.write_bytes(b"half of a file")
    assert cache.remove_leftovers() == 3
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["feed.json", "media"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe garbage",
        json.dumps({"feed": {}}).encode(),
        json.dumps({"fetchedAt": NOW.isoformat(), "feed": {"version": 3}}).encode(),
    ],
)
def test_a_corrupt_cache_is_set_aside_not_fatal(tmp_path: Path, content: bytes) -> None:
    cache = FeedCache(tmp_path)
    cache.feed_path.write_bytes(content)
    assert cache.load() is None
    assert not cache.feed_path.exists()
    assert cache.feed_path.with_suffix(".corrupt").exists()


def test_images_are_kept_only_when_they_match_their_hash(tmp_path: Path) -> None:
    cache = FeedCache(tmp_path)
    data = b"\x89PNG fake"
    sha = hashlib.sha256(data).hexdigest()
    assert cache.save_image(sha, data)
    assert cache.has_image(sha)
    assert not cache.save_image(sha, b"other bytes")
    assert cache.image_path("../../etc/passwd") is None
    cache.prune_images(set())
    assert not cache.has_image(sha)
