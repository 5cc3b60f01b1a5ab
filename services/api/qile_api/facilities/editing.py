"""What staff record of a facility, and what it must satisfy."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from qile_api.db.database import Executor
from qile_api.editing.crud import Editable
from qile_api.facilities.kinds import FACILITY_KINDS
from qile_api.facilities.sql import FACILITY_TABLE, FacilityRow
from qile_api.fields import Field, FieldMap
from qile_api.limits import FACILITY_NAME
from qile_api.problems import ErrorCode, Problem, problem
from qile_api.regions.sql import community_exists


def _measure(value: Any) -> Any:
    # Areas and hours are stored to 0.1; floats go through str() so 299.9 stays 299.9.
    return Decimal(str(value)) if isinstance(value, float) else value


FACILITY_FIELDS = FieldMap(
    Field("community", column="community_id"),
    Field("kind"),
    Field("name", text=FACILITY_NAME),
    Field("indoor_area_m2", nullable=True, between=(0, 1_000_000), label="室内面积", convert=_measure),
    Field("outdoor_area_m2", nullable=True, between=(0, 1_000_000), label="室外面积", convert=_measure),
    Field("weekly_open_hours", nullable=True, between=(0, 168), label="每周开放时长", convert=_measure),
    Field("free_of_charge", nullable=True),
)


async def _checks(db: Executor, v: Mapping[str, Any], _now: datetime) -> list[Problem]:
    problems = await community_exists(db, v.get("community_id"))
    if v.get("kind") not in FACILITY_KINDS:
        problems.append(problem(ErrorCode.INVALID, "未知的设施类型", "kind"))
    return problems


FACILITY: Editable[FacilityRow] = Editable(
    FACILITY_TABLE,
    FACILITY_FIELDS,
    create_action="facilityCreate",
    update_action="facilityUpdate",
    delete_action="facilityDelete",
    validate=_checks,
)
