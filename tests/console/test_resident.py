"""A resident, from a real screen to a sign-up staff can see (issue 13), literally.

The real kiosk, paired to a bulletin screen of 工盛社区, draws its schedule
against the real API; zbarimg reads the event's QR code off the frame; that
address goes to e2e/resident.mjs, where Debian's chromium on a phone (as
WeChat's browser on Android, JavaScript off) opens it, weighs the first load,
signs up and sees the confirmation and the code; then staff in the console see
the sign-up with the number masked and the scan counted for that screen.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import asyncpg
import pytest

from qile_api.db.database import Database
from qile_kiosk.app import Kiosk
from tests.console.conftest import CONSOLE, SCREENSHOTS, run
from tests.kiosk.conftest import kiosk_config, new_screen
from tests.kiosk.qr import coded_slides
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

SCREEN = "大厅东屏"


async def an_event_open_for_sign_up(db: Database) -> int:
    """A published event of 工盛社区 in three days taking ten sign-ups, open for them now."""
    event = await db.fetchval(
        """INSERT INTO events (region_id, category, title, venue, organiser, starts_at, ends_at, status, published_at,
                               capacity, sign_up_opens_at, sign_up_closes_at)
        SELECT id, 'OUR_FESTIVALS', '重阳节包饺子', '社区食堂', '工盛社区居委会', now() + interval '3 days',
               now() + interval '3 days 2 hours', 'PUBLISHED', now(), 10, now() - interval '1 day',
               now() + interval '2 days'
        FROM regions WHERE name = '工盛社区' RETURNING id"""
    )
    return int(event)


def address_on_the_screen(api: ApiProcess, token: str, event: int, frames: Path) -> str:
    """The address zbarimg reads off the kiosk's frame, from the code drawn beside the event."""
    kiosk = Kiosk(kiosk_config(frames, api.url, token, (1280, 720)), headless=True)
    try:
        read = [url for slide in coded_slides(kiosk, frames) for url in slide.read]
    finally:
        kiosk.close()
    ours = [url for url in read if f"/e/{event}?" in url]
    assert len(ours) == 1, read
    return ours[0]


async def test_a_resident_scans_a_real_screen_signs_up_on_a_phone_and_staff_see_the_number_masked(
    api_process: ApiProcess, fresh_dsn: str, chromium: str, zbar: None, tmp_path: Path
) -> None:
    db = await Database.connect(fresh_dsn, min_size=1, max_size=2)
    try:
        event = await an_event_open_for_sign_up(db)
        token = await new_screen(db, "BULLETIN", SCREEN)
        screen = await db.fetchval("SELECT id FROM screens WHERE name = $1", SCREEN)
    finally:
        await db.close()

    url = address_on_the_screen(api_process, token, event, tmp_path)
    assert url == f"{api_process.url}/e/{event}?s={screen}"

    env = dict(
        os.environ,
        QILE_E2E_BASE_URL=api_process.url,
        QILE_E2E_CHROMIUM=chromium,
        QILE_E2E_SCREENSHOTS=str(SCREENSHOTS),
        QILE_E2E_URL=url,
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1",
    )
    result = run(["node", str(CONSOLE / "e2e" / "resident.mjs")], timeout=300, cwd=CONSOLE, env=env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    assert "resident: all 5 steps passed" in result.stdout, result.stdout
    weighed = re.search(r"^first load: 1 request\(s\), (\d+) bytes transferred$", result.stdout, re.MULTILINE)
    assert weighed is not None and int(weighed.group(1)) < 100 * 1024
    code = re.search(r"^code: (\w{6})$", result.stdout, re.MULTILINE)
    assert code is not None

    # The sign-up kept what the form asked for, the number whole (only staff's view masks it), and its screen.
    conn = await asyncpg.connect(fresh_dsn)
    try:
        kept = await conn.fetch("SELECT name, mobile, people, code, screen_id FROM event_sign_ups")
        opens = await conn.fetchval(
            "SELECT opens FROM event_scans WHERE event_id = $1 AND screen_id = $2", event, screen
        )
    finally:
        await conn.close()
    assert [tuple(r) for r in kept] == [("王秀兰", "13812345678", 2, code.group(1), screen)]
    assert opens == 1
