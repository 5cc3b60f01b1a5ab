"""SQL for seeding: reference data (idempotent upserts) and the demo's rows (keyed by `demo_key`).

Every write is an insert that does nothing when the row is there, or an
update guarded by "is anything different?" or keyed on the demo row's
stable key, so running a seed again changes what it must and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from qile_api.db.database import Executor

# Reference data -------------------------------------------------------------


async def upsert_theme(
    db: Executor,
    key: str,
    position: int,
    name: str,
    kind: str,
    lines_of_work: Sequence[str],
    lead_units: Sequence[str],
    responsible_units: Sequence[str],
) -> bool:
    """Insert or correct a theme; True when a row was written."""
    written = await db.fetchval(
        """INSERT INTO themes (key, position, name, kind, lines_of_work, lead_units, responsible_units)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (key) DO UPDATE SET
            position = EXCLUDED.position, name = EXCLUDED.name, kind = EXCLUDED.kind,
            lines_of_work = EXCLUDED.lines_of_work, lead_units = EXCLUDED.lead_units,
            responsible_units = EXCLUDED.responsible_units
        WHERE (themes.position, themes.name, themes.kind, themes.lines_of_work, themes.lead_units,
               themes.responsible_units)
           IS DISTINCT FROM (EXCLUDED.position, EXCLUDED.name, EXCLUDED.kind, EXCLUDED.lines_of_work,
                             EXCLUDED.lead_units, EXCLUDED.responsible_units)
        RETURNING key""",
        key,
        position,
        name,
        kind,
        list(lines_of_work),
        list(lead_units),
        list(responsible_units),
    )
    return written is not None


async def ensure_region(
    db: Executor, level: str, parent_id: int | None, name: str, subdistrict_kind: str | None
) -> tuple[int, bool]:
    """The region's id, inserted when missing; and whether it was."""
    row = await db.fetchrow(
        """WITH inserted AS (
            INSERT INTO regions (level, parent_id, name, subdistrict_kind)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (coalesce(parent_id, 0), name) DO NOTHING
            RETURNING id
        )
        SELECT id, true AS created FROM inserted
        UNION ALL
        SELECT id, false FROM regions WHERE coalesce(parent_id, 0) = coalesce($2, 0) AND name = $3
        LIMIT 1""",
        level,
        parent_id,
        name,
        subdistrict_kind,
    )
    assert row is not None
    return int(row["id"]), bool(row["created"])


async def mark_pilot(db: Executor, community_id: int, pilot_no: int) -> int:
    """Mark a pilot community with its number; how many rows changed (0 when it was already)."""
    status = await db.execute(
        """UPDATE regions SET pilot = true, pilot_no = $2, updated_at = now(), version = version + 1
        WHERE id = $1 AND (NOT pilot OR pilot_no IS DISTINCT FROM $2)""",
        community_id,
        pilot_no,
    )
    return int(status.split()[-1])


# The demo ---------------------------------------------------------------------


async def region_named(db: Executor, name: str) -> int | None:
    found = await db.fetchval("SELECT id FROM regions WHERE name = $1 ORDER BY id LIMIT 1", name)
    return None if found is None else int(found)


async def community_named(db: Executor, name: str) -> int | None:
    found = await db.fetchval("SELECT id FROM regions WHERE level = 'COMMUNITY' AND name = $1", name)
    return None if found is None else int(found)


async def choose_theme(db: Executor, community: str, theme_key: str) -> None:
    """Give a community its theme, unless staff chose one already."""
    await db.execute(
        "UPDATE regions SET theme_key = $2 WHERE level = 'COMMUNITY' AND name = $1 AND theme_key IS NULL",
        community,
        theme_key,
    )


async def upsert_demo_notice(
    db: Executor,
    key: str,
    region_id: int,
    category: str,
    title: str,
    body: str,
    priority: int,
    urgent: bool,
    display_start: datetime,
    display_end: datetime,
) -> None:
    await db.execute(
        """INSERT INTO notices (region_id, category, title, body, priority, urgent, display_start,
                                display_end, status, published_at, is_demo, demo_key)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PUBLISHED', $7, true, $9)
        ON CONFLICT (demo_key) DO UPDATE SET title = EXCLUDED.title, display_start = EXCLUDED.display_start,
                                             display_end = EXCLUDED.display_end""",
        region_id,
        category,
        title,
        body,
        priority,
        urgent,
        display_start,
        display_end,
        key,
    )


async def insert_demo_honour(
    db: Executor, key: str, region_id: int, title: str, subject_kind: str, subject_name: str, citation: str, year: int
) -> None:
    await db.execute(
        """INSERT INTO honours (region_id, title, subject_kind, subject_name, citation, year,
                                status, published_at, is_demo, demo_key,
                                consent_given_by, consent_given_at, consent_method)
        VALUES ($1, $2, $3, $4, $5, $6, 'PUBLISHED', now(), true, $7, $4, now(), '书面签字（演示数据）')
        ON CONFLICT (demo_key) DO NOTHING""",
        region_id,
        title,
        subject_kind,
        subject_name,
        citation,
        year,
        key,
    )


