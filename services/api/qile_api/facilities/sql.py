"""Facilities (设施) of a community: what the standard's part 1 measures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import fetch_ids
from qile_api.editing.sql import Table


@dataclass(frozen=True)
class FacilityRow:
    id: int
    community_id: int
    kind: str
    name: str
    indoor_area_m2: Decimal | None
    outdoor_area_m2: Decimal | None
    weekly_open_hours: Decimal | None
    free_of_charge: bool | None
    version: int
    updated_at: datetime

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> FacilityRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


FACILITY_TABLE: Table[FacilityRow] = Table(
    name="facilities",
    columns="c.id, c.community_id, c.kind, c.name, c.indoor_area_m2, c.outdoor_area_m2, "
    "c.weekly_open_hours, c.free_of_charge, c.version, c.updated_at",
    type_name="Facility",
    label="设施",
    from_record=FacilityRow.from_record,
    region_column="community_id",
)


async def facility_regions(db: Executor, facility_id: int) -> list[int]:
    """The region a facility lies in (for the scope check); none when there is no such facility."""
    return await fetch_ids(db, "SELECT ARRAY[community_id] FROM facilities WHERE id = $1", facility_id)
