"""A notice's poster through the console, in a real browser (services/console/e2e/posters.mjs).

An editor uploads a poster to a notice (a file that is not an image refused at
the field, refusals calling it a 海报, or a 图片 for an activity photo, never a
照片), sees it in the board preview where the kiosk draws it, is refused
until the consent of the people in it is recorded, and submits; a reviewer
sees the poster in the queue and approves; the bulletin screen's feed carries
it, and it is served.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.console.conftest import SCREENSHOTS

pytestmark = pytest.mark.slow


def test_a_poster_is_uploaded_approved_and_on_the_screens_feed(scenario: Callable[[str], str]) -> None:
    output = scenario("posters")

    assert "posters: all 6 steps passed" in output, output[-6000:]
    pages = [
        "desktop-notice-poster-preview",
        "desktop-notice-poster-consent",
        "desktop-notice-poster-form",
        "desktop-review-poster",
    ]
    assert [p for p in pages if not (SCREENSHOTS / f"{p}.png").is_file()] == []
