"""Assessment tests: read as a city reviewer."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.api import staff
from tests.api.conftest import Api


@pytest.fixture(autouse=True)
async def as_city_reviewer(api: Api) -> None:
    # Assessments are for staff: these tests read them as a city reviewer. (The
    # standard some tests revise is put back by the clean-up in tests/api/conftest.py.)
    api.default_token = await staff.staff(api.db, "city", "REVIEWER", "淄博市")


@pytest.fixture
async def reports(api: Api) -> AsyncIterator[httpx.AsyncClient]:
    """The app's report endpoint, signed in as the city reviewer of this suite."""
    headers = {"Authorization": f"Bearer {api.default_token}"}
    transport = httpx.ASGITransport(app=api.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://qile.test", headers=headers) as client:
        yield client
