"""Reference data: the city, the pilot communities' tree and the five themes.

Idempotent: every write is an insert that does nothing when the row is
there, or an update guarded by "is anything different?", so a second run
changes no row.
"""

from __future__ import annotations

from dataclasses import dataclass

from qile_api.db.database import Executor
from qile_api.reference.pilots import CITY_NAME, load_pilots
from qile_api.reference.themes import THEMES

_UPSERT_THEME = """
INSERT INTO themes (key, position, name, kind, lines_of_work, lead_units, responsible_units)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (key) DO UPDATE SET
    position = EXCLUDED.position, name = EXCLUDED.name, kind = EXCLUDED.kind,
    lines_of_work = EXCLUDED.lines_of_work, lead_units = EXCLUDED.lead_units,
    responsible_units = EXCLUDED.responsible_units
WHERE (themes.position, themes.name, themes.kind, themes.lines_of_work, themes.lead_units,
       themes.responsible_units)
   IS DISTINCT FROM (EXCLUDED.position, EXCLUDED.name, EXCLUDED.kind, EXCLUDED.lines_of_work,
                     EXCLUDED.lead_units, EXCLUDED.responsible_units)
RETURNING key
"""

_ENSURE_REGION = """
WITH inserted AS (
    INSERT INTO regions (level, parent_id, name, subdistrict_kind)
    VALUES ($1, $2, $3, $4)
    ON CONFLICT (coalesce(parent_id, 0), name) DO NOTHING
    RETURNING id
)
SELECT id, true AS created FROM inserted
UNION ALL
SELECT id, false FROM regions WHERE coalesce(parent_id, 0) = coalesce($2, 0) AND name = $3
LIMIT 1
"""

_MARK_PILOT = """
UPDATE regions SET pilot = true, pilot_no = $2, updated_at = now(), version = version + 1
WHERE id = $1 AND (NOT pilot OR pilot_no IS DISTINCT FROM $2)
"""


@dataclass
class SeedReport:
    themes_written: int = 0
    regions_created: int = 0
    pilots_marked: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.themes_written or self.regions_created or self.pilots_marked)


async def _ensure_region(
    db: Executor, report: SeedReport, level: str, parent: int | None, name: str, kind: str | None
) -> int:
    row = await db.fetchrow(_ENSURE_REGION, level, parent, name, kind)
    assert row is not None
    report.regions_created += int(row["created"])
    return int(row["id"])


async def seed_reference(db: Executor) -> SeedReport:
    report = SeedReport()
    for position, theme in enumerate(THEMES, start=1):
        written = await db.fetchval(
            _UPSERT_THEME,
            theme.key,
            position,
            theme.name,
            theme.kind,
            list(theme.lines_of_work),
            list(theme.lead_units),
            list(theme.responsible_units),
        )
        report.themes_written += int(written is not None)

    city = await _ensure_region(db, report, "CITY", None, CITY_NAME, None)
    for pilot in load_pilots():
        district = await _ensure_region(db, report, "DISTRICT", city, pilot.district, None)
        sub = await _ensure_region(db, report, "SUBDISTRICT", district, pilot.subdistrict, pilot.subdistrict_kind)
        community = await _ensure_region(db, report, "COMMUNITY", sub, pilot.community, None)
        status = await db.execute(_MARK_PILOT, community, pilot.no)
        report.pilots_marked += int(status.split()[-1])
    return report
