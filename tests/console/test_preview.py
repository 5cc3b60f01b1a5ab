"""The board preview, revision diffs, urgent notices and long lists, in a real browser (e2e/preview.mjs).

An editor sees a long title whole on every board, broken exactly where the
kiosk breaks it (the kiosk's own lines, tests/kiosk/board_cases.json), drawn in
a CJK font, sees an event's QR code where the kiosk draws it (read back by
zbarimg as the event's address), and is warned of a character no screen font has; a reviewer sees
the words a revision changed; an urgent notice's confirmations name the
screens it interrupts and it reaches a screen's feed;
120 notices can all be reached in the list, and its filters hold.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.console.conftest import SCREENSHOTS

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parents[2]

PAGES = [
    "desktop-notice-preview",
    "desktop-event-preview-qr",
    "desktop-review-diff",
    "desktop-urgent-confirmation",
    "desktop-notices-all",
    "phone-notices-paged",
    "phone-notice-preview",
    "phone-review-diff",
]


def test_preview_diff_urgent_and_long_lists_in_a_real_browser(scenario: Callable[[str], str]) -> None:
    # The preview's QR codes are read back by zbarimg, as the kiosk's are (tests/kiosk/test_qr_live.py).
    subprocess.run(["bash", str(ROOT / "infra" / "install-zbar.sh")], check=True)
    output = scenario("preview")

    assert "preview: all 8 steps passed" in output, output[-6000:]
    missing = [page for page in PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
