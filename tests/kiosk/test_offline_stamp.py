"""The offline stamp: since the API last answered (not since the content changed), with the
date when that was not today, kept across a restart, and gone at the first answer."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from qile_kiosk.app import Kiosk
from qile_kiosk.cache import FeedCache
from qile_kiosk.feed import parse_feed
from qile_kiosk.poller import FeedArrived, FeedUnchanged, PollFailed
from qile_kiosk.render import moment_text
from tests.kiosk.conftest import kiosk_config
from tests.kiosk.test_feed_and_cache import NOW, notice, raw_feed


def kiosk_at(tmp_path: Path, now: datetime) -> Kiosk:
    return Kiosk(kiosk_config(tmp_path, "http://127.0.0.1:9", "t"), headless=True, now=lambda: now, poll=False)


def test_the_stamp_shows_the_date_when_it_is_not_today() -> None:
    assert moment_text(NOW - timedelta(minutes=2), NOW) == "09:58"
    assert moment_text(NOW - timedelta(days=1), NOW) == "11月27日 10:00"


def test_after_a_restart_the_stamp_is_the_last_contact_not_the_last_change(tmp_path: Path) -> None:
    # given a screen whose content last changed yesterday morning, and which the API answered
    # "unchanged" until this morning at 09:30
    changed, contacted = NOW - timedelta(days=1, hours=2), NOW - timedelta(minutes=30)
    kiosk = kiosk_at(tmp_path, changed)
    feed = parse_feed(raw_feed(notices=[notice("n1", "停水通知", "周四停水")]))
    FeedCache(tmp_path).save(feed, changed)
    kiosk.apply(FeedArrived(feed, changed))
    kiosk.apply(FeedUnchanged(contacted))
    kiosk.close()

    # when it restarts during an outage
    restarted = kiosk_at(tmp_path, NOW)
    try:
        restarted.step()

        # then the stamp says it last reached the API at 09:30 today
        assert restarted.last_frame is not None
        assert restarted.last_frame.offline_since == "09:30"

        # and the first answer clears it at once
        restarted.apply(PollFailed("timeout", False))
        restarted.step()
        assert restarted.last_frame.offline_since == "09:30"
        restarted.apply(FeedUnchanged(NOW))
        restarted.step()
        assert restarted.last_frame.offline_since is None
    finally:
        restarted.close()


def test_an_outage_since_yesterday_says_so(tmp_path: Path) -> None:
    # given content last fetched yesterday and nothing since
    yesterday = NOW - timedelta(days=1)
    FeedCache(tmp_path).save(parse_feed(raw_feed(notices=[notice("n1", "停水通知", "周四停水")])), yesterday)

    # when the screen starts today without the API
    kiosk = kiosk_at(tmp_path, NOW)
    try:
        kiosk.step()
        # then the stamp carries the date
        assert kiosk.last_frame is not None and kiosk.last_frame.offline_since == "11月27日 10:00"
    finally:
        kiosk.close()
