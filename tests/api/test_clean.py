"""The clean-up between API tests: it empties what tests write and puts back the seed, whatever the tables."""

from __future__ import annotations

from datetime import UTC, datetime

from qile_api.screens.heartbeats import DeviceRuntime
from qile_api.screens.sql import Heartbeat
from tests.api import factories as f
from tests.api.conftest import Api, Baseline


async def test_a_table_a_new_migration_adds_is_emptied_without_being_listed(api: Api) -> None:
    # given a table nobody listed anywhere, as a new migration would add it
    await api.db.execute("CREATE TABLE clean_probe (id bigint PRIMARY KEY)")
    try:
        baseline = await Baseline.read(api.db)
        await api.db.execute("INSERT INTO clean_probe VALUES (1), (2)")

        # when the clean-up runs
        await baseline.restore(api.db)

        # then it is empty again, and the seed's own tables were left filled
        assert await api.db.fetchval("SELECT count(*) FROM clean_probe") == 0
        assert "clean_probe" in baseline.content
        assert {t.name for t in baseline.reference} >= {"regions", "themes", "assessment_criteria"}
    finally:
        await api.db.execute("DROP TABLE clean_probe")


async def test_reference_rows_a_test_changed_are_put_back(api: Api, baseline: Baseline) -> None:
    # given a community given a theme and made a pilot, a criterion removed and a region added
    seeded = await api.db.fetchval("SELECT jsonb_agg(r ORDER BY id)::text FROM regions r")
    community = await f.region_id(api.db, "工盛社区")
    await api.db.execute(
        "UPDATE regions SET theme_key = 'love', pilot = true, version = version + 1 WHERE id = $1", community
    )
    await api.db.execute("DELETE FROM assessment_criteria WHERE key = (SELECT min(key) FROM assessment_criteria)")
    await api.db.execute(
        """INSERT INTO regions (level, parent_id, name)
        VALUES ('COMMUNITY', (SELECT parent_id FROM regions WHERE id = $1), '新社区')""",
        community,
    )

    # when the clean-up runs
    await baseline.restore(api.db)

    # then the regions are exactly as seeded, and the standard whole again
    assert await api.db.fetchval("SELECT jsonb_agg(r ORDER BY id)::text FROM regions r") == seeded
    assert await api.db.fetchval("SELECT count(*) FROM assessment_criteria") == 30


async def test_what_the_process_holds_in_memory_is_forgotten(api: Api) -> None:
    # given a heartbeat not yet written and a screenshot wanted
    await f.screen(api.db, "工盛社区")
    screen_id = int(await api.db.fetchval("SELECT max(id) FROM screens"))
    api.state.held(DeviceRuntime).beat(Heartbeat(screen_id, datetime.now(UTC), "v1", "showing", 5, None))
    api.state.held(DeviceRuntime).screenshot_wanted.add(screen_id)

    # when the state forgets
    api.state.forget()

    # then nothing of it is left to leak into the next test
    assert api.state.held(DeviceRuntime).unflushed(screen_id) is None
    assert api.state.held(DeviceRuntime).screenshot_wanted == set()
    assert await api.state.held(DeviceRuntime).flush(api.db) == 0
