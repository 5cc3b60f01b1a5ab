"""What /metrics reads from the database when Prometheus asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from qile_api.db.database import Executor


@dataclass(frozen=True)
class DistrictScreens:
    district: str
    online: int
    offline: int  # reported before, silent now
    never_seen: int  # registered, never reported (not installed yet?)
    dark_communities: int  # have reported before, and none of their screens is online


async def screens_by_district(db: Executor, online_since: datetime) -> list[DistrictScreens]:
    """Screens in service per district, one statement: a scan of screens and their latest heartbeats.

    A community is dark when screens of it have reported before and none has
    since `online_since`; one whose screens were never installed is not.
    """
    rows = await db.fetch(
        """WITH per_community AS (
            SELECT c.path[2] AS district_id,
                   count(*) FILTER (WHERE h.seen_at >= $1) AS online,
                   count(*) FILTER (WHERE h.seen_at < $1) AS offline,
                   count(*) FILTER (WHERE h.seen_at IS NULL) AS never_seen
            FROM screens s
            JOIN regions c ON c.id = s.community_id
            LEFT JOIN screen_heartbeats h ON h.screen_id = s.id
            WHERE s.status = 'ACTIVE'
            GROUP BY c.path[2], s.community_id
        )
        SELECT d.name AS district, sum(p.online)::int AS online, sum(p.offline)::int AS offline,
               sum(p.never_seen)::int AS never_seen,
               (count(*) FILTER (WHERE p.online = 0 AND p.offline > 0))::int AS dark_communities
        FROM per_community p JOIN regions d ON d.id = p.district_id
        GROUP BY d.name ORDER BY d.name""",
        online_since,
    )
    return [DistrictScreens(**dict(r)) for r in rows]
