"""The offline stamp: since the API last answered (not since the content changed), with the
date when that was not today, kept across a restart, and gone at the first answer."""

from __future__ import annotations

import itertools
import logging
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from qile_api.db.database import Database
from qile_kiosk.app import Kiosk
from qile_kiosk.cache import FeedCache
from qile_kiosk.feed import parse_feed
from qile_kiosk.poller import FeedArrived, FeedUnchanged, PollFailed
from qile_kiosk.render import moment_text
from qile_kiosk.state import Mode
from tests.kiosk.conftest import kiosk_config, new_screen, run_until
from tests.kiosk.test_feed_and_cache import NOW, notice, raw_feed
from tests.kiosk.test_live import offline_mark_shown
from tests.servers import ApiProcess


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


# A poll every 1.5 s; a busy machine may add this much to any moment measured here.
POLL, SLACK = 1.5, 0.5


async def test_the_stamp_clears_within_a_poll_of_the_api_coming_back(
    kiosk_dsn: str, kiosk_db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # given a screen showing the real API's feed, polling every 1.5 s with the default back-off cap (300 s)
    caplog.set_level(logging.WARNING, logger="qile_kiosk.poller")
    token = await new_screen(kiosk_db, "BULLETIN", "断网测试屏")
    api = ApiProcess(kiosk_dsn).start()
    config = replace(kiosk_config(tmp_path, api.url, token), poll_interval=POLL, backoff_cap=300.0)
    kiosk = Kiosk(config, headless=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING)

        # when the API process stops for 12 s (long enough for the back-off to reach its cap)
        api.stop()
        run_until(kiosk, lambda: kiosk.last_frame is not None and kiosk.last_frame.offline_since is not None)
        assert offline_mark_shown(kiosk)
        outage = time.monotonic() + 12.0
        run_until(kiosk, lambda: time.monotonic() >= outage, timeout=20.0)
        still_offline = kiosk.last_frame
        assert still_offline is not None and still_offline.offline_since is not None

        # and comes back on the same address
        api = ApiProcess(kiosk_dsn, port=api.port).start()
        back = time.monotonic()
        run_until(kiosk, lambda: kiosk.last_frame is not None and kiosk.last_frame.offline_since is None)
        took = time.monotonic() - back

        # then the stamp is gone within one poll interval, and with it the grey mark
        assert took <= POLL + SLACK, f"still offline {took:.1f} s after the API was back"
        assert not offline_mark_shown(kiosk)
        # and no retry during the outage came later than a poll after the one before it
        failed = [r.created for r in caplog.records if r.getMessage().startswith("poll failed")]
        assert len(failed) >= 6
        gaps = [b - a for a, b in itertools.pairwise(failed)]
        assert max(gaps) <= POLL + SLACK, gaps
    finally:
        kiosk.close()
        api.stop()
