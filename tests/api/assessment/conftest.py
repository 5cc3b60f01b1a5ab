"""Assessment tests: read as a city reviewer."""

from __future__ import annotations

import pytest

from tests.api import staff
from tests.api.conftest import Api


@pytest.fixture(autouse=True)
async def as_city_reviewer(api: Api) -> None:
    # Assessments are for staff: these tests read them as a city reviewer. (The
    # standard some tests revise is put back by the clean-up in tests/api/conftest.py.)
    api.default_token = await staff.staff(api.db, "city", "REVIEWER", "淄博市")
