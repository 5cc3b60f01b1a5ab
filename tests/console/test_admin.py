"""The administrator's pages in a real browser: accounts, screens (pairing, tokens, screenshots), the audit log.

Runs services/console/e2e/admin.mjs against its own API over a fresh database
(the `scenario` fixture; a pairing is claimed both by typing the code and from
the address a screen's QR code carries), and checks that the admin pages were looked at, at
desktop and phone widths, and kept as screenshots.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.console.conftest import SCREENSHOTS

pytestmark = pytest.mark.slow

ADMIN_PAGES = [
    "desktop-admin-accounts",
    "desktop-admin-password",
    "desktop-admin-screens",
    "desktop-admin-screen-detail",
    "desktop-admin-audit",
    "phone-admin-accounts",
    "phone-admin-screens",
    "phone-admin-screen-detail",
    "phone-admin-audit",
    "phone-admin-claim-scanned",
]


def test_an_admin_manages_accounts_screens_and_reads_the_audit_log(scenario: Callable[[str], str]) -> None:
    output = scenario("admin")

    assert "admin: all 15 steps passed" in output, output[-6000:]
    missing = [page for page in ADMIN_PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