async def upsert_demo_event(
    db: Executor,
    key: str,
    region_id: int,
    theme_key: str | None,
    category: str,
    title: str,
    venue: str,
    starts_at: datetime,
    ends_at: datetime,
    organiser: str,
    large_scale: bool,
) -> None:
    await db.execute(
        """INSERT INTO events (region_id, theme_key, category, title, venue, starts_at, ends_at,
                               organiser, large_scale, status, published_at, is_demo, demo_key)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PUBLISHED', now(), true, $10)
        ON CONFLICT (demo_key) DO UPDATE SET title = EXCLUDED.title, starts_at = EXCLUDED.starts_at,
                                             ends_at = EXCLUDED.ends_at""",
        region_id,
        theme_key,
        category,
        title,
        venue,
        starts_at,
        ends_at,
        organiser,
        large_scale,
        key,
    )


async def insert_demo_screen(db: Executor, key: str, community_id: int, kind: str, name: str, location: str) -> None:
    """A demo screen, without a token: `make run` issues one to its kiosk."""
    await db.execute(
        """INSERT INTO screens (community_id, kind, name, location, is_demo, demo_key)
        VALUES ($1, $2, $3, $4, true, $5) ON CONFLICT (demo_key) DO NOTHING""",
        community_id,
        kind,
        name,
        location,
        key,
    )


# The assessment's demo records --------------------------------------------------


async def insert_demo_facility(
    db: Executor,
    key: str,
    community_id: int,
    kind: str,
    name: str,
    indoor_area_m2: int | None,
    outdoor_area_m2: int | None,
    weekly_open_hours: int | None,
    free_of_charge: bool | None,
) -> None:
    await db.execute(
        """INSERT INTO facilities (community_id, kind, name, indoor_area_m2, outdoor_area_m2, weekly_open_hours,
                                   free_of_charge, is_demo, demo_key)
        VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8) ON CONFLICT (demo_key) DO NOTHING""",
        community_id,
        kind,
        name,
        indoor_area_m2,
        outdoor_area_m2,
        weekly_open_hours,
        free_of_charge,
        key,
    )


async def insert_demo_team(
    db: Executor, key: str, community_id: int, kind: str, name: str, members: int, active_all_year: bool
) -> None:
    await db.execute(
        """INSERT INTO teams (community_id, kind, name, members, active_all_year, is_demo, demo_key)
        VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (demo_key) DO NOTHING""",
        community_id,
        kind,
        name,
        members,
        active_all_year,
        key,
    )


async def upsert_demo_past_event(
    db: Executor,
    key: str,
    community_id: int,
    category: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    large_scale: bool,
    participants: int | None,
) -> None:
    await db.execute(
        """INSERT INTO events (region_id, category, title, starts_at, ends_at, large_scale, participants,
                               status, published_at, is_demo, demo_key)
        VALUES ($1, $2, $3, $4, $5, $6, $7, 'PUBLISHED', $4, true, $8)
        ON CONFLICT (demo_key) DO UPDATE SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at""",
        community_id,
        category,
        title,
        starts_at,
        ends_at,
        large_scale,
        participants,
        key,
    )


async def insert_demo_selection(
    db: Executor, key: str, community_id: int, year: int, kind: str, eligible: int, participating: int
) -> None:
    await db.execute(
        """INSERT INTO selections (community_id, year, kind, households_eligible, households_participating,
                                   is_demo, demo_key)
        VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT DO NOTHING""",
        community_id,
        year,
        kind,
        eligible,
        participating,
        key,
    )


async def insert_demo_recognition(
    db: Executor, key: str, community_id: int, brand_name: str, level: str, recognised_by: str, recognised_on: date
) -> None:
    await db.execute(
        """INSERT INTO recognitions (community_id, brand_name, level, recognised_by, recognised_on,
                                     is_demo, demo_key)
        VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (demo_key) DO NOTHING""",
        community_id,
        brand_name,
        level,
        recognised_by,
        recognised_on,
        key,
    )


async def insert_demo_attestation(
    db: Executor, key: str, community_id: int, year: int, criterion_key: str, met: bool, at: datetime, note: str
) -> None:
    await db.execute(
        """INSERT INTO attestations (community_id, year, criterion_key, met, attested_by_name, attested_at, note,
                                     is_demo, demo_key)
        VALUES ($1, $2, $3, $4, '社区文化专干', $5, $6, true, $7) ON CONFLICT (demo_key) DO NOTHING""",
        community_id,
        year,
        criterion_key,
        met,
        at,
        note,
        key,
    )
