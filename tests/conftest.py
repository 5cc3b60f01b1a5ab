"""Fixtures every test may use: a real PostgreSQL and a seeded database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.pg import Databases, seeded_database, server_dsn


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
    return await seeded_database(databases)


@pytest.fixture(scope="session")
def zbar() -> None:
    """Debian's zbarimg, for tests that read a screen's QR codes (the kiosk's and the resident's)."""
    # Imported here: the helper brings pygame and the kiosk, which most tests never load.
    from tests.kiosk.qr import install_zbar

    install_zbar()
