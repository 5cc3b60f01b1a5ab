"""The staff console: its unit tests (Vitest) and the README's walkthrough in a real browser.

The browser is Debian's chromium (infra/install-chromium.sh installs it when
missing), driven by playwright-core with that executable: no browser download.
One API process over a fresh database serves the whole walkthrough, which
saves screenshots of the main pages at desktop and phone widths to
.data/console-screenshots.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.console.conftest import CONSOLE, SCREENSHOTS, run

pytestmark = pytest.mark.slow

MAIN_PAGES = [
    "desktop-login",
    "desktop-home-admin",
    "desktop-accounts",
    "desktop-notices",
    "desktop-notice-form-error",
    "desktop-review",
    "desktop-graphiql",
    "phone-login",
    "phone-home",
    "phone-notices",
    "phone-notice-form",
    "phone-review",
]


def test_console_logic_unit_tests_pass(console_build: Path) -> None:
    result = run(["npx", "--no-install", "vitest", "run", "--reporter=dot"], timeout=300, cwd=CONSOLE)

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout


def test_the_staff_walkthrough_in_a_real_browser(scenario: Callable[[str], str]) -> None:
    output = scenario("walkthrough")

    assert "walkthrough: all 15 steps passed" in output, output[-6000:]
    # every main page, at both widths, was looked at (Chinese only, a CJK font) and kept
    missing = [page for page in MAIN_PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
