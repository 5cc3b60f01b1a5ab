"""Fixtures of the content workflow tests."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from tests.api.content.desk import Desk


@pytest.fixture
async def desk(api: Api) -> Desk:
    return await Desk.signed_in(api)
