"""A community's records (社区档案) kept through the console, in a real browser.

An editor records a facility, a team, a selection and a recognition, meets a
refusal at its field and a save over someone else's, corrects and deletes; a
reviewer attests a criterion on a phone; the API then holds what was typed,
and another community's records stay out of the editor's lists
(services/console/e2e/records.mjs).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.console.conftest import SCREENSHOTS

pytestmark = pytest.mark.slow

PAGES = [
    "desktop-records",
    "desktop-record-form",
    "desktop-record-form-error",
    "phone-records",
    "phone-records-facilities",
    "phone-record-form",
]


def test_an_editor_and_a_reviewer_keep_a_communitys_records(scenario: Callable[[str], str]) -> None:
    output = scenario("records")

    assert "records: all 10 steps passed" in output, output[-6000:]
    # the list and form pages, at both widths, were looked at (Chinese only) and kept
    missing = [page for page in PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
