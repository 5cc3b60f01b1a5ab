"""Fixtures every test may use: a real PostgreSQL and a seeded database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from qile_api.db.database import Database
from qile_api.db.migrate import migrate
from qile_api.seed.reference import seed_reference
from tests.pg import Databases, server_dsn


@pytest.fixture(scope="session")
def pg_admin_dsn() -> Iterator[str]:
    with server_dsn() as dsn:
        yield dsn


@pytest.fixture(scope="session")
async def databases(pg_admin_dsn: str) -> AsyncIterator[Databases]:
    dbs = Databases(pg_admin_dsn)
    yield dbs
    await dbs.drop_all()


@pytest.fixture(scope="session")
async def seeded_dsn(databases: Databases) -> str:
    """A database with every migration and the reference data (no demo)."""
    dsn = await databases.create()
    await migrate(dsn)
    db = await Database.connect(dsn, min_size=1, max_size=2)
    try:
        async with db.transaction() as tx:
            await seed_reference(tx)
    finally:
        await db.close()
    return dsn
