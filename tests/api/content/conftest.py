"""Fixtures of the content workflow tests."""

from __future__ import annotations

import pytest

from tests.api import staff
from tests.api.conftest import Api
from tests.api.content.desk import Desk


@pytest.fixture
async def desk(api: Api) -> Desk:
    return Desk(
        api,
        await staff.staff(api.db, "editor", "EDITOR", "工盛社区"),
        await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道"),
        await staff.staff(api.db, "reviewer2", "REVIEWER", "车站街道"),
    )
