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
from qile_api.seed import sql


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
    region_id, created = await sql.ensure_region(db, level, parent, name, kind)
    report.regions_created += int(created)
    return region_id


async def seed_reference(db: Executor) -> SeedReport:
    report = SeedReport()
    for position, theme in enumerate(THEMES, start=1):
        written = await sql.upsert_theme(
            db,
            theme.key,
            position,
            theme.name,
            theme.kind,
            theme.lines_of_work,
            theme.lead_units,
            theme.responsible_units,
        )
        report.themes_written += int(written)

    city = await _ensure_region(db, report, "CITY", None, CITY_NAME, None)
    for pilot in load_pilots():
        district = await _ensure_region(db, report, "DISTRICT", city, pilot.district, None)
        sub = await _ensure_region(db, report, "SUBDISTRICT", district, pilot.subdistrict, pilot.subdistrict_kind)
        community = await _ensure_region(db, report, "COMMUNITY", sub, pilot.community, None)
        report.pilots_marked += await sql.mark_pilot(db, community, pilot.no)
    return report
