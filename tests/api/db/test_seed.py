"""The reference data loader: idempotent, one district per district."""

from __future__ import annotations

import asyncpg

from qile_api.db.database import Database
from qile_api.db.migrate import migrate
from qile_api.seed.reference import seed_reference
from tests.pg import Databases

SNAPSHOT = """
SELECT level, name, xmin::text AS xmin, version FROM regions
UNION ALL SELECT 'THEME', key, xmin::text, position FROM themes
ORDER BY 1, 2
"""


async def test_seeding_twice_changes_nothing(databases: Databases) -> None:
    dsn = await databases.create()
    await migrate(dsn)
    db = await Database.connect(dsn, min_size=1, max_size=1)
    try:
        async with db.transaction() as tx:
            first = await seed_reference(tx)
        before = [tuple(r) for r in await db.fetch(SNAPSHOT)]

        async with db.transaction() as tx:
            second = await seed_reference(tx)
        after = [tuple(r) for r in await db.fetch(SNAPSHOT)]
    finally:
        await db.close()

    assert first.regions_created == 1 + 10 + 17 + 20
    assert first.themes_written == 5 and first.pilots_marked == 20
    assert not second.changed
    # xmin changes whenever a row is rewritten: no row was
    assert after == before


async def test_the_two_spellings_of_the_development_zone_are_one_district(seeded_dsn: str) -> None:
    conn = await asyncpg.connect(seeded_dsn)
    try:
        districts = await conn.fetch("SELECT name FROM regions WHERE level = 'DISTRICT'")
        zone = await conn.fetch(
            """SELECT c.name FROM regions c JOIN regions d ON d.id = c.path[2]
               WHERE c.level = 'COMMUNITY' AND d.name = '经济开发区' ORDER BY c.pilot_no"""
        )
    finally:
        await conn.close()
    assert len(districts) == 10
    assert "经开区" not in {r["name"] for r in districts}
    assert [r["name"] for r in zone] == ["盛世康城社区", "鑫盛嘉园社区"]
