"""A screen whose own clock is wrong still shows the right time and keeps its notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from qile_api.db.database import Database
from qile_kiosk.app import Kiosk
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
