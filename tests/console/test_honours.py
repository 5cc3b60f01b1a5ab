"""好人长廊 through the console, in a real browser.

An editor drafts a person's honour with a photo cropped in the browser (a
file that is not an image and one too large refused at the field, nothing
typed lost), is refused review without consent, records consent with the
signed form and submits; a reviewer sees the consent and the form in the
queue and approves; the gallery screen's feed shows it until consent is
withdrawn; consent again goes back through review; past 100 honours the
list pages (services/console/e2e/honours.mjs).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.console.conftest import SCREENSHOTS

pytestmark = pytest.mark.slow

PAGES = [
    "desktop-honours",
    "desktop-honour-form",
    "desktop-honour-crop",
    "desktop-honour-photo-error",
    "desktop-honour-consent-required",
    "desktop-honour-consent-dialog",
    "desktop-honour-withdrawn",
    "desktop-review-honour",
    "phone-honours",
    "phone-honour-form",
    "phone-honour-new",
]


def test_an_honour_is_shown_with_consent_only_and_leaves_when_it_is_withdrawn(scenario: Callable[[str], str]) -> None:
    output = scenario("honours")

    assert "honours: all 13 steps passed" in output, output[-6000:]
    # the list, the form and the review, at both widths, were looked at (Chinese only) and kept
    missing = [page for page in PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
