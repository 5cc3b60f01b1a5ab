"""City and district offices in the console (services/console/e2e/offices.mjs), in a real browser.

A district office (张店区) and the city administrator open a community's
assessment for the year, the pilot programme's charts, its month-by-month
progress and the assessment spreadsheets, and the office imports facilities
from workbooks filled in as an office would (written here with openpyxl);
the scenario checks each against the API's own answers. The
database holds the demo data (`make run`'s): 工盛社区 has criteria met, not
met and without data, and every pilot has its theme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.console.conftest import SCREENSHOTS
from tests.pg import Databases, seeded_database

pytestmark = pytest.mark.slow

PAGES = [
    "desktop-assessment",
    "desktop-programme",
    "desktop-programme-admin",
    "desktop-programme-history",
    "desktop-import-problems",
    "phone-assessment",
    "phone-programme",
]


@pytest.fixture
async def fresh_dsn(databases: Databases) -> str:
    """The console's fresh database with the demo content too (overrides tests/console/conftest.py's)."""
    return await seeded_database(databases, demo=True)


FACILITY_HEADER = ("社区", "设施类型", "设施名称", "室内面积（平方米）", "免费开放")


def workbook(path: Path, rows: Sequence[Sequence[Any]]) -> None:
    """A facilities sheet as an office fills it: the header, then its rows (no hint row: typed by hand)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in (FACILITY_HEADER, *rows):
        ws.append(list(row))
    wb.save(path)


@pytest.fixture
def workbooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    workbook(tmp_path / "设施.xlsx", [("工盛社区", "图书阅览室", "工盛社区百姓书屋", 120, "是")])
    workbook(
        tmp_path / "设施-有误.xlsx",
        [
            ("工盛社区", "图书阅览室", "工盛社区百姓书屋", 120, "是"),
            ("工盛社区", "游泳馆", "工盛游泳馆", 300, None),  # no such kind
            ("正齐社区", "图书阅览室", "正齐书屋", 80, None),  # 临淄区's: outside the office's scope
        ],
    )
    monkeypatch.setenv("QILE_E2E_WORKBOOKS", str(tmp_path))
    return tmp_path


def test_offices_read_assessments_charts_and_the_spreadsheet(
    workbooks: Path, scenario: Callable[[str], str]
) -> None:
    output = scenario("offices")

    assert "offices: all 11 steps passed" in output, output[-6000:]
    # each page, at desktop and phone widths, was looked at (Chinese only, a CJK font) and kept
    missing = [page for page in PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
