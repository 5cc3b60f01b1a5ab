"""Assessment records written straight to the database, and a reader for results."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from qile_api.db.database import Database
from tests.api.conftest import Api
from tests.api.factories import region_id

YEAR = 2026
# Before the fake clock's 2026-11-28: these have taken place.
PAST = datetime(2026, 6, 1, 1, 0, tzinfo=UTC)
COMMUNITY = "工盛社区"


async def facility(
    db: Database,
    kind: str,
    *,
    community: str = COMMUNITY,
    name: str | None = None,
    indoor: str | None = None,
    outdoor: str | None = None,
    hours: str | None = None,
    free: bool | None = None,
) -> int:
    def num(v: str | None) -> Decimal | None:
        return Decimal(v) if v is not None else None

    value = await db.fetchval(
        """INSERT INTO facilities (community_id, kind, name, indoor_area_m2, outdoor_area_m2,
                                   weekly_open_hours, free_of_charge)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""",
        await region_id(db, community),
        kind,
        name or kind,
        num(indoor),
        num(outdoor),
        num(hours),
        free,
    )
    return int(value)


async def team(
    db: Database,
    members: int,
    *,
    kind: str = "CULTURE",
    all_year: bool = True,
    community: str = COMMUNITY,
    name: str | None = None,
) -> int:
    value = await db.fetchval(
        """INSERT INTO teams (community_id, kind, name, members, active_all_year)
        VALUES ($1, $2, $3, $4, $5) RETURNING id""",
        await region_id(db, community),
        kind,
        name or f"{kind}队{members}",
        members,
        all_year,
    )
    return int(value)


async def event(
    db: Database,
    *,
    category: str = "OTHER",
    large: bool = False,
    participants: int | None = 50,
    starts: datetime = PAST,
    status: str = "PUBLISHED",
    scope: str = COMMUNITY,
    title: str = "社区活动",
) -> int:
    value = await db.fetchval(
        """INSERT INTO events (region_id, category, title, starts_at, ends_at, status, large_scale, participants)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""",
        await region_id(db, scope),
        category,
        title,
        starts,
        starts + timedelta(hours=2),
        status,
        large,
        participants,
    )
    return int(value)


async def events(db: Database, n: int, **kwargs: Any) -> list[int]:
    return [await event(db, starts=PAST + timedelta(days=i), **kwargs) for i in range(n)]


async def selection(
    db: Database, kind: str, participating: int, eligible: int = 100, *, year: int = YEAR, community: str = COMMUNITY
) -> int:
    value = await db.fetchval(
        """INSERT INTO selections (community_id, year, kind, households_eligible, households_participating)
        VALUES ($1, $2, $3, $4, $5) RETURNING id""",
        await region_id(db, community),
        year,
        kind,
        eligible,
        participating,
    )
    return int(value)


async def recognition(db: Database, level: str, *, on: date = date(2025, 5, 1), community: str = COMMUNITY) -> int:
    value = await db.fetchval(
        """INSERT INTO recognitions (community_id, brand_name, level, recognised_by, recognised_on)
        VALUES ($1, '齐乐邻里节', $2, '山东省委宣传部', $3) RETURNING id""",
        await region_id(db, community),
        level,
        on,
    )
    return int(value)


async def attestation(
    db: Database, key: str, met: bool, *, year: int = YEAR, at: datetime = PAST, community: str = COMMUNITY
) -> int:
    value = await db.fetchval(
        """INSERT INTO attestations (community_id, year, criterion_key, met, attested_by_name, attested_at, note)
        VALUES ($1, $2, $3, $4, '李主任', $5, '现场查看') RETURNING id""",
        await region_id(db, community),
        year,
        key,
        met,
        at,
    )
    return int(value)


async def criteria(db: Database, rule: str) -> list[dict[str, Any]]:
    import json

    rows = await db.fetch("SELECT key, params, threshold FROM assessment_criteria WHERE rule = $1 ORDER BY key", rule)
    return [{"key": r["key"], "params": json.loads(r["params"]), "threshold": r["threshold"]} for r in rows]


ASSESSMENT = """
query($community: ID!, $year: Int!) {
  assessment(community: $community, year: $year) {
    year community { name }
    counts { met notMet unknown total progress }
    parts { number name counts { met notMet unknown total }
            criteria { key description rule measured threshold unit status statusLabel
                       evidence { kind id label } } }
  }
}
"""


async def community_gid(api: Api, name: str = COMMUNITY) -> str:
    body = await api.gql(
        "query($n: String) { communities(first: 1, filter: {name: $n}) { nodes { id } } }", {"n": name}
    )
    gid: str = body["data"]["communities"]["nodes"][0]["id"]
    return gid


async def assessment(api: Api, community: str = COMMUNITY, year: int = YEAR) -> dict[str, Any]:
    body = await api.gql(ASSESSMENT, {"community": await community_gid(api, community), "year": year})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["assessment"]
    return result


async def results(api: Api, community: str = COMMUNITY, year: int = YEAR) -> dict[str, dict[str, Any]]:
    """Criterion key → its result."""
    data = await assessment(api, community, year)
    return {c["key"]: c for p in data["parts"] for c in p["criteria"]}


async def result(api: Api, key: str, community: str = COMMUNITY, year: int = YEAR) -> tuple[str, float | None]:
    found = (await results(api, community, year))[key]
    return found["status"], found["measured"]
