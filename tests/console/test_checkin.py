"""Sign-ups and check-in through the console in Debian's chromium (issue 13, the staff side).

e2e/checkin.mjs: an event with 3 places and a sign-up window, approved; a
resident signs up on a phone; staff see the number masked, the QR code and the
CSV (with its BOM); at the door on a phone the code and two walk-ins make 3, a
stale correction is refused, then made; the admin grants the contact right and
the screens list counts the scan. Then, in the database: the count lives
beside the event and no draft revision was made for it.
"""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
import pytest

from tests.console.conftest import SCREENSHOTS

pytestmark = pytest.mark.slow

PAGES = [
    "desktop-event-form-sign-up",
    "desktop-event-sign-ups",
    "desktop-accounts-contact-right",
    "desktop-screens-scans",
    "phone-event-check-in",
    "phone-event-sign-ups",
]


async def test_staff_follow_sign_ups_and_check_residents_in_at_the_door_without_a_review_round(
    scenario: Callable[[str], str], fresh_dsn: str
) -> None:
    output = scenario("checkin")

    assert "checkin: all 10 steps passed" in output, output[-6000:]
    missing = [page for page in PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
    conn = await asyncpg.connect(fresh_dsn)
    try:
        events = await conn.fetch("SELECT title, status, revision_of, capacity FROM events")
        counted = await conn.fetchrow("SELECT checked_in, walk_ins, corrected FROM event_attendance")
    finally:
        await conn.close()
    assert [tuple(e) for e in events] == [("重阳节包饺子", "PUBLISHED", None, 3)]
    assert tuple(counted) == (1, 2, None)
