"""Migrations: each applied exactly once, also when processes start together."""

from __future__ import annotations

import asyncio

import asyncpg

from qile_api.db.migrate import load_migrations, migrate
from tests.pg import Databases


async def applied_versions(dsn: str) -> list[int]:
    conn = await asyncpg.connect(dsn)
    try:
        return [r["version"] for r in await conn.fetch("SELECT version FROM schema_migrations ORDER BY 1")]
    finally:
        await conn.close()


async def test_running_twice_applies_nothing_the_second_time(databases: Databases) -> None:
    dsn = await databases.create()

    first = await migrate(dsn)
    second = await migrate(dsn)

    assert [m.version for m in first] == [m.version for m in load_migrations()]
    assert second == []
    assert await applied_versions(dsn) == [m.version for m in load_migrations()]


async def test_concurrent_starts_apply_each_migration_once(databases: Databases) -> None:
    dsn = await databases.create()

    results = await asyncio.gather(*(migrate(dsn) for _ in range(4)))

    applied = sorted(m.version for result in results for m in result)
    assert applied == [m.version for m in load_migrations()]
    assert await applied_versions(dsn) == applied
