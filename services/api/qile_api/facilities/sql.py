"""Facilities (设施) of a community: what the standard's part 1 measures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import asyncpg

from qile_api.assessment.vocabulary import FACILITY_KINDS
from qile_api.content.validation import limited
from qile_api.db.database import Executor
from qile_api.db.query import fetch_ids
from qile_api.graphql.payloads import ErrorCode, MutationError, error
from qile_api.limits import FACILITY_NAME
from qile_api.records.crud import RecordTable


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


async def community_exists(db: Executor, community_id: Any) -> list[MutationError]:
    if community_id is None or not await db.fetchval(
        "SELECT true FROM regions WHERE id = $1 AND level = 'COMMUNITY' AND retired_at IS NULL", community_id
    ):
        return [error(ErrorCode.NOT_FOUND, "社区不存在", "community")]
    return []


def non_negative(v: Mapping[str, Any], key: str, field: str, label: str, high: float) -> list[MutationError]:
    value = v.get(key)
    if value is not None and not 0 <= value <= high:
        return [error(ErrorCode.INVALID, f"{label}须在0到{int(high) if float(high).is_integer() else high}之间", field)]
    return []


async def validate_facility(db: Executor, v: Mapping[str, Any]) -> list[MutationError]:
    problems = [
        *await community_exists(db, v.get("community_id")),
        *limited(v, "name", "name", FACILITY_NAME),
        *non_negative(v, "indoor_area_m2", "indoorAreaM2", "室内面积", 1_000_000),
        *non_negative(v, "outdoor_area_m2", "outdoorAreaM2", "室外面积", 1_000_000),
        *non_negative(v, "weekly_open_hours", "weeklyOpenHours", "每周开放时长", 168),
    ]
    if v.get("kind") not in FACILITY_KINDS:
        problems.append(error(ErrorCode.INVALID, "未知的设施类型", "kind"))
    return problems


FACILITIES: RecordTable[FacilityRow] = RecordTable(
    table="facilities",
    columns="c.id, c.community_id, c.kind, c.name, c.indoor_area_m2, c.outdoor_area_m2, "
    "c.weekly_open_hours, c.free_of_charge, c.version, c.updated_at",
    type_name="Facility",
    label="设施",
    from_record=FacilityRow.from_record,
    validate=validate_facility,
)


async def facility_regions(db: Executor, facility_id: int) -> list[int]:
    """The region a facility lies in (for the scope check); none when there is no such facility."""
    return await fetch_ids(db, "SELECT ARRAY[community_id] FROM facilities WHERE id = $1", facility_id)
