"""The soaks' city: a database of their own with the reference data and the demo content."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from qile_api.db.database import Database
from tests.pg import Databases, seeded_database


@pytest.fixture
async def city(databases: Databases) -> AsyncIterator[tuple[str, Database]]:
    """Its DSN (for the API process) and a small pool for the test's own writes."""
    dsn = await seeded_database(databases, "qile_soak", demo=True)
    db = await Database.connect(dsn, min_size=1, max_size=2)
    try:
        yield dsn, db
    finally:
        await db.close()
