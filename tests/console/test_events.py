"""The console's events pages (活动) in a real browser: calendar, list, form, review, participants.

The browser's clock is in New York: a 09:00 Beijing-time event must still sit at
09:00 of its Zibo day on the week and month calendars. Screenshots of the
calendar (week, month), the list and the form at desktop and phone widths.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.console.conftest import SCREENSHOTS

pytestmark = pytest.mark.slow

PAGES = [
    "desktop-events-week",
    "desktop-events-month",
    "desktop-events-list",
    "desktop-event-form",
    "desktop-review-event",
    "phone-events-week",
    "phone-events-month",
    "phone-events-list",
    "phone-event-form",
]


def test_an_editor_plans_an_event_a_reviewer_publishes_it_and_its_head_count_follows(
    scenario: Callable[[str], str],
) -> None:
    output = scenario("events")

    assert "events: all 10 steps passed" in output, output[-6000:]
    missing = [page for page in PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
