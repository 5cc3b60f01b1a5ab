"""A real PostgreSQL for the tests: DATABASE_URL when set, else an embedded one.

Each test session works in databases of its own, created here and dropped at
the end, so a developer's data in the server's other databases is never
touched.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg


def with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path="/" + name))


@contextmanager
def server_dsn() -> Iterator[str]:
    """DSN of a server the tests may create databases on."""
    url = os.environ.get("DATABASE_URL")
    if url:
        yield url
        return
    from qile_api.db.embedded import start_embedded

    with tempfile.TemporaryDirectory(prefix="qile-pg-") as tmp:
        dsn, server = start_embedded(Path(tmp) / "pg")
        try:
            yield dsn
        finally:
            server.cleanup()


class Databases:
    """Creates throw-away databases on one server and drops them all at the end."""

    def __init__(self, admin_dsn: str) -> None:
        self.admin_dsn = admin_dsn
        self.created: list[str] = []

    async def create(self, prefix: str = "qile_test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        conn = await asyncpg.connect(self.admin_dsn)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        self.created.append(name)
        return with_database(self.admin_dsn, name)

    async def drop_all(self) -> None:
        conn = await asyncpg.connect(self.admin_dsn)
        try:
            for name in self.created:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()


async def execute(dsn: str, sql: str, *args: Any) -> str:
    conn = await asyncpg.connect(dsn)
    try:
        return str(await conn.execute(sql, *args))
    finally:
        await conn.close()


async def seeded_database(dbs: Databases, prefix: str = "qile_test", *, demo: bool = False) -> str:
    """A new database with every migration and the reference data (and the demo content if asked)."""
    from qile_api.db.database import Database
    from qile_api.db.migrate import migrate
    from qile_api.seed.demo import seed_demo
    from qile_api.seed.reference import seed_reference

    dsn = await dbs.create(prefix)
    await migrate(dsn)
    db = await Database.connect(dsn, min_size=1, max_size=1)
    try:
        async with db.transaction() as tx:
            await seed_reference(tx)
            if demo:
                await seed_demo(tx)
    finally:
        await db.close()
    return dsn
