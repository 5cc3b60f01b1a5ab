"""Recurring events (重复活动) in the console, in a real browser: a weekly series with a skipped date,
planned with the API's preview, on the calendar, approved as a whole, on a screen's feed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.console.conftest import SCREENSHOTS

pytestmark = pytest.mark.slow


def test_a_weekly_series_with_a_skipped_date_is_planned_approved_at_once_and_reaches_the_screen(
    scenario: Callable[[str], str],
) -> None:
    output = scenario("series")

    assert "series: all 5 steps passed" in output, output[-6000:]
    for page in ("desktop-event-series-form", "desktop-review-series"):
        assert (SCREENSHOTS / f"{page}.png").is_file(), page
