"""What staff record of a team, and what it must satisfy."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from qile_api.db.database import Executor
from qile_api.editing.crud import Editable
from qile_api.fields import Field, FieldMap
from qile_api.limits import TEAM_NAME
from qile_api.problems import ErrorCode, Problem, problem
from qile_api.regions.sql import community_exists
from qile_api.teams.kinds import TEAM_KINDS
from qile_api.teams.sql import TEAM_TABLE, TeamRow

TEAM_FIELDS = FieldMap(
    Field("community", column="community_id"),
    Field("kind"),
    Field("name", text=TEAM_NAME),
    Field("members", between=(1, 10_000), label="人数"),
    Field("active_all_year"),
)


async def _checks(db: Executor, v: Mapping[str, Any], _now: datetime) -> list[Problem]:
    problems = await community_exists(db, v.get("community_id"))
    if v.get("kind") not in TEAM_KINDS:
        problems.append(problem(ErrorCode.INVALID, "未知的团队类型", "kind"))
    return problems


TEAM: Editable[TeamRow] = Editable(
    TEAM_TABLE,
    TEAM_FIELDS,
    create_action="teamCreate",
    update_action="teamUpdate",
    delete_action="teamDelete",
    validate=_checks,
)
