"""Teams (业余文体团队, 志愿服务队) of a community."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from qile_api.assessment.vocabulary import TEAM_KINDS
from qile_api.content.validation import limited
from qile_api.db.database import Executor
from qile_api.db.query import fetch_ids
from qile_api.facilities.sql import community_exists, non_negative
from qile_api.graphql.payloads import ErrorCode, MutationError, error
from qile_api.limits import TEAM_NAME
from qile_api.records.crud import RecordTable


@dataclass(frozen=True)
class TeamRow:
    id: int
    community_id: int
    kind: str
    name: str
    members: int
    active_all_year: bool
    version: int
    updated_at: datetime

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> TeamRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


async def validate_team(db: Executor, v: Mapping[str, Any]) -> list[MutationError]:
    problems = [
        *await community_exists(db, v.get("community_id")),
        *limited(v, "name", "name", TEAM_NAME),
        *non_negative(v, "members", "members", "人数", 100_000),
    ]
    if v.get("kind") not in TEAM_KINDS:
        problems.append(error(ErrorCode.INVALID, "未知的团队类型", "kind"))
    return problems


TEAMS: RecordTable[TeamRow] = RecordTable(
    table="teams",
    columns="c.id, c.community_id, c.kind, c.name, c.members, c.active_all_year, c.version, c.updated_at",
    type_name="Team",
    label="团队",
    from_record=TeamRow.from_record,
    validate=validate_team,
)


async def team_regions(db: Executor, team_id: int) -> list[int]:
    """The region a team lies in (for the scope check); none when there is no such team."""
    return await fetch_ids(db, "SELECT ARRAY[community_id] FROM teams WHERE id = $1", team_id)
