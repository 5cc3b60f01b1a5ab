"""A screen whose own clock is wrong still shows the right time and keeps its notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qile_api.db.database import Database
from qile_kiosk.app import Kiosk
from qile_kiosk.client import _server_time
from qile_kiosk.clock import ServerClock
from qile_kiosk.state import Mode
from tests.kiosk.conftest import kiosk_config, new_screen, run_until
from tests.servers import ApiProcess

SKEW = timedelta(days=40)  # past the end of every demo notice's window


def real_now() -> datetime:
    return datetime.now(UTC)


def test_the_offset_is_learnt_and_kept(tmp_path: Path) -> None:
    # given a player whose clock runs 40 days ahead
    clock = ServerClock(lambda: real_now() + SKEW, tmp_path / "clock-offset")

    # when a response says what time it really is
    clock.observe(real_now())

    # then its time is right, and still right after a restart without the API
    assert abs(clock() - real_now()) < timedelta(seconds=2)
    restarted = ServerClock(lambda: real_now() + SKEW, tmp_path / "clock-offset")
    assert abs(restarted() - real_now()) < timedelta(seconds=2)


def test_an_unreadable_offset_file_is_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "clock-offset").write_text("not a number")
    clock = ServerClock(real_now, tmp_path / "clock-offset")
    assert abs(clock() - real_now()) < timedelta(seconds=2)


async def test_a_kiosk_forty_days_ahead_keeps_showing_current_notices(
    api: ApiProcess, kiosk_db: Database, tmp_path: Path
) -> None:
    token = await new_screen(kiosk_db, "BULLETIN", "钟不准的屏")
    config = kiosk_config(tmp_path, api.url, token)
    skewed = ServerClock(lambda: real_now() + SKEW, config.cache_dir / "clock-offset")
    kiosk = Kiosk(config, headless=True, now=skewed)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING and kiosk.last_frame is not None)
        kiosk.step()

        # the header shows the real time, not the player's
        assert abs(kiosk.now() - real_now()) < timedelta(seconds=5)
        # and notices whose window is still open by the real clock are on the rotation
        titles = {getattr(getattr(s, "notice", None), "title", None) for s in kiosk.rotation.slides}
        assert "家门口老年大学春季班开始报名" in titles
    finally:
        kiosk.close()


def test_an_absurd_server_time_is_ignored(tmp_path: Path) -> None:
    # given a clock on a correct player
    clock = ServerClock(real_now, tmp_path / "clock-offset")

    # when a response claims the end of time
    clock.observe(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC))

    # then reading it still works and still gives the real time; nothing went to disk
    assert abs(clock() - real_now()) < timedelta(seconds=2)
    assert not (tmp_path / "clock-offset").exists()


def test_the_client_drops_an_absurd_generated_at() -> None:
    assert _server_time({"generatedAt": "9999-12-31T23:59:59+00:00"}) is None
    assert _server_time({"generatedAt": "1970-01-01T00:00:00+00:00"}) is None
    assert _server_time({"generatedAt": "2030-01-01T00:00:00+00:00"}) is not None


@pytest.mark.parametrize("content", ["inf", "-inf", "nan", "1e30", "99999999999999", ""])
def test_an_impossible_offset_on_disk_is_ignored(tmp_path: Path, content: str) -> None:
    (tmp_path / "clock-offset").write_text(content)
    clock = ServerClock(real_now, tmp_path / "clock-offset")
    assert abs(clock() - real_now()) < timedelta(seconds=2)


def test_reading_the_clock_never_overflows() -> None:
    clock = ServerClock(real_now)
    clock.offset = timedelta.max  # however it got there
    assert abs(clock() - real_now()) < timedelta(seconds=2)


def test_a_positive_offset_is_dropped_once_the_local_clock_was_set(tmp_path: Path) -> None:
    # given a player that booted in 1970 and learnt the offset from the API
    booted_in_1970 = datetime(1970, 1, 1, tzinfo=UTC)
    clock = ServerClock(lambda: booted_in_1970, tmp_path / "clock-offset")
    clock.observe(real_now())
    assert abs(clock() - real_now()) < timedelta(seconds=2)

    # a restart still in 1970 (offline) keeps the correction
    still_1970 = ServerClock(lambda: booted_in_1970, tmp_path / "clock-offset")
    assert abs(still_1970() - real_now()) < timedelta(seconds=2)

    # when NTP has since set the local clock, the old offset must not push it decades ahead
    set_by_ntp = ServerClock(lambda: real_now() + timedelta(seconds=5), tmp_path / "clock-offset")
    assert abs(set_by_ntp() - real_now()) < timedelta(seconds=10)


def test_an_offset_file_from_before_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "clock-offset").write_text("-3600.000")
    clock = ServerClock(real_now, tmp_path / "clock-offset")
    assert abs(clock() - (real_now() - timedelta(hours=1))) < timedelta(seconds=2)


def test_once_the_api_told_the_time_a_jump_of_the_local_clock_changes_nothing(tmp_path: Path) -> None:
    # given a player whose clock is right, and that has heard the API's time
    wall = {"jump": timedelta(0)}
    mono = {"t": 1000.0}
    clock = ServerClock(lambda: real_now() + wall["jump"], tmp_path / "clock-offset", monotonic=lambda: mono["t"])
    told = real_now()
    clock.observe(told)

    # when its local clock jumps forward, then back, while time goes on
    for jump in (timedelta(days=40), timedelta(days=-3650)):
        wall["jump"] = jump
        mono["t"] += 60

        # then it counts on from what the API said, by the monotonic clock
        assert clock() == told + timedelta(seconds=mono["t"] - 1000.0)
