"""City and district offices in the console (services/console/e2e/offices.mjs), in a real browser.

A district office (张店区) and the city administrator open a community's
assessment for the year, the pilot programme's charts and the assessment
spreadsheet; the scenario checks each against the API's own answers. The
database holds the demo data (`make run`'s): 工盛社区 has criteria met, not
met and without data, and every pilot has its theme.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.console.conftest import SCREENSHOTS
from tests.pg import Databases, seeded_database

pytestmark = pytest.mark.slow

PAGES = [
    "desktop-assessment",
    "desktop-programme",
    "desktop-programme-admin",
    "phone-assessment",
    "phone-programme",
]


@pytest.fixture
async def fresh_dsn(databases: Databases) -> str:
    """The console's fresh database with the demo content too (overrides tests/console/conftest.py's)."""
    return await seeded_database(databases, demo=True)


def test_offices_read_assessments_charts_and_the_spreadsheet(scenario: Callable[[str], str]) -> None:
    output = scenario("offices")

    assert "offices: all 9 steps passed" in output, output[-6000:]
    # each page, at desktop and phone widths, was looked at (Chinese only, a CJK font) and kept
    missing = [page for page in PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
