"""Teams (业余文体团队, 志愿服务队) of a community."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import fetch_ids
from qile_api.editing.sql import Table


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


TEAM_TABLE: Table[TeamRow] = Table(
    name="teams",
    columns="c.id, c.community_id, c.kind, c.name, c.members, c.active_all_year, c.version, c.updated_at",
    type_name="Team",
    label="团队",
    from_record=TeamRow.from_record,
    region_column="community_id",
)


async def team_regions(db: Executor, team_id: int) -> list[int]:
    """The region a team lies in (for the scope check); none when there is no such team."""
    return await fetch_ids(db, "SELECT ARRAY[community_id] FROM teams WHERE id = $1", team_id)
