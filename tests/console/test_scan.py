"""扫码签到 in Debian's chromium with a fake camera filming the resident's QR code (issue 13, at the door).

A resident signs up on the resident page (the form's POST, as a phone sends
it); the QR code on the confirmation is drawn to pixels by a real SVG
renderer and written as the fake camera's video; e2e/scan.mjs then has staff
on a phone without a camera told so, and with it check the resident in by
camera, scan on (已签到) and close the camera. Then, in the database: checked
in once, by the editor.
"""

from __future__ import annotations

import os
from pathlib import Path

import asyncpg
import httpx
import pytest
from strawberry.relay import to_base64

from qile_api.db.database import Database
from tests.api.events.signups.code_qr import drawn, svg_on
from tests.console.conftest import CONSOLE, SCREENSHOTS, run
from tests.console.fake_camera import write_y4m
from tests.console.test_resident import an_event_open_for_sign_up
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

RESIDENT = "王秀兰"


async def an_event_at_the_door(dsn: str) -> int:
    """An event open for sign-up that starts within the hour: staff may check residents in now."""
    db = await Database.connect(dsn, min_size=1, max_size=2)
    try:
        event = await an_event_open_for_sign_up(db)
        await db.execute(
            "UPDATE events SET starts_at = now() + interval '1 hour', ends_at = now() + interval '3 hours',"
            " sign_up_closes_at = now() + interval '30 minutes' WHERE id = $1",
            event,
        )
    finally:
        await db.close()
    return event


def sign_up_on_the_resident_page(api: ApiProcess, event: int) -> str:
    """The confirmation page a resident's phone gets back from the form."""
    form = {"action": "signup", "name": RESIDENT, "mobile": "138 1234 5678", "people": "1", "consent": "yes", "s": ""}
    done = httpx.post(f"{api.url}/e/{event}", data=form, timeout=30)
    assert done.status_code == 200 and "报名成功" in done.text, done.text
    return done.text


async def test_staff_check_a_resident_in_by_filming_the_qr_code_on_their_confirmation(
    api_process: ApiProcess, fresh_dsn: str, chromium: str, tmp_path: Path
) -> None:
    event = await an_event_at_the_door(fresh_dsn)
    confirmation = sign_up_on_the_resident_page(api_process, event)
    camera = tmp_path / "resident-phone.y4m"
    write_y4m(drawn(svg_on(confirmation), module_px=8), camera)

    env = dict(
        os.environ,
        QILE_E2E_BASE_URL=api_process.url,
        QILE_E2E_CHROMIUM=chromium,
        QILE_E2E_SCREENSHOTS=str(SCREENSHOTS),
        QILE_E2E_CAMERA=str(camera),
        QILE_E2E_EVENT=to_base64("Event", event),
        QILE_E2E_RESIDENT=RESIDENT,
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1",
    )
    result = run(["node", str(CONSOLE / "e2e" / "scan.mjs")], timeout=300, cwd=CONSOLE, env=env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    assert "scan: all 5 steps passed" in result.stdout, result.stdout
    for page in ("phone-check-in-no-camera", "phone-check-in-scanned"):
        assert (SCREENSHOTS / f"{page}.png").is_file()

    conn = await asyncpg.connect(fresh_dsn)
    try:
        checked = await conn.fetch(
            "SELECT s.name, s.checked_in_people, a.username FROM event_sign_ups s"
            " JOIN accounts a ON a.id = s.checked_in_by"
        )
        counted = await conn.fetchrow("SELECT checked_in, walk_ins FROM event_attendance WHERE event_id = $1", event)
    finally:
        await conn.close()
    assert [tuple(r) for r in checked] == [(RESIDENT, 1, "gongsheng.editor")]
    assert tuple(counted) == (1, 0)
