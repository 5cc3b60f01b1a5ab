"""Test data written straight to the database, for the state a test starts from (not how staff make it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from qile_api.db.database import Database
from qile_api.screens.admin import add_screen


async def region_id(db: Database, name: str) -> int:
    value = await db.fetchval("SELECT id FROM regions WHERE name = $1", name)
    assert value is not None, name
    return int(value)


async def notice(
    db: Database,
    scope: str,
    title: str,
    *,
    status: str = "PUBLISHED",
    start: datetime,
    end: datetime | None = None,
    urgent: bool = False,
    priority: int = 0,
    category: str = "SERVICE",
    body: str = "正文",
) -> int:
    value = await db.fetchval(
        """INSERT INTO notices (region_id, category, title, body, priority, urgent, display_start,
                                display_end, status)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""",
        await region_id(db, scope), category, title, body, priority, urgent, start, end, status,
    )
    return int(value)


async def honour(
    db: Database, scope: str, name: str, *, title: str = "好邻居", status: str = "PUBLISHED", year: int = 2024
) -> int:
    value = await db.fetchval(
        """INSERT INTO honours (region_id, title, subject_kind, subject_name, citation, year, status,
                                contact, consent_given_by, consent_given_at, consent_method)
        VALUES ($1, $2, 'PERSON', $3, '热心助人', $4, $5, '13800000000', '本人', now(), '书面签字')
        RETURNING id""",
        await region_id(db, scope), title, name, year, status,
    )
    return int(value)


async def event(
    db: Database,
    scope: str,
    title: str,
    *,
    starts: datetime,
    hours: int = 2,
    status: str = "PUBLISHED",
    category: str = "NEIGHBOUR_FESTIVAL",
) -> int:
    value = await db.fetchval(
        """INSERT INTO events (region_id, category, title, starts_at, ends_at, status)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
        await region_id(db, scope), category, title, starts, starts + timedelta(hours=hours), status,
    )
    return int(value)


async def screen(db: Database, community: str, kind: str = "BULLETIN", name: str = "大厅屏") -> str:
    return await add_screen(db, community, kind, name)


def ids(nodes: list[dict[str, Any]], key: str = "title") -> list[Any]:
    return [n[key] for n in nodes]
